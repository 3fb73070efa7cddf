import type { Actor, FieldErrors, IncomingAction, IncomingCommand, IncomingEvent, IncomingShortcut, IncomingSubmission } from './incoming';
import type { Block, Reply } from './reply';
import type { PersonalDataSource } from './personal-data-source';

// What a feature contributes to the bot. Each feature folder exports a factory returning one; the
// bot registers them all and refuses two claiming the same name (hubot's command registry is the
// model). Adding a command touches one folder and prompts/.

export type CommandHandler = (cmd: IncomingCommand) => Reply | Promise<Reply>;
/** `undefined`: nothing to show (a stale or foreign button); adapters acknowledge and move on. */
export type ActionHandler = (action: IncomingAction) => Promise<Reply | undefined>;
/** A message shortcut: usually a form to open, prefilled from the message. */
export type ShortcutHandler = (shortcut: IncomingShortcut) => Promise<Reply>;
/** A platform event: what to post where it happened (undefined: nothing). */
export type EventHandler = (event: IncomingEvent) => Promise<Reply | undefined>;
/** `errors`: show them beside the fields and keep the form open; otherwise close it and show `reply`. */
export type SubmissionResult = { errors: FieldErrors } | { reply?: Reply };

export interface FormHandler {
  submit(submission: IncomingSubmission): Promise<SubmissionResult>;
  /** The problems of the answers, acting on nothing: lets the console check each answer as it is
   *  typed. A form without it is checked when submitted. */
  check?(submission: IncomingSubmission): Promise<FieldErrors>;
}

/** Words after `/engage` a feature answers ("forget me"); `help` builds the help reply to extend. */
export type EngageWords = (words: string, cmd: IncomingCommand, help: () => Reply) => Reply | Promise<Reply> | undefined;

/** A due reminder of a kind the feature owns, rendered when it is delivered (undefined: skip it). */
export interface DueItem {
  kind: string;
  /** What it belongs to, e.g. a debrief id. */
  ref: string;
  /** The reminder's own id: its snooze buttons name it. */
  id: string;
  /** The person the message goes to. */
  recipient: Actor;
}
export type DueRenderer = (item: DueItem) => Promise<Reply | undefined>;

export interface Feature {
  /** Unique among features, e.g. "tip". */
  name: string;
  /** Slash commands by their catalog name (prompts/commands.json), e.g. "engage-tip". */
  commands?: Record<string, CommandHandler>;
  /** Action ids are "<area>.<verb>"; the feature handles every action of the areas it names. */
  actions?: Record<string, ActionHandler>;
  /** Forms by Form.id. */
  forms?: Record<string, FormHandler>;
  /** Message shortcuts by name (IncomingShortcut.shortcut). */
  shortcuts?: Record<string, ShortcutHandler>;
  /** Platform events by name (IncomingEvent.event). */
  events?: Record<string, EventHandler>;
  engageWords?: EngageWords;
  /** Blocks for the person's home view (Slack App Home, Teams, console "home"), in feature order. */
  home?: (actor: Actor) => Promise<Block[]>;
  /** Stores of this person's data, for `/engage forget me` and `/engage export me`. */
  personalData?: PersonalDataSource[];
  /** Messages for reminders of the kinds it owns (e.g. debrief invitations), rendered at delivery. */
  dueMessages?: Record<string, DueRenderer>;
}
