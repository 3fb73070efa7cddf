import { LIMITS, escapeMrkdwn, renderBlocks, renderHome, renderMessage, renderModal, shorten, splitText } from '../../../adapters/slack/render-block-kit';
import type { Block } from '../../../src/base/reply';

test('the neutral blocks map to Block Kit exactly', () => {
  const blocks: Block[] = [
    { type: 'heading', text: 'Build trust early' },
    { type: 'context', text: 'Practical tip' },
    { type: 'text', text: 'Meet before you need something.' },
    { type: 'list', items: ['Ask', 'Listen'], ordered: true },
    { type: 'fields', fields: [{ label: 'Options', value: 'A · B' }] },
    { type: 'divider' },
    { type: 'actions', buttons: [{ action: 'tip.feedback', label: 'Helpful', value: 't1|up' }, { action: 'tip.feedback', label: 'Not helpful', value: 't1|down', style: 'danger' }] },
  ];
  expect(renderBlocks(blocks)).toEqual([
    { type: 'header', text: { type: 'plain_text', text: 'Build trust early', emoji: true } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: 'Practical tip', verbatim: true }] },
    { type: 'section', text: { type: 'mrkdwn', text: 'Meet before you need something.', verbatim: true } },
    { type: 'section', text: { type: 'mrkdwn', text: '1. Ask\n2. Listen', verbatim: true } },
    { type: 'section', fields: [{ type: 'mrkdwn', text: '*Options*\nA · B', verbatim: true }] },
    { type: 'divider' },
    { type: 'actions', elements: [
      { type: 'button', action_id: 'tip.feedback~0', text: { type: 'plain_text', text: 'Helpful', emoji: true }, value: 't1|up' },
      { type: 'button', action_id: 'tip.feedback~1', text: { type: 'plain_text', text: 'Not helpful', emoji: true }, value: 't1|down', style: 'danger' },
    ] },
  ]);
});

test('mentions, <!channel> and links in user text are escaped, never live', () => {
  const hostile = 'hi <!channel> <@U999> <!here|here> <https://evil.example|click> & more';
  const [section] = renderBlocks([{ type: 'text', text: hostile }]);
  const text = (section as any).text.text as string;
  expect(text).toBe('hi &lt;!channel&gt; &lt;@U999&gt; &lt;!here|here&gt; &lt;https://evil.example|click&gt; &amp; more');
  expect(text).not.toMatch(/<[!@#]/);
  expect(renderMessage({ text: hostile, blocks: [] }).text).not.toContain('<');
  const [fields] = renderBlocks([{ type: 'fields', fields: [{ label: '<!everyone>', value: '<@U1>' }] }]);
  expect(JSON.stringify(fields)).not.toMatch(/<[!@]/);
});

test('text over 3,000 characters is split across sections at word breaks, nothing lost', () => {
  const words = Array.from({ length: 2000 }, (_, i) => `word${i}`).join(' ');
  const sections = renderBlocks([{ type: 'text', text: words }]);
  expect(sections.length).toBeGreaterThan(1);
  for (const s of sections) expect((s as any).text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
  expect(sections.map((s) => (s as any).text.text).join(' ')).toBe(words);
});

test('a hard cut never splits an entity or a surrogate pair', () => {
  const text = escapeMrkdwn('&'.repeat(2000));
  for (const chunk of splitText(text, 3000)) expect(chunk).toMatch(/^(&amp;)+$/);
  expect(shorten('ab😀cd', 4)).toBe('ab…');
});

test('more than 10 fields and more than 25 buttons are spread over several blocks; labels shortened', () => {
  const fields = Array.from({ length: 23 }, (_, i) => ({ label: `L${i}`, value: 'v'.repeat(2500) }));
  const buttons = Array.from({ length: 30 }, (_, i) => ({ action: 'tip.show', label: 'x'.repeat(100), value: `t${i}` }));
  const out = renderBlocks([{ type: 'fields', fields }, { type: 'actions', buttons }]);
  expect(out.map((b) => b.type)).toEqual(['section', 'section', 'section', 'actions', 'actions']);
  expect(out.map((b) => ((b.fields ?? b.elements) as unknown[]).length)).toEqual([10, 10, 3, 25, 5]);
  for (const f of out[0]!.fields as any[]) expect(f.text.length).toBeLessThanOrEqual(LIMITS.fieldText);
  for (const b of out[3]!.elements as any[]) expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.buttonText);
  const ids = out.slice(3).flatMap((b) => (b.elements as any[]).map((e) => e.action_id));
  expect(new Set(ids).size).toBe(30);
});

test('a button whose value Slack would refuse is left out rather than sinking the message', () => {
  const out = renderBlocks([{ type: 'actions', buttons: [{ action: 'tip.another', label: 'More', value: 'x'.repeat(2001) }, { action: 'tip.show', label: 'Ok', value: 'y' }] }]);
  expect((out[0]!.elements as any[]).map((e) => e.value)).toEqual(['y']);
});

test('a message over 50 blocks keeps 48 and hands the rest back as overflow; a home view keeps 100', () => {
  const many: Block[] = Array.from({ length: 120 }, (_, i) => ({ type: 'text', text: `para ${i}` }));
  const { blocks, overflow } = renderMessage({ text: 'x', blocks: many });
  expect(blocks).toHaveLength(48);
  expect(overflow).toHaveLength(72);
  const home = renderHome({ blocks: many }, 'There is more');
  expect((home.blocks as unknown[]).length).toBe(100);
  expect((home.blocks as any[])[99]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: 'There is more', verbatim: true }] });
});

test('a modal keeps its inputs within 100 blocks, the intro gives way', () => {
  const view = renderModal({
    id: 'f', title: 'T', submitLabel: 'A submit label far longer than allowed', intro: Array.from({ length: 60000 }, () => 'w').join(' '),
    fields: Array.from({ length: 80 }, (_, i) => ({ id: `f${i}`, label: 'L', kind: 'choice' as const, options: Array.from({ length: 120 }, (_, j) => ({ value: `v${j}`, label: `o${j}` })) })),
    metadata: '',
  }, 'm:');
  const blocks = view.blocks as any[];
  expect(blocks).toHaveLength(100);
  expect(blocks.filter((b) => b.type === 'input')).toHaveLength(80);
  expect(blocks[20].element.type).toBe('static_select');
  expect(blocks[20].element.options).toHaveLength(100);
  expect((view.submit as any).text.length).toBeLessThanOrEqual(24);
});
