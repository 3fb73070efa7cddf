import type { Actor, FieldErrors, IncomingAction, IncomingCommand, IncomingEvent, IncomingShortcut, IncomingSubmission } from '../base/incoming';
import type { ActionHandler, CommandHandler, EventHandler, FormHandler, ShortcutHandler, SubmissionResult } from '../base/feature';
import type { Messages } from '../base/load-prompts';
import type { Lang } from '../base/language';
import type { Logger } from '../base/logger';
import { textReply, type Block, type Reply } from '../base/reply';
import { fillTemplate } from '../base/fill-template';
import type { Registry } from './register-features';
import type { CommandSpec } from '../base/load-command-catalog';
import type { Clock } from '../base/clock';
import type { PersonalDataSource } from '../base/personal-data-source';
import type { OverflowStore } from '../storage/create-overflow-store';
import type { WorkspaceLifecycle } from '../privacy';
import type { Reminder } from '../remind';

/** What adapters hand requests to. */
export interface BotHandlers {
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
  /** A message shortcut (Slack) or message action (Teams); undefined for one no feature knows. */
  handleShortcut(shortcut: IncomingShortcut): Promise<Reply | undefined>;
  /** A platform event (a Teams meeting ending): what to post, or undefined. */
  handleEvent(event: IncomingEvent): Promise<Reply | undefined>;
  /** The person's home view: what is coming up, what happened, a tip. */
  home(actor: Actor): Promise<Reply>;
}

/** The bot as adapters see it: its handlers and the few shared services a platform needs. */
export interface Bot extends BotHandlers {
  /** The slash commands (help, manifests, parsing Teams messages). */
  readonly catalog: readonly CommandSpec[];
  /** The catalog's words (summaries, examples) in a language; names are the same in every one. */
  catalogIn(lang: Lang): readonly CommandSpec[];
  readonly messages: Messages;
  readonly clock: Clock;
  /** The sealed pages behind "More", which each platform's pager reads. */
  readonly overflow: OverflowStore;
  /** Installs and uninstalls as each platform reports them. */
  readonly workspaces: WorkspaceLifecycle;
  /** An adapter's own store of personal data (Teams conversation details): forget and export reach it. */
  addPersonalData(source: PersonalDataSource): void;
  /** The message a due reminder delivers (undefined: nothing to send any more). */
  renderDue(reminder: Reminder, late: boolean): Promise<Reply | undefined>;
}

export interface BotOptions {
  registry: Registry;
  messages: Messages;
  logger: Logger;
}

// Names arrive from outside: "constructor" or "__proto__" must not find Object.prototype's members.
const own = <T>(table: ReadonlyMap<string, T>, name: unknown): T | undefined => (typeof name === 'string' ? table.get(name) : undefined);

/** Routes what adapters hand in to the feature that registered it; a failing handler never crashes the process. */
export function createBot({ registry, messages, logger }: BotOptions): BotHandlers {
  const guarded = async <T>(kind: string, name: string, run: () => T | Promise<T>, onError: T): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      // Never the text, and not the error message either (parsers echo their input): only what ran,
      // the error class and where it was thrown.
      logger.error({ event: `${kind}.failed`, name, error: (err as Error)?.name ?? 'Error', at: String((err as Error)?.stack ?? '').split('\n').slice(1, 6).join('\n') }, `${kind} failed`);
      return onError;
    }
  };
  const internal = () => textReply(messages.errors.internal);
  const validValues = (s: IncomingSubmission) => typeof s.values === 'object' && s.values !== null;

  return {
    handleCommand(cmd) {
      const handler: CommandHandler | undefined = own(registry.commands, cmd.command);
      if (!handler) return Promise.resolve(textReply(fillTemplate(messages.errors.unknownCommand, { command: String(cmd.command).slice(0, 40) })));
      return guarded('command', cmd.command, () => handler(cmd), internal());
    },
    handleAction(action) {
      const area = typeof action.action === 'string' ? action.action.split('.')[0]! : '';
      const handler: ActionHandler | undefined = own(registry.actions, area);
      if (!handler || typeof action.value !== 'string') return Promise.resolve(undefined);
      return guarded('action', action.action, () => handler(action), internal());
    },
    handleSubmission(submission) {
      const form: FormHandler | undefined = own(registry.forms, submission.formId);
      if (!form || !validValues(submission)) return Promise.resolve({});
      return guarded('submission', submission.formId, () => form.submit(submission), { reply: internal() });
    },
    async checkSubmission(submission, answered) {
      const check = own(registry.forms, submission.formId)?.check;
      if (!check || !validValues(submission)) return {};
      const errors = await guarded('check', submission.formId, () => check(submission), {} as FieldErrors);
      return Object.fromEntries(Object.entries(errors).filter(([id]) => answered.includes(id)));
    },
    handleShortcut(shortcut) {
      const handler: ShortcutHandler | undefined = own(registry.shortcuts, shortcut.shortcut);
      if (!handler || typeof shortcut.message?.text !== 'string') return Promise.resolve(undefined);
      return guarded('shortcut', shortcut.shortcut, () => handler(shortcut), internal());
    },
    handleEvent(event) {
      const handler: EventHandler | undefined = own(registry.events, event.event);
      if (!handler) return Promise.resolve(undefined);
      return guarded('event', event.event, () => handler(event), undefined);
    },
    async home(actor) {
      const blocks: Block[] = [];
      for (const [name, section] of registry.home) blocks.push(...(await guarded('home', name, () => section(actor), [] as Block[])));
      return { text: messages.help.heading, blocks, visibility: 'private' };
    },
  };
}
