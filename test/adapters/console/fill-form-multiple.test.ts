import { createFormSession } from '../../../adapters/console/fill-form';
import { loadConsolePrompts } from '../../../adapters/console/load-console-prompts';
import type { Form } from '../../../src/base/reply';

// A choice where several answers may be picked: "1,3" or "1 3" in the terminal, the options' values
// joined by commas for the core.

const FORM: Form = {
  id: 'prep', title: 'Prepare', submitLabel: 'Save', metadata: '',
  fields: [
    { id: 'teams', label: 'Who should be there', kind: 'choice', multiple: true, optional: true, initial: 'policy\nlegal',
      options: [{ value: 'policy', label: 'Public policy' }, { value: 'product', label: 'Product' }, { value: 'legal', label: 'Legal' }] },
    { id: 'format', label: 'Format', kind: 'choice', options: [{ value: 'call', label: 'Call' }, { value: 'visit', label: 'Visit' }] },
  ],
};

async function answers(...lines: string[]) {
  const session = createFormSession(FORM, async () => ({}), loadConsolePrompts());
  for (const line of lines) await session.answer(line);
  return session.values();
}

// An Arabic keyboard types its own digits and comma.
test.each([['1,3', 'policy,legal'], ['1 3', 'policy,legal'], [' 3, 2 ', 'legal,product'], ['2,2', 'product'], ['2', 'product'], ['١،٣', 'policy,legal'], ['۲', 'product']])('%j picks %s', async (typed, picked) => {
  expect((await answers(typed, '1')).teams).toBe(picked);
});

test('Enter keeps the suggested picks, comma-joined; a number with no option is passed on for the core to refuse', async () => {
  expect((await answers('', '2')).teams).toBe('policy,legal');
  expect((await answers('1', '٢')).format).toBe('visit');
  expect((await answers('1,7', '2')).teams).toBe('1,7');
});

test('a single choice still takes one number', async () => {
  expect((await answers('1', '2')).format).toBe('visit');
  expect((await answers('1', '1,2')).format).toBe('1,2');
});

test('the question says several may be picked, and shows the suggestion as values the answer would take', async () => {
  const session = createFormSession(FORM, async () => ({}), loadConsolePrompts());
  const question = await session.question();
  expect(question).toContain('1. Public policy');
  expect(question).toContain(loadConsolePrompts().severalChoices);
  expect(question).toContain('“policy,legal”');
});
