import { renderText } from '../../../adapters/console/render-text';

// A link the platform gave (a reminder's way back to its message) in the terminal: the words, then
// the address on its own line to copy or click.

const render = (url: string) => renderText({ text: 'x', blocks: [{ type: 'text', text: 'Ask Acme' }, { type: 'link', text: 'The message this is about', url }], visibility: 'private' }).text;

test('the words, then the address', () => {
  expect(render('https://ngo.slack.com/archives/C0001/p1795597100000300')).toBe('Ask Acme\nThe message this is about\n  https://ngo.slack.com/archives/C0001/p1795597100000300');
});

test('an address carrying terminal control characters, or none at all, is left out', () => {
  expect(render('https://x.example/\u001b]0;pwned\u0007')).toBe('Ask Acme\nThe message this is about');
  expect(render('not an address')).toBe('Ask Acme\nThe message this is about');
});
