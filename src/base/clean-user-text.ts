// People paste from documents, phones and RTL keyboards. Control, bidi and zero-width characters
// carry no meaning for search and can spoof how an echoed answer looks, so they go first.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

export interface CleanText {
  text: string;
  /** True when the input was longer than `max` and was cut at a word boundary. */
  trimmed: boolean;
  /** False when nothing searchable (letters or digits) is left: only emoji, punctuation, etc. */
  hasWords: boolean;
}

export function cleanUserText(raw: unknown, max = 500): CleanText {
  const input = typeof raw === 'string' ? raw : '';
  let text = input.normalize('NFKC').replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim();
  let trimmed = false;
  if (text.length > max) {
    const cut = text.slice(0, max);
    const lastSpace = cut.lastIndexOf(' ');
    text = (lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut).trim();
    trimmed = true;
  }
  return { text, trimmed, hasWords: /[\p{L}\p{N}]/u.test(text) };
}
