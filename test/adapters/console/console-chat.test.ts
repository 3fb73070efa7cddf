import { PassThrough } from 'node:stream';
import { loadCommandCatalog } from '../../../src/base/load-command-catalog';
import { runConsole } from '../../../adapters/console/run-console';
import { commandWords, toConsoleInput } from '../../../adapters/console/to-console-input';
import { renderText } from '../../../adapters/console/render-text';
import { makeTestBot } from '../../helpers/make-test-bot';

/** Types the lines into a console chat with a fresh bot and returns everything it printed. */
async function chat(lines: string[]): Promise<string> {
  const t = makeTestBot();
  const input = new PassThrough();
  const output = new PassThrough();
  let seen = '';
  output.on('data', (d) => { seen += d.toString(); });
  const done = runConsole(t.bot, input, output);
  for (const line of lines) input.write(`${line}\n`);
  await done;
  await t.close();
  return seen;
}

describe('console chat', () => {
  test('a typed situation gets a tip; a number presses its button; quit ends the chat', async () => {
    const seen = await chat(['they asked us to sign an NDA', '1', '/engage', 'quit']);
    expect(seen).toMatch(/BE STRATEGIC ABOUT NDAS/);
    expect(seen).toMatch(/\[1\] /);
    expect(seen.match(/What the guide suggests/g)!.length).toBeGreaterThanOrEqual(2); // the pressed button opened a second item
    expect(seen).toMatch(/\/engage-tip/);
    expect(seen).toMatch(/Bye\./);
  });

  test('export me is printed in one piece, as it is: no parts, no long line wrapped', async () => {
    // Five reminders of 400-odd characters: an export of several thousand, with lines far wider than the terminal.
    const texts = [1, 2, 3, 4, 5].map((n) => `ask Acme about pledge ${n}: ${'publish the appeals data for our region '.repeat(10).trim()}`);
    const seen = await chat([...texts.map((text) => `remind me to ${text} in 2 weeks`), '/engage export me', 'quit']);
    expect(seen).not.toMatch(/Part \d of \d/);
    const json = JSON.parse(seen.slice(seen.indexOf('{\n'), seen.lastIndexOf('\n}') + 2));
    expect(json.data.reminders.map((r: { text: string }) => r.text).sort()).toEqual(texts);
  });

  test('typed lines map to commands, buttons and quitting', () => {
    const words = commandWords(loadCommandCatalog());
    const buttons = [{ action: 'tip.show', label: 'x', value: 'stay-on-topic' }];
    expect(toConsoleInput('tip NDA', buttons, words)).toEqual({ kind: 'command', command: 'engage-tip', text: 'NDA', mentions: [] });
    expect(toConsoleInput('/engage-tip list', buttons, words)).toEqual({ kind: 'command', command: 'engage-tip', text: 'list', mentions: [] });
    expect(toConsoleInput('help', buttons, words)).toEqual({ kind: 'command', command: 'engage', text: '', mentions: [] });
    expect(toConsoleInput('1', buttons, words)).toEqual({ kind: 'press', button: buttons[0] });
    expect(toConsoleInput('7', buttons, words)).toEqual({ kind: 'command', command: 'engage-tip', text: '7', mentions: [] });
    expect(toConsoleInput('exit', buttons, words)).toEqual({ kind: 'quit' });
    expect(toConsoleInput('home', buttons, words)).toEqual({ kind: 'home' });
    expect(toConsoleInput('constructor x', buttons, words)).toEqual({ kind: 'command', command: 'engage-tip', text: 'constructor x', mentions: [] });
    expect(toConsoleInput('   ', buttons, words)).toEqual({ kind: 'nothing' });
    // A person is named as typed: the name is the id, and stays in the words for the core to take out.
    expect(toConsoleInput('debrief Acme board with @amina and @jo.k', buttons, words)).toEqual({
      kind: 'command', command: 'engage-debrief', text: 'Acme board with @amina and @jo.k',
      mentions: [{ userId: 'amina', display: '@amina' }, { userId: 'jo.k', display: '@jo.k' }],
    });
    expect(toConsoleInput('tip write to a@b.org', buttons, words)).toMatchObject({ mentions: [] });
  });

  test('the text renderer numbers buttons across action rows', () => {
    const r = renderText({
      text: 'x', visibility: 'private',
      blocks: [
        { type: 'heading', text: 'Hi' },
        { type: 'actions', buttons: [{ action: 'a', label: 'A', value: '1' }] },
        { type: 'actions', buttons: [{ action: 'b', label: 'B', value: '2' }] },
      ],
    });
    expect(r.text).toBe('\nHI\n  [1] A\n  [2] B');
    expect(r.buttons.map((b) => b.action)).toEqual(['a', 'b']);
  });
});
