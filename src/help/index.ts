import type { EngageWords, Feature } from '../base/feature';
import type { Messages } from '../base/load-prompts';
import type { CommandSpec } from '../base/load-command-catalog';
import { cleanUserText } from '../base/clean-user-text';
import { renderHelp } from './handle-help-command';

export interface HelpContext {
  messages: Messages;
  catalog: readonly CommandSpec[];
  /** Other features' words after `/engage` ("forget me"), asked in feature order before the help. */
  engageWords: () => readonly EngageWords[];
}

/** `/engage [help | words another feature answers]`: anything no feature answers gets the help. */
export function createHelpFeature(ctx: HelpContext): Feature {
  const help = () => renderHelp(ctx.messages, ctx.catalog);
  return {
    name: 'help',
    commands: {
      async engage(cmd) {
        const words = cleanUserText(cmd.text, 40).text.toLowerCase().split(/\s+/).filter(Boolean).join(' ');
        for (const answer of ctx.engageWords()) {
          const reply = await answer(words, cmd, help);
          if (reply) return reply;
        }
        return help();
      },
    },
  };
}
