import { registerFeatures } from '../../src/bot/register-features';
import { createBot } from '../../src/bot/create-bot';
import type { Feature } from '../../src/base/feature';
import type { CommandSpec } from '../../src/base/load-command-catalog';
import { loadMessages } from '../../src/base/load-prompts';
import { silentLogger } from '../../src/base/logger';
import { textReply } from '../../src/base/reply';
import type { Actor } from '../../src/base/incoming';

const spec = (name: string): CommandSpec => ({ name, summary: 'does a thing', usage: '', examples: ['x'] });
const reply = (text: string) => async () => textReply(text);
const actor: Actor = { platform: 'console', tenantId: 'local', userId: 'me' };

test('two features claiming one command, action area, form, reminder kind or name are refused at start-up', () => {
  const a: Feature = { name: 'a', commands: { 'engage-a': reply('a') }, actions: { a: reply('a') }, forms: { f: { submit: async () => ({}) } }, dueMessages: { k: async () => undefined } };
  expect(() => registerFeatures([a, { name: 'b', commands: { 'engage-a': reply('b') } }], [spec('engage-a')])).toThrow(/command "engage-a" is registered twice \(again by the b feature\)/);
  expect(() => registerFeatures([a, { name: 'b', actions: { a: reply('b') } }], [spec('engage-a')])).toThrow(/action area "a"/);
  expect(() => registerFeatures([a, { name: 'b', forms: { f: { submit: async () => ({}) } } }], [spec('engage-a')])).toThrow(/form "f"/);
  expect(() => registerFeatures([a, { name: 'b', dueMessages: { k: async () => undefined } }], [spec('engage-a')])).toThrow(/reminder kind "k"/);
  expect(() => registerFeatures([a, { name: 'a' }], [spec('engage-a')])).toThrow(/two features are named "a"/);
});

test('the catalog and the handlers must agree', () => {
  const a: Feature = { name: 'a', commands: { 'engage-a': reply('a') } };
  expect(() => registerFeatures([a], [spec('engage-a'), spec('engage-b')])).toThrow(/"engage-b" is in the catalog but has no handler/);
  expect(() => registerFeatures([a], [])).toThrow(/"engage-a" is missing from prompts\/commands.json/);
});

test('the bot routes to the feature that registered each name, home sections in feature order', async () => {
  const features: Feature[] = [
    { name: 'a', commands: { 'engage-a': reply('from a') }, actions: { a: async (x) => textReply(`a got ${x.action}`) }, home: async () => [{ type: 'text', text: 'A home' }] },
    { name: 'b', commands: { 'engage-b': reply('from b') }, home: async () => { throw new Error('broken section'); } },
    { name: 'c', home: async () => [{ type: 'text', text: 'C home' }] },
  ];
  const bot = createBot({ registry: registerFeatures(features, [spec('engage-a'), spec('engage-b')]), messages: loadMessages(), logger: silentLogger });
  expect((await bot.handleCommand({ actor, command: 'engage-b', text: '' })).text).toBe('from b');
  expect((await bot.handleAction({ actor, action: 'a.go', value: '1' }))!.text).toBe('a got a.go');
  expect(await bot.handleAction({ actor, action: 'constructor.go', value: '1' })).toBeUndefined();
  expect((await bot.handleCommand({ actor, command: '__proto__', text: '' })).text).toContain('__proto__');
  // A failing section is left out; the others still show.
  expect((await bot.home(actor)).blocks).toEqual([{ type: 'text', text: 'A home' }, { type: 'text', text: 'C home' }]);
});
