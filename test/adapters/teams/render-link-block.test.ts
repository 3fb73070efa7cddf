import { renderAdaptiveCard } from '../../../adapters/teams/render-adaptive-card';
import { loadTeamsPrompts } from '../../../adapters/teams/load-teams-prompts';
import type { Reply } from '../../../src/base/reply';
import { cardProblems } from './card-validator';

// A link the platform gave (a reminder's way back to its message) in an Adaptive Card: a button that
// opens it, which the official parser accepts.

const prompts = loadTeamsPrompts();
const card = (url: string, text = 'The message this is about') => {
  const reply: Reply = { text: 'Reminder', blocks: [{ type: 'text', text: 'Ask Acme' }, { type: 'link', text, url }], visibility: 'private' };
  const rendered = renderAdaptiveCard(reply, prompts);
  expect(cardProblems(rendered)).toEqual([]);
  return rendered;
};

test('an https link is an Action.OpenUrl whose title is the plain words', () => {
  const url = 'https://teams.microsoft.com/l/message/19:abc@thread.skype/1795597100000?tenantId=t&groupId=g';
  expect(card(url, 'Open [it](https://evil.example)').body[1]).toEqual({
    type: 'ActionSet', actions: [{ type: 'Action.OpenUrl', title: 'Open [it](https://evil.example)', url }],
  });
});

test.each(['http://teams.microsoft.com/l/message/1', 'javascript:alert(1)', 'https://x.example/a b', 'no address'])('%s shows the words alone, escaped like any text', (url) => {
  expect(card(url, 'The *message*').body[1]).toEqual({ type: 'TextBlock', text: 'The \\*message\\*', wrap: true });
});
