import { z } from 'zod';

// A message action's invoke (composeExtension/fetchTask, composeExtension/submitAction) carries the
// message it was run on and, on submit, the dialog's answers. Teams sends far more; only what the
// bot reads is checked, and everything in it is untrusted.

/** More than any chat message; what is beyond it is not read. */
const MAX_CONTENT = 50_000;

const MessageActionValue = z.object({
  commandId: z.string().min(1).max(64),
  commandContext: z.string().max(64).nullish(),
  messagePayload: z.object({
    body: z.object({ contentType: z.string().max(64).nullish(), content: z.string().nullish() }).nullish(),
    linkToMessage: z.string().max(2000).nullish(),
  }).nullish(),
  data: z.unknown().optional(),
});

export interface MessageAction {
  /** The manifest's command id: the core's shortcut name. */
  commandId: string;
  /** "message" for an action run on a message. */
  context?: string;
  /** The message's words as plain text. */
  text: string;
  /** The address Teams gave for the message. */
  link?: string;
  /** A submitted dialog's answers (the card's data), for readCardData. */
  data: unknown;
}

export function readMessageAction(value: unknown): MessageAction | undefined {
  const parsed = MessageActionValue.safeParse(value);
  if (!parsed.success) return undefined;
  const { commandId, commandContext, messagePayload, data } = parsed.data;
  const body = messagePayload?.body;
  const content = (body?.content ?? '').slice(0, MAX_CONTENT);
  const link = messagePayload?.linkToMessage ?? undefined;
  return {
    commandId,
    ...(commandContext ? { context: commandContext } : {}),
    text: body?.contentType === 'text' ? content : htmlToText(content),
    ...(link ? { link } : {}),
    data,
  };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: '\'', nbsp: ' ' };

/** A code point, or nothing for one that is not a character (or would end the text early). */
function fromCodePoint(code: number): string {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '';
}

/**
 * A Teams message's HTML as the words a person read: line breaks where paragraphs and lines end,
 * an emoji's own character, a mention's name, every other tag dropped, entities read last (so an
 * escaped "&lt;b&gt;" stays the text "<b>"). A tag never holds "<" and is bounded: no pattern
 * rescans the text from every "<" of a message made of them.
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<(?:emoji|img)\b[^<>]{0,1000}?\balt="([^"<>]{0,100})"[^<>]{0,1000}>/gi, '$1')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(?:p|div|li|h[1-6]|blockquote|tr|pre)\s*>/gi, '\n')
    .replace(/<[^<>]{0,2000}>/g, '')
    .replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi, (all, name: string) => {
      if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? all;
      return fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
    })
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
