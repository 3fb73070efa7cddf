import { renderBlocks, renderMessage } from '../../../adapters/slack/render-block-kit';

// A link the platform gave (a reminder's way back to its message) as Block Kit mrkdwn.

const section = (text: string, url: string, lang?: 'ar') => (renderBlocks([{ type: 'link', text, url }], lang)[0] as any).text;

test('an https link is live, its words escaped as every other text is', () => {
  expect(section('The message this is about', 'https://ngo.slack.com/archives/C0001/p1795597100000300')).toEqual(
    { type: 'mrkdwn', text: '<https://ngo.slack.com/archives/C0001/p1795597100000300|The message this is about>', verbatim: true },
  );
  expect(section('R&D <!channel> > notes', 'https://x.example/a?b=1&c=2').text).toBe('<https://x.example/a?b=1&amp;c=2|R&amp;D &lt;!channel&gt; &gt; notes>');
});

test.each([
  ['not https', 'http://ngo.slack.com/archives/C1/p1'],
  ['a script', 'javascript:alert(1)'],
  ['a "|" that would end the address early', 'https://x.example/a|<!channel>'],
  ['a space', 'https://x.example/a b'],
  ['not an address', 'see the thread'],
])('%s: the words alone, nothing live', (_why, url) => {
  const text = section('The message', url).text;
  expect(text).toBe('The message');
  expect(renderMessage({ text: 'x', blocks: [{ type: 'link', text: 'The message', url }] }).blocks).toHaveLength(1);
});

test('in Arabic the line is marked right to left, outside the link syntax', () => {
  expect(section('الرسالة', 'https://x.example/m', 'ar').text).toBe('\u200F<https://x.example/m|الرسالة>');
});
