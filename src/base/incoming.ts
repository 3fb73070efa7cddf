// What adapters hand the core, after verifying and translating a platform's request.

/** Who is asking, from the verified platform payload (never from user-typed text). */
export interface Actor {
  platform: 'slack' | 'teams' | 'console';
  /** Workspace (Slack team) or tenant (Teams) id; "local" for the console. */
  tenantId: string;
  userId: string;
  /** IANA time zone when the platform tells us; the core falls back to UTC. */
  timeZone?: string;
  /** The person's language setting as the platform reports it ("es-LA", "pt-BR", "fr_FR.UTF-8"). */
  locale?: string;
}

export interface IncomingCommand {
  actor: Actor;
  /** Catalog name without the slash, e.g. "engage-tip". */
  command: string;
  /**
   * Everything the person typed after the command, in plain words. Untrusted. A person or channel the
   * platform let them pick shows here as "@name" / "#name" (its `display`), and is identified in
   * `mentions` / `channels`: the core never reads a platform's own link syntax.
   */
  text: string;
  /** People mentioned, in order, as the platform identified them. */
  mentions?: readonly Mention[];
  /** Channels linked, in order, as the platform identified them. */
  channels?: readonly ChannelLink[];
  /** Where the platform can tell: false when the bot is not in that channel, so nothing it posts
   *  there would arrive (a channel reminder is refused at once instead of failing when it falls due). */
  botCanPostIn?(channelId: string): Promise<boolean>;
}

/** A person picked in the text: `display` is how the text shows them ("@Amina", "@U0002"). */
export interface Mention {
  userId: string;
  display: string;
}

/** A channel picked in the text: `display` is how the text shows it ("#policy-team"). */
export interface ChannelLink {
  channelId: string;
  /** Its name, when the platform tells (Slack leaves it out for some private channels). */
  name?: string;
  display: string;
}

export interface IncomingAction {
  actor: Actor;
  /** Button action id, e.g. "tip.show". Untrusted: unknown ids are ignored. */
  action: string;
  /** Button value as the core minted it, echoed back by the platform. Untrusted. */
  value: string;
}

/** A filled-in Form. Values are untrusted strings (choice: the option value; multiple: several). */
export interface IncomingSubmission {
  actor: Actor;
  formId: string;
  values: Record<string, string | string[] | undefined>;
  metadata: string;
}

/**
 * A shortcut run on a message (Slack's message shortcut, Teams' message action): the message as the
 * platform gave it. The text is untrusted; the link is the platform's own (a permalink), never typed.
 */
export interface IncomingShortcut {
  actor: Actor;
  /** The core's shortcut name: "remind-message" or "record-message". */
  shortcut: string;
  message: { text: string; link?: string };
}

/** Something the platform reported that the bot may answer: "meeting-ended" (Teams meeting chats). */
export interface IncomingEvent {
  actor: Actor;
  event: string;
  /** The meeting's title, when the platform tells. Untrusted. */
  title?: string;
}

/** Per-field problems to show beside the inputs; an empty object means "accepted". */
export type FieldErrors = Record<string, string>;
