import type { Block, Button, Form, FormField, Reply } from '../../src/core/reply';
import type { FieldErrors } from '../../src/core/incoming';
import { fillTemplate } from '../../src/text/fill-template';
import type { TeamsPrompts } from './load-teams-prompts';

// The neutral Reply as an Adaptive Card 1.5. Buttons are Action.Execute (Universal Actions: the bot
// answers the invoke and the card refreshes in place) with an Action.Submit fallback for clients
// without Universal Actions. Both carry the same `data`, so either path reaches the same handler.

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
export type AdaptiveCard = { type: 'AdaptiveCard'; $schema: string; version: '1.5'; body: CardElement[]; actions?: CardElement[] };
type CardElement = Record<string, unknown>;

/** What a button or form submit carries back, under one key so form inputs cannot collide with it. */
export const DATA_KEY = 'engage';
export type ButtonData = { kind: 'action'; action: string; value: string };
export type FormData = { kind: 'form'; form: Form };

/** Adaptive Cards limits the buttons in one ActionSet; Teams shows at most 6 per card row. */
const MAX_BUTTONS_PER_SET = 6;

export function renderAdaptiveCard(reply: Reply, prompts: TeamsPrompts, errors: FieldErrors = {}, values: Record<string, string> = {}): AdaptiveCard {
  const body = renderBlocks(reply.blocks);
  const card: AdaptiveCard = { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body };
  if (reply.form) {
    body.push(...renderFormBody(reply.form, prompts, errors, values));
    card.actions = [submitAction(reply.form)];
  }
  if (body.length === 0) body.push(textBlock(reply.text));
  return card;
}

/** A reply that is one sentence travels as a plain message; everything else as a card. */
export function isPlainText(reply: Reply): boolean {
  return !reply.form && reply.blocks.length === 1 && reply.blocks[0]!.type === 'text';
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
      return { type: 'TextBlock', text: block.text, style: 'heading', size: 'Medium', weight: 'Bolder', wrap: true };
    case 'text':
      return textBlock(block.text);
    case 'list':
      return textBlock(block.items.map((item, i) => `${block.ordered ? `${i + 1}.` : '-'} ${item}`).join('\n'));
    case 'fields':
      return { type: 'FactSet', facts: block.fields.map((f) => ({ title: f.label, value: f.value })) };
    case 'context':
      return { type: 'TextBlock', text: block.text, isSubtle: true, size: 'Small', wrap: true };
    case 'actions':
      return { type: 'ActionSet', actions: block.buttons.slice(0, MAX_BUTTONS_PER_SET).map(buttonAction) };
  }
}

const textBlock = (text: string): CardElement => ({ type: 'TextBlock', text, wrap: true });

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
  const out: CardElement[] = [{ type: 'TextBlock', text: form.title, style: 'heading', size: 'Medium', weight: 'Bolder', wrap: true }];
  if (form.intro) out.push(textBlock(form.intro));
  if (Object.keys(errors).length) out.push({ type: 'TextBlock', text: prompts.fieldProblems, color: 'Attention', wrap: true });
  for (const field of form.fields) {
    out.push(renderInput(field, prompts, values[field.id] ?? field.initial));
    if (field.hint) out.push({ type: 'TextBlock', text: field.hint, isSubtle: true, size: 'Small', wrap: true, spacing: 'None' });
    const error = errors[field.id];
    if (error) out.push({ type: 'TextBlock', text: error, color: 'Attention', size: 'Small', wrap: true, spacing: 'None' });
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
