import type { BotContext } from '../bot/bot-context';
import type { IncomingCommand } from '../base/incoming';
import type { Reply } from '../base/reply';
import { cleanUserText } from '../base/clean-user-text';
import { handleHelpCommand } from './handle-help-command';
import { confirmForget, exportPersonalData } from '../privacy/handle-privacy';

/** `/engage [help | forget me | export me]`. Anything else gets the help, with the privacy hint. */
export async function handleEngageCommand(ctx: BotContext, cmd: IncomingCommand): Promise<Reply> {
  const words = cleanUserText(cmd.text, 40).text.toLowerCase().split(/\s+/).filter(Boolean).join(' ');
  if (words === 'forget me') return confirmForget(ctx, cmd.actor);
  if (words === 'export me') return exportPersonalData(ctx, cmd.actor);
  const help = handleHelpCommand(ctx);
  if (words.startsWith('forget') || words.startsWith('export')) {
    return { ...help, blocks: [{ type: 'text', text: ctx.privacy.messages.usage }, ...help.blocks] };
  }
  return help;
}
