import { linesIn, type Lang } from '../../src/base/language';
import type { Block, Button, Form, FormField, Reply } from '../../src/base/reply';

// The neutral reply model as Block Kit. Slack rejects a whole message when one limit is exceeded,
// so every limit is enforced here: long text is split over several sections, long labels are
// shortened, and a message with too many blocks is cut into pages (the caller adds a "more" button).

/** Slack's documented limits (https://docs.slack.dev/reference/block-kit/blocks). */
export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  fieldText: 2000,
  fields: 10,
  actionsElements: 25,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  modalTitle: 24,
  modalSubmit: 24,
  privateMetadata: 3000,
  inputLabel: 2000,
  placeholder: 150,
  hint: 2000,
  optionText: 75,
  optionValue: 150,
  selectOptions: 100,
  radioOptions: 10,
  inputMaxLength: 3000,
  fallbackText: 3000,
} as const;

export type SlackBlock = { type: string } & Record<string, unknown>;

const MRKDWN_SPECIAL = /[&<>]/;

/**
 * User text reaches Slack inside mrkdwn, where `<!channel>`, `<@U123>` and `<https://x|label>` are
 * live syntax. Slack's own escaping (&, <, >) turns them back into plain characters. Most text has
 * none of the three: one scan then, instead of three replace passes per string.
 */
export const escapeMrkdwn = (text: string) => (MRKDWN_SPECIAL.test(text) ? text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : text);

/** Shortens to `max` characters with an ellipsis, never splitting a surrogate pair. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  if (/[\uD800-\uDBFF]/.test(text.charAt(cut - 1))) cut -= 1;
  return `${text.slice(0, cut)}…`;
}

/** Splits escaped mrkdwn into chunks of at most `max`, at a line or word break when there is one. */
export function splitText(text: string, max: number): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
    if (cut < max * 0.5) {
      // No break in sight: a hard cut, but never inside an entity such as &amp; or a surrogate pair.
      cut = max;
      const amp = window.lastIndexOf('&');
      if (amp > max - 6 && !window.slice(amp).includes(';')) cut = amp;
      if (/[\uD800-\uDBFF]/.test(rest.charAt(cut - 1))) cut -= 1;
    }
    chunks.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^[ \n]+/, '');
  }
  if (rest) chunks.push(rest);
  return chunks.filter(Boolean);
}

const plain = (text: string, max: number) => ({ type: 'plain_text', text: shorten(text, max), emoji: true });
// verbatim: Slack does not auto-link channel names, user names or URLs in the bot's words.
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text, verbatim: true });
const sections = (escaped: string): SlackBlock[] =>
  splitText(escaped, LIMITS.sectionText).map((text) => ({ type: 'section', text: mrkdwn(text) }));

/** Separator between a core action id and a per-message counter (Slack wants unique action_ids). */
const ACTION_SUFFIX = '~';
export const coreActionId = (slackActionId: string) => {
  const at = slackActionId.lastIndexOf(ACTION_SUFFIX);
  return at > 0 ? slackActionId.slice(0, at) : slackActionId;
};

export function renderButton(button: Button, index: number): SlackBlock | undefined {
  const actionId = `${button.action}${ACTION_SUFFIX}${index}`;
  // A value Slack would refuse cannot be shortened without breaking it: the button is left out.
  if (actionId.length > LIMITS.actionId || button.value.length > LIMITS.buttonValue) return undefined;
  return {
    type: 'button',
    action_id: actionId,
    text: plain(button.label, LIMITS.buttonText),
    value: button.value,
    ...(button.style ? { style: button.style } : {}),
  };
}

/** Neutral blocks to Block Kit blocks, each within its own limits (the count is the caller's). */
export function renderBlocks(blocks: readonly Block[], lang: Lang = 'en'): SlackBlock[] {
  // Slack lays each line out by its first letter: an Arabic line that starts with a command or an
  // English heading would read left to right, so each line of a right-to-left reply is marked as such.
  const escape = (text: string) => linesIn(escapeMrkdwn(text), lang);
  const out: SlackBlock[] = [];
  let buttonIndex = 0;
  for (const block of blocks) {
    switch (block.type) {
      case 'heading':
        if (block.text.trim()) out.push({ type: 'header', text: plain(block.text, LIMITS.headerText) });
        break;
      case 'text':
        out.push(...sections(escape(block.text)));
        break;
      case 'list': {
        const lines = block.items.map((item, i) => linesIn(`${block.ordered ? `${i + 1}.` : '•'} ${escapeMrkdwn(item)}`, lang));
        out.push(...sections(lines.join('\n')));
        break;
      }
      case 'fields': {
        const fields = block.fields.map((f) => mrkdwn(shorten(`*${escape(f.label)}*\n${escape(f.value)}`, LIMITS.fieldText)));
        for (let i = 0; i < fields.length; i += LIMITS.fields) out.push({ type: 'section', fields: fields.slice(i, i + LIMITS.fields) });
        break;
      }
      case 'context':
        for (const text of splitText(escape(block.text), LIMITS.sectionText)) out.push({ type: 'context', elements: [mrkdwn(text)] });
        break;
      case 'actions': {
        const elements = block.buttons.map((b) => renderButton(b, buttonIndex++)).filter((b): b is SlackBlock => Boolean(b));
        for (let i = 0; i < elements.length; i += LIMITS.actionsElements) out.push({ type: 'actions', elements: elements.slice(i, i + LIMITS.actionsElements) });
        break;
      }
      case 'link':
        out.push({ type: 'section', text: mrkdwn(linesIn(linkMrkdwn(block.text, block.url), lang)) });
        break;
      case 'divider':
        out.push({ type: 'divider' });
        break;
    }
  }
  return out;
}

/** Room for the link syntax and the address inside one section. */
const LINK_TEXT_MAX = 1000;

/**
 * A link the platform gave as `<url|text>`. Only an https address Slack cannot misread is made live
 * (no `|`, `<`, `>` or spaces, which would end the link early); anything else shows the text alone.
 * Slack reads `&amp;` in an address as `&`, as in the links it sends.
 */
function linkMrkdwn(text: string, url: string): string {
  const label = escapeMrkdwn(shorten(text, LINK_TEXT_MAX));
  return isSafeHttps(url) ? `<${escapeMrkdwn(url)}|${label}>` : label;
}

function isSafeHttps(url: string): boolean {
  if (url.length > LIMITS.sectionText - LINK_TEXT_MAX - 10 || /[\s<>|]/.test(url)) return false;
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

export interface RenderedMessage {
  text: string;
  blocks: SlackBlock[];
  /** Blocks that did not fit; the caller keeps them and offers a "more" button. */
  overflow: SlackBlock[];
}

/** Room left for the "there is more" hint and its button. */
const MORE_RESERVE = 2;

/** Cuts rendered blocks into one page for a message; the rest goes to `overflow`. */
export function pageBlocks(blocks: SlackBlock[], max: number = LIMITS.messageBlocks): { page: SlackBlock[]; overflow: SlackBlock[] } {
  if (blocks.length <= max) return { page: blocks, overflow: [] };
  let cut = max - MORE_RESERVE;
  // Keep a header with what follows it.
  if (blocks[cut - 1]?.type === 'header') cut -= 1;
  return { page: blocks.slice(0, cut), overflow: blocks.slice(cut) };
}

export function renderMessage(reply: Pick<Reply, 'text' | 'blocks' | 'lang'>): RenderedMessage {
  const { page, overflow } = pageBlocks(renderBlocks(reply.blocks, reply.lang));
  return { text: shorten(escapeMrkdwn(reply.text), LIMITS.fallbackText), blocks: page, overflow };
}

/** The hint and button that end a page of a longer answer. */
export function moreBlocks(hint: string, label: string, actionId: string, value: string): SlackBlock[] {
  return [
    { type: 'context', elements: [mrkdwn(escapeMrkdwn(hint))] },
    { type: 'actions', elements: [{ type: 'button', action_id: actionId, text: plain(label, LIMITS.buttonText), value }] },
  ];
}

/** App Home: one view of at most 100 blocks; what does not fit is replaced by a hint. */
export function renderHome(reply: Pick<Reply, 'blocks' | 'lang'>, trimmedHint: string): SlackBlock {
  let blocks = renderBlocks(reply.blocks, reply.lang);
  if (blocks.length > LIMITS.viewBlocks) {
    blocks = [...blocks.slice(0, LIMITS.viewBlocks - 1), { type: 'context', elements: [mrkdwn(escapeMrkdwn(trimmedHint))] }];
  }
  return { type: 'home', blocks };
}

/** Every form field is one input block; its value always travels under this action id. */
export const INPUT_ACTION_ID = 'value';

function renderInput(field: FormField): SlackBlock {
  const placeholder = field.placeholder ? { placeholder: plain(field.placeholder, LIMITS.placeholder) } : {};
  const options = (field.options ?? []).slice(0, LIMITS.selectOptions).map((o) => ({ text: plain(o.label, LIMITS.optionText), value: shorten(o.value, LIMITS.optionValue) }));
  const initials = field.initial === undefined ? [] : field.initial.split('\n');
  let element: Record<string, unknown>;
  switch (field.kind) {
    case 'text':
    case 'textarea':
      element = {
        type: 'plain_text_input',
        multiline: field.kind === 'textarea',
        ...(field.maxLength ? { max_length: Math.min(field.maxLength, LIMITS.inputMaxLength) } : {}),
        ...(field.initial !== undefined ? { initial_value: field.initial } : {}),
        ...placeholder,
      };
      break;
    case 'date':
      element = { type: 'datepicker', ...(field.initial && /^\d{4}-\d{2}-\d{2}$/.test(field.initial) ? { initial_date: field.initial } : {}), ...placeholder };
      break;
    case 'time':
      element = { type: 'timepicker', ...(field.initial && /^\d{2}:\d{2}$/.test(field.initial) ? { initial_time: field.initial } : {}), ...placeholder };
      break;
    case 'choice': {
      const chosen = options.filter((o) => initials.includes(o.value));
      if (field.multiple) element = { type: 'multi_static_select', options, ...(chosen.length ? { initial_options: chosen } : {}), ...placeholder };
      // A short list reads best as radio buttons; a long one as a menu.
      else if (options.length <= LIMITS.radioOptions) element = { type: 'radio_buttons', options, ...(chosen[0] ? { initial_option: chosen[0] } : {}) };
      else element = { type: 'static_select', options, ...(chosen[0] ? { initial_option: chosen[0] } : {}), ...placeholder };
      break;
    }
  }
  return {
    type: 'input',
    block_id: field.id,
    label: plain(field.label, LIMITS.inputLabel),
    optional: Boolean(field.optional),
    ...(field.hint ? { hint: plain(field.hint, LIMITS.hint) } : {}),
    element: { ...element, action_id: field.input ?? INPUT_ACTION_ID },
  };
}

/** A form as a modal. `privateMetadata` is already encoded to fit (the pager's encodeMetadata). */
export function renderModal(form: Form, privateMetadata: string, lang: Lang = 'en'): SlackBlock {
  const intro = form.intro ? sections(linesIn(escapeMrkdwn(form.intro), lang)) : [];
  const inputs = form.fields.map(renderInput);
  // Inputs matter more than the intro: the intro gives way first.
  const room = Math.max(0, LIMITS.viewBlocks - inputs.length);
  const blocks = [...intro.slice(0, room), ...inputs].slice(0, LIMITS.viewBlocks);
  return {
    type: 'modal',
    callback_id: form.id,
    title: plain(form.title, LIMITS.modalTitle),
    submit: plain(form.submitLabel, LIMITS.modalSubmit),
    private_metadata: privateMetadata,
    blocks,
  };
}
