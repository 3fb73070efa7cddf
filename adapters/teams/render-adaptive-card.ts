import type { Block, Button, Form, FormField, Reply } from '../../src/base/reply';
import type { FieldErrors } from '../../src/base/incoming';
import { fillTemplate } from '../../src/base/fill-template';
import { isRightToLeft } from '../../src/base/language';
import type { TeamsPrompts } from './load-teams-prompts';

// The neutral Reply as an Adaptive Card 1.5. Buttons are Action.Execute (Universal Actions: the bot
// answers the invoke and the card refreshes in place) with an Action.Submit fallback for clients
// without Universal Actions. Both carry the same `data`, so either path reaches the same handler.

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
export type AdaptiveCard = { type: 'AdaptiveCard'; $schema: string; version: '1.5'; rtl?: boolean; body: CardElement[]; actions?: CardElement[] };
type CardElement = Record<string, unknown>;

/** What a button or form submit carries back, under one key so form inputs cannot collide with it. */
export const DATA_KEY = 'engage';
export type ButtonData = { kind: 'action'; action: string; value: string };
export type FormData = { kind: 'form'; form: Form };

/**
 * TextBlocks and FactSets render Markdown (links, emphasis, lists; some clients more), so what
 * people typed — a company name, a debrief note quoted on a colleague's card — would reach other
 * people as a live link or a fake heading. Every character that can start Markdown is escaped with
 * a backslash (CommonMark's escape, which Teams honours): punctuation that pairs up or wraps
 * anywhere in a line, and what only counts at the start of a line (lists, headings, quotes).
 * Nothing in prompts/ relies on Markdown, so all text is escaped alike. Button titles, labels and
 * choices are plain text in Adaptive Cards and are left as they are.
 */
const INLINE_MARKUP = /[\\`*_~[\]<>|]|&(?=#?[A-Za-z0-9]+;)/g;
const LINE_START_MARKUP = /^([ \t]*)([-+=#]|\d+(?=[.)]))/gm;
const ANY_MARKUP = /[\\`*_~[\]<>|&]|^[ \t]*(?:[-+=#]|\d+[.)])/m;
export const escapeMarkdown = (text: string): string =>
  // Most text has none: one scan, instead of two replace passes per string.
  ANY_MARKUP.test(text)
    ? text.replace(INLINE_MARKUP, '\\$&').replace(LINE_START_MARKUP, (_all, indent: string, mark: string) => (/\d/.test(mark) ? `${indent}${mark}\\` : `${indent}\\${mark}`))
    : text;

/** Adaptive Cards limits the buttons in one ActionSet; Teams shows at most 6 per card row. */
const MAX_BUTTONS_PER_SET = 6;

export function renderAdaptiveCard(reply: Reply, prompts: TeamsPrompts, errors: FieldErrors = {}, values: Record<string, string> = {}): AdaptiveCard {
  const body = renderBlocks(reply.blocks);
  const card: AdaptiveCard = { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body };
  // Arabic: the whole card is laid out from the right (Adaptive Cards 1.5 `rtl`); an English heading
  // inside a line keeps its own order (src/base/language.ts, isolate).
  if (reply.lang && isRightToLeft(reply.lang)) card.rtl = true;
  if (reply.form) {
    body.push(...renderFormBody(reply.form, prompts, errors, values));
    card.actions = [submitAction(reply.form)];
  }
  if (reply.file) body.push(fileElement(reply.file));
  if (body.length === 0) body.push(textBlock(reply.text));
  return card;
}

/** A form the core refused, drawn again: the person's answers kept, each problem beside its field. */
export function renderFormAgain(form: Form, prompts: TeamsPrompts, errors: FieldErrors, values: Record<string, string>): AdaptiveCard {
  return renderAdaptiveCard({ text: form.title, blocks: [], visibility: 'private', form }, prompts, errors, values);
}

/** A reply that is one sentence travels as a plain message; everything else as a card. */
export function isPlainText(reply: Reply): boolean {
  return !reply.form && !reply.file && reply.blocks.length === 1 && reply.blocks[0]!.type === 'text';
}

function renderBlocks(blocks: Block[]): CardElement[] {
  const out: CardElement[] = [];
  let separateNext = false;
  for (const block of blocks) {
    if (block.type === 'divider') { separateNext = true; continue; }
    const element = renderBlock(block);
    if (separateNext) { element.separator = true; separateNext = false; }
    out.push(element);
  }
  return out;
}

function renderBlock(block: Exclude<Block, { type: 'divider' }>): CardElement {
  switch (block.type) {
    case 'heading':
      return textBlock(block.text, { style: 'heading', size: 'Medium', weight: 'Bolder' });
    case 'text':
      return textBlock(block.text);
    case 'list':
      // The markers are the renderer's own; each item's text is escaped like any other.
      return { type: 'TextBlock', text: block.items.map((item, i) => `${block.ordered ? `${i + 1}.` : '-'} ${escapeMarkdown(item)}`).join('\n'), wrap: true };
    case 'fields':
      return { type: 'FactSet', facts: block.fields.map((f) => ({ title: escapeMarkdown(f.label), value: escapeMarkdown(f.value) })) };
    case 'context':
      return textBlock(block.text, { isSubtle: true, size: 'Small' });
    case 'actions':
      return { type: 'ActionSet', actions: block.buttons.slice(0, MAX_BUTTONS_PER_SET).map(buttonAction) };
    case 'link':
      return linkElement(block.text, block.url);
  }
}

/**
 * A link the platform gave (a message's address) as a button that opens it: its title is plain
 * text, so nothing in it can turn into Markdown. An address that is not https shows the text alone.
 */
function linkElement(text: string, url: string): CardElement {
  if (!isHttps(url)) return textBlock(text);
  return { type: 'ActionSet', actions: [{ type: 'Action.OpenUrl', title: text, url }] };
}

function isHttps(url: string): boolean {
  if (/\s/.test(url)) return false;
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * A bot cannot drop a file into a Teams chat without a consent card, so an export shows its text,
 * under its name, to copy. A TextBlock would join the lines: Teams breaks lines inside a TextBlock
 * only between list items or at a blank line. A multi-line text box keeps every line and every
 * character as they are (no Markdown). What is typed in it is never read: it belongs to no form.
 */
function fileElement(file: NonNullable<Reply['file']>): CardElement {
  return { type: 'Input.Text', id: 'engage-file', label: file.name, isMultiline: true, value: file.content };
}

const textBlock = (text: string, more: CardElement = {}): CardElement => ({ type: 'TextBlock', text: escapeMarkdown(text), wrap: true, ...more });

function buttonAction(button: Button): CardElement {
  const data = { [DATA_KEY]: { kind: 'action', action: button.action, value: button.value } satisfies ButtonData };
  const style = button.style === 'primary' ? 'positive' : button.style === 'danger' ? 'destructive' : undefined;
  return {
    type: 'Action.Execute',
    title: button.label,
    verb: button.action,
    data,
    ...(style ? { style } : {}),
    fallback: { type: 'Action.Submit', title: button.label, data, ...(style ? { style } : {}) },
  };
}

function submitAction(form: Form): CardElement {
  // The form travels with the submission so a card with field errors can be drawn again without
  // keeping state on the server. It only ever comes back to the person it was shown to.
  const data = { [DATA_KEY]: { kind: 'form', form } satisfies FormData };
  return {
    type: 'Action.Execute',
    title: form.submitLabel,
    verb: `form.${form.id}`,
    data,
    associatedInputs: 'auto',
    style: 'positive',
    fallback: { type: 'Action.Submit', title: form.submitLabel, data, associatedInputs: 'auto', style: 'positive' },
  };
}

function renderFormBody(form: Form, prompts: TeamsPrompts, errors: FieldErrors, values: Record<string, string>): CardElement[] {
  const out: CardElement[] = [textBlock(form.title, { style: 'heading', size: 'Medium', weight: 'Bolder' })];
  if (form.intro) out.push(textBlock(form.intro));
  if (Object.keys(errors).length) out.push(textBlock(prompts.fieldProblems, { color: 'Attention' }));
  for (const field of form.fields) {
    out.push(renderInput(field, prompts, values[field.id] ?? field.initial));
    if (field.hint) out.push(textBlock(field.hint, { isSubtle: true, size: 'Small', spacing: 'None' }));
    const error = errors[field.id];
    if (error) out.push(textBlock(error, { color: 'Attention', size: 'Small', spacing: 'None' }));
  }
  return out;
}

function renderInput(field: FormField, prompts: TeamsPrompts, value: string | undefined): CardElement {
  const common: CardElement = {
    id: field.id,
    label: field.label,
    isRequired: !field.optional,
    ...(field.optional ? {} : { errorMessage: fillTemplate(prompts.requiredField, { label: field.label }) }),
    ...(value !== undefined && value !== '' ? { value } : {}),
  };
  switch (field.kind) {
    case 'choice': {
      const options = field.options ?? [];
      return {
        type: 'Input.ChoiceSet',
        ...common,
        choices: options.map((o) => ({ title: o.label, value: o.value })),
        isMultiSelect: field.multiple === true,
        // Radio buttons/checkboxes read better than a drop-down for a short list.
        style: options.length <= 5 ? 'expanded' : 'compact',
        ...(field.placeholder ? { placeholder: field.placeholder } : {}),
      };
    }
    case 'text':
    case 'textarea':
      return {
        type: 'Input.Text',
        ...common,
        isMultiline: field.kind === 'textarea',
        ...(field.placeholder ? { placeholder: field.placeholder } : {}),
        ...(field.maxLength ? { maxLength: field.maxLength } : {}),
      };
    case 'date':
      return { type: 'Input.Date', ...common };
    case 'time':
      return { type: 'Input.Time', ...common };
  }
}
