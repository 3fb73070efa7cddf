import { readSlackLinks } from '../../../adapters/slack/read-slack-links';

test('people and channels picked in Slack become plain words with their ids beside them', () => {
  expect(readSlackLinks('Acme board with <@U0002|amina> and <@U0003>')).toEqual({
    text: 'Acme board with @amina and @U0003',
    mentions: [{ userId: 'U0002', display: '@amina' }, { userId: 'U0003', display: '@U0003' }],
    channels: [],
  });
  expect(readSlackLinks('<#C0PUB|policy team> to post asks, then <#C0PRIV|>')).toEqual({
    text: '#policy-team to post asks, then #C0PRIV',
    mentions: [],
    channels: [{ channelId: 'C0PUB', name: 'policy team', display: '#policy-team' }, { channelId: 'C0PRIV', display: '#C0PRIV' }],
  });
});

test('what only looks like a link stays as typed', () => {
  for (const text of ['<@u0002>', '<#not a channel>', '<!here> a <https://example.org|site>', 'me to mail a@b.org']) {
    expect(readSlackLinks(text)).toEqual({ text, mentions: [], channels: [] });
  }
});

test("Slack's entities in the text become the characters the person typed", () => {
  expect(readSlackLinks('R&amp;D &lt;board&gt; with <@U0002|amina> &amp;amp;').text).toBe('R&D <board> with @amina &amp;');
});
