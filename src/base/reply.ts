import type { Lang } from './language';

// The one neutral reply model. The core says what to show; each adapter decides how (Block Kit,
// Adaptive Card, plain text). Nothing here knows a platform's limits: renderers enforce those.

export interface Button {
  /** Stable action id the core dispatches on, e.g. "tip.show". */
  action: string;
  label: string;
  /** Opaque to adapters; handed back in IncomingAction.value. Kept short (< 2,000 chars). */
  value: string;
  style?: 'primary' | 'danger';
  /** The button posts to the conversation it is in ("Share to this channel"): adapters leave it out
   *  where nobody else would see the post (a direct message with the bot, the console). */
  sharesHere?: boolean;
}

export type Block =
  | { type: 'heading'; text: string }
  | { type: 'text'; text: string }
  | { type: 'list'; items: string[]; ordered?: boolean }
  | { type: 'fields'; fields: { label: string; value: string }[] }
  /** Small print: sources, hints. */
  | { type: 'context'; text: string }
  | { type: 'actions'; buttons: Button[] }
  /** A link the platform gave (a message's permalink), never one built from typed text. */
  | { type: 'link'; text: string; url: string }
  | { type: 'divider' };

/** One input of a form: a Slack modal input block, an Adaptive Card input, a console prompt. */
export interface FormField {
  /** Stable id: Slack block_id, Adaptive Card input id, key in IncomingSubmission.values. */
  id: string;
  label: string;
  kind: 'choice' | 'text' | 'textarea' | 'date' | 'time';
  /** For choice: the options, value is what comes back. */
  options?: { value: string; label: string }[];
  /** For choice: several may be picked. */
  multiple?: boolean;
  optional?: boolean;
  initial?: string;
  placeholder?: string;
  hint?: string;
  maxLength?: number;
  /** Name of the input inside the field where a platform has one (Slack action_id): stored answers
   *  and exports refer to it, e.g. "rating" for each characteristic. Default "value". */
  input?: string;
}

/** A form the person fills in: a Slack modal, a card form in Teams, prompts in the console. */
export interface Form {
  /** Which core handler receives the submission (Slack callback_id), e.g. "debrief". */
  id: string;
  title: string;
  submitLabel: string;
  /** Text shown above the fields. */
  intro?: string;
  fields: FormField[];
  /** Opaque state the core needs back on submit (Slack private_metadata). Short, no secrets. */
  metadata: string;
}

export interface Reply {
  /** Plain-text fallback: notifications, screen readers, platforms without rich messages. */
  text: string;
  blocks: Block[];
  /** private: only the person who asked sees it; channel: everyone in the conversation. */
  visibility: 'private' | 'channel';
  /** For answers to button clicks: replace the message the button was on instead of adding one. */
  replaceOriginal?: boolean;
  /** Ask for input: adapters open it as a modal / card form instead of (or after) posting `blocks`. */
  form?: Form;
  /** A file for the person (e.g. a CSV export): Slack uploads it, Teams attaches it, the console prints it. */
  file?: { name: string; mimeType: string; content: string };
  /** The language it is written in (set by the bot for every reply): adapters pick their own words and
   *  the text direction from it. English when absent. */
  lang?: Lang;
}

export const textReply = (text: string, visibility: Reply['visibility'] = 'private'): Reply => ({
  text,
  blocks: [{ type: 'text', text }],
  visibility,
});
