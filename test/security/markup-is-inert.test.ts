import { renderAdaptiveCard } from '../../adapters/teams/render-adaptive-card';
import { toTeamsActivity } from '../../adapters/teams/to-teams-activity';
import { loadTeamsPrompts } from '../../adapters/teams/load-teams-prompts';
import { renderBlocks, renderMessage, renderModal } from '../../adapters/slack/render-block-kit';
import type { Block, Form, Reply } from '../../src/base/reply';
import { MARKUP_ATTACKS, NASTY_STRINGS } from '../helpers/hostile-inputs';
import { answers } from '../helpers/debrief-fixtures';
import { startCaptureServer, startTeams, teamsMessage } from '../adapters/teams/teams-harness';

// What people type reaches other people's messages (a company name, a debrief note on a
// colleague's card). Each renderer gets the same hostile strings in every place text can go, and
// what comes out must be inert: shown as typed, never a link, image, heading, list or tag.
//  - Teams (Adaptive Card TextBlocks and FactSets, message text) renders Markdown: with CommonMark's
//    backslash escapes taken out, no character that starts markup may be left.
//  - Slack mrkdwn acts on <…> (links, mentions, @channel) and auto-links unless `verbatim`: no raw
//    < or >, every & an entity, every mrkdwn object verbatim.

const HOSTILE = [...MARKUP_ATTACKS, ...NASTY_STRINGS];
const prompts = loadTeamsPrompts();

/** Markdown a CommonMark renderer would still act on, once escaped characters are set aside. */
function liveMarkdown(text: string): string[] {
  const bare = text.replace(/\\[!-/:-@[-`{-~]/g, 'x');
  const found: string[] = [];
  for (const m of bare.matchAll(/[`*_~[\]<>|]|&#?[A-Za-z0-9]+;/g)) found.push(m[0]);
  for (const m of bare.matchAll(/^[ \t]*(?:[-+=#]|\d+[.)])/gm)) found.push(m[0]);
  return found;
}
const unescapeMarkdown = (text: string) => text.replace(/\\([!-/:-@[-`{-~])/g, '$1');

/** Every string of a card that Teams renders as Markdown. */
function markdownOf(card: any): string[] {
  const out: string[] = [];
  for (const e of card.body ?? []) {
    if (e.type === 'TextBlock') out.push(e.text);
    if (e.type === 'FactSet') for (const f of e.facts) out.push(f.title, f.value);
  }
  return out;
}

function replyWith(h: string): Reply {
  const blocks: Block[] = [
    { type: 'heading', text: h },
    { type: 'text', text: h },
    { type: 'context', text: h },
    { type: 'fields', fields: [{ label: h, value: h }] },
  ];
  return { text: h, blocks, visibility: 'channel' };
}
const formWith = (h: string): Form => ({
  id: 'f', title: h, submitLabel: 'Save', intro: h, metadata: 'm',
  fields: [{ id: 'notes', label: 'Notes', kind: 'textarea', hint: h, optional: true }],
});

describe('Teams: Adaptive Cards and messages', () => {
  test.each(HOSTILE.map((h) => [JSON.stringify(h).slice(0, 60), h]))('%s is inert and shown as typed', (_name, h) => {
    const card = renderAdaptiveCard(replyWith(h), prompts);
    const form = renderAdaptiveCard({ text: h, blocks: [], visibility: 'private', form: formWith(h) }, prompts, { notes: h });
    // Everything but the form's own notice (prompts/teams.json) is the hostile string.
    for (const text of [...markdownOf(card), ...markdownOf(form)].filter((t) => t !== prompts.fieldProblems)) {
      expect(liveMarkdown(text)).toEqual([]);
      expect(unescapeMarkdown(text)).toBe(h);
    }
    // A list: the renderer's own marker, then the item, inert.
    for (const ordered of [true, false]) {
      const [list] = renderAdaptiveCard({ text: 'x', blocks: [{ type: 'list', items: [h], ordered }], visibility: 'private' }, prompts).body as any[];
      const marker = ordered ? '1. ' : '- ';
      expect(list.text.startsWith(marker)).toBe(true);
      expect(liveMarkdown(list.text.slice(marker.length))).toEqual([]);
      expect(unescapeMarkdown(list.text.slice(marker.length))).toBe(h);
    }
    // One sentence travels as message text, which Teams reads as Markdown too.
    const message = toTeamsActivity({ text: h, blocks: [{ type: 'text', text: h }], visibility: 'channel' }, () => prompts);
    expect(liveMarkdown(message.text!)).toEqual([]);
    expect(unescapeMarkdown(message.text!)).toBe(h);
  });

  test('a company typed as a link reaches the debrief cards as text, through the real adapter', async () => {
    const capture = await startCaptureServer();
    const teams = await startTeams();
    try {
      const company = '[Acme](https://phishing.example)';
      const note = '[re-verify here](https://phishing.example) **now**';
      const before = capture.requests.length;
      await teams.post(teamsMessage(capture.url, `debrief ${company}`));
      const card = capture.requests[before]!.body.attachments[0].content;
      const verb = card.actions[0].verb;
      const data = { ...card.actions[0].data, ...answers(['4', '4', '4', '4', '4', '4', '4', '4', '4', '4'], { company, notes: note }) };
      const res = await teams.post(teamsMessage(capture.url, '', { type: 'invoke', name: 'adaptiveCard/action', text: undefined, value: { action: { type: 'Action.Execute', verb, data } } }));
      const scored = (await res.json()).value;
      const history = await teams.post(teamsMessage(capture.url, `debrief history ${company}`));
      expect(history.status).toBe(200);
      const cards = [card, scored, ...capture.requests.slice(before + 1).map((r) => r.body.attachments?.[0]?.content).filter(Boolean)];
      const texts = cards.flatMap(markdownOf);
      // List markers the renderer put there itself stay; any a person typed were escaped.
      for (const text of texts) expect(liveMarkdown(text.replace(/^(?:- |\d+\. )/gm, ''))).toEqual([]);
      expect(texts.join('\n')).toContain('\\[Acme\\](https://phishing.example)');
    } finally {
      await teams.close();
      await capture.close();
    }
  });
});

describe('Slack: Block Kit', () => {
  const decode = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  function mrkdwnOf(value: unknown): { text: string; verbatim?: boolean }[] {
    if (!value || typeof value !== 'object') return [];
    const v = value as Record<string, unknown>;
    if (v.type === 'mrkdwn') return [v as never];
    return Object.values(v).flatMap(mrkdwnOf);
  }

  test.each(HOSTILE.map((h) => [JSON.stringify(h).slice(0, 60), h]))('%s is inert and shown as typed', (_name, h) => {
    const rendered = [
      renderBlocks([...replyWith(h).blocks, { type: 'list', items: [h], ordered: true }]),
      renderMessage({ text: h, blocks: [] }),
      renderModal(formWith(h), 'm'),
    ];
    const texts = mrkdwnOf(rendered);
    for (const t of texts) {
      expect(t.verbatim).toBe(true);
      expect(t.text).not.toMatch(/[<>]|&(?!amp;|lt;|gt;)/);
    }
    expect(renderMessage({ text: h, blocks: [] }).text).not.toMatch(/[<>]|&(?!amp;|lt;|gt;)/);
    const [section] = renderBlocks([{ type: 'text', text: h }]) as any[];
    if (section) expect(decode(section.text.text)).toBe(h);
  });
});
