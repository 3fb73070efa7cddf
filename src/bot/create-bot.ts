import type { BotContext } from './bot-context';
import type { Actor, FieldErrors, IncomingAction, IncomingCommand, IncomingSubmission } from '../base/incoming';
import { textReply, type Block, type Reply } from '../base/reply';
import { fillTemplate } from '../base/fill-template';
import { handleEngageCommand } from '../help/handle-engage-command';
import { handlePrivacyAction } from '../privacy/handle-privacy';
import { handleTipCommand } from '../tip/handle-tip-command';
import { handleTipAction } from '../tip/handle-tip-action';
import { tipOfTheDayHomeSection } from '../tip/tip-of-the-day-home-section';
import { handleRemindCommand } from '../remind/handle-remind-command';
import { handleRemindAction } from '../remind/handle-remind-action';
import { handleRemindOutcome } from '../remind/handle-remind-outcome';
import { upcomingRemindersHomeSection } from '../remind/upcoming-reminders-home-section';
import { OUTCOME_FORM_ID } from '../remind/render-reminder';
import { handleDebriefCommand } from '../debrief/handle-debrief-command';
import { handleDebriefAction } from '../debrief/handle-debrief-action';
import { checkDebriefAnswers, handleDebriefSubmission } from '../debrief/handle-debrief-submission';
import { recentDebriefsHomeSection } from '../debrief/recent-debriefs-home-section';
import { DEBRIEF_FORM_ID } from '../debrief/build-debrief-form';

type CommandHandler = (ctx: BotContext, cmd: IncomingCommand) => Reply | Promise<Reply>;
type ActionHandler = (ctx: BotContext, action: IncomingAction) => Promise<Reply | undefined>;
/** `errors`: show them beside the fields and keep the form open; otherwise close it and show `reply`. */
export type SubmissionResult = { errors: FieldErrors } | { reply?: Reply };
type SubmissionHandler = (ctx: BotContext, submission: IncomingSubmission) => Promise<SubmissionResult>;
/** The problems of a form's answers, acting on nothing. */
type SubmissionCheck = (ctx: BotContext, submission: IncomingSubmission) => Promise<FieldErrors>;
/** Contributes blocks to a person's home view (Slack App Home, Teams personal tab, console "home"). */
type HomeSection = (ctx: BotContext, actor: Actor) => Promise<Block[]>;

const COMMANDS: Record<string, CommandHandler> = {
  engage: handleEngageCommand,
  'engage-tip': handleTipCommand,
  'engage-remind': handleRemindCommand,
  'engage-debrief': handleDebriefCommand,
};
/** Action ids are "<area>.<verb>"; the area picks the handler. */
const ACTIONS: Record<string, ActionHandler> = {
  tip: handleTipAction,
  remind: handleRemindAction,
  debrief: handleDebriefAction,
  privacy: handlePrivacyAction,
};
/** Form ids (Form.id) to their handlers. */
const SUBMISSIONS: Record<string, SubmissionHandler> = {
  [OUTCOME_FORM_ID]: handleRemindOutcome,
  [DEBRIEF_FORM_ID]: handleDebriefSubmission,
};
/** Forms whose answers can be checked one at a time; a form without an entry is checked when submitted. */
const CHECKS: Record<string, SubmissionCheck> = {
  [DEBRIEF_FORM_ID]: checkDebriefAnswers,
};
/** In display order. */
const HOME_SECTIONS: HomeSection[] = [upcomingRemindersHomeSection, recentDebriefsHomeSection, tipOfTheDayHomeSection];

// Names arrive from outside: "constructor" or "__proto__" must not find Object.prototype's members.
const own = <T>(table: Record<string, T>, name: unknown): T | undefined =>
  typeof name === 'string' && Object.hasOwn(table, name) ? table[name] : undefined;

export interface Bot {
  readonly context: BotContext;
  handleCommand(cmd: IncomingCommand): Promise<Reply>;
  /** `undefined`: nothing to show (unknown or stale button); adapters acknowledge and move on. */
  handleAction(action: IncomingAction): Promise<Reply | undefined>;
  /** A filled-in form. Unknown form ids are ignored (`{}`: close it). */
  handleSubmission(submission: IncomingSubmission): Promise<SubmissionResult>;
  /**
   * The problems of the answers named in `answered`, storing nothing: the console asks one question
   * at a time and checks each answer as it is typed. `values` holds every field of the form (those
   * not asked yet undefined), so checks that compare fields know what is still to come.
   */
  checkSubmission(submission: IncomingSubmission, answered: readonly string[]): Promise<FieldErrors>;
  /** The person's home view: what is coming up, what happened, a tip. */
  home(actor: Actor): Promise<Reply>;
}

export function createBot(ctx: BotContext): Bot {
  // The catalog and the handlers must agree: a command without a handler (or the reverse) is a
  // start-up error, not a user-facing "unknown command".
  const names = new Set(ctx.catalog.map((c) => c.name));
  for (const name of names) if (!own(COMMANDS, name)) throw new Error(`command "${name}" is in the catalog but has no handler`);
  for (const name of Object.keys(COMMANDS)) if (!names.has(name)) throw new Error(`handler "${name}" is missing from prompts/commands.json`);

  const guarded = async <T>(kind: string, name: string, run: () => T | Promise<T>, onError: T): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      // Never the text, and not the error message either (parsers echo their input): only what ran,
      // the error class and where it was thrown.
      ctx.logger.error({ event: `${kind}.failed`, name, error: (err as Error)?.name ?? 'Error', at: String((err as Error)?.stack ?? '').split('\n').slice(1, 6).join('\n') }, `${kind} failed`);
      return onError;
    }
  };

  return {
    context: ctx,
    handleCommand(cmd) {
      const handler = own(COMMANDS, cmd.command);
      if (!handler) return Promise.resolve(textReply(fillTemplate(ctx.messages.errors.unknownCommand, { command: String(cmd.command).slice(0, 40) })));
      return guarded('command', cmd.command, () => handler(ctx, cmd), textReply(ctx.messages.errors.internal));
    },
    handleAction(action) {
      const area = typeof action.action === 'string' ? action.action.split('.')[0]! : '';
      const handler = own(ACTIONS, area);
      if (!handler || typeof action.value !== 'string') return Promise.resolve(undefined);
      return guarded('action', action.action, () => handler(ctx, action), textReply(ctx.messages.errors.internal));
    },
    handleSubmission(submission) {
      const handler = own(SUBMISSIONS, submission.formId);
      if (!handler || typeof submission.values !== 'object' || submission.values === null) return Promise.resolve({});
      return guarded('submission', submission.formId, () => handler(ctx, submission), { reply: textReply(ctx.messages.errors.internal) });
    },
    async checkSubmission(submission, answered) {
      const check = own(CHECKS, submission.formId);
      if (!check || typeof submission.values !== 'object' || submission.values === null) return {};
      const errors = await guarded('check', submission.formId, () => check(ctx, submission), {} as FieldErrors);
      return Object.fromEntries(Object.entries(errors).filter(([id]) => answered.includes(id)));
    },
    async home(actor) {
      const blocks: Block[] = [];
      for (const section of HOME_SECTIONS) {
        blocks.push(...(await guarded('home', section.name, () => section(ctx, actor), [] as Block[])));
      }
      return { text: ctx.messages.help.heading, blocks, visibility: 'private' };
    },
  };
}
