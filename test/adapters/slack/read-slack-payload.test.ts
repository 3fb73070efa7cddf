import type { BlockAction, BlockElementAction, EnvelopedEvent, SlashCommand, ViewSubmitAction } from '@slack/bolt';
import { readClick, readCommand, readInstallation, readSubmission } from '../../../adapters/slack/read-slack-payload';

// The translators from Bolt's typed payloads: what the core gets, and what a payload lacking who or
// what yields (nothing, so the listener only acknowledges).

const click = (over: Partial<BlockAction> = {}) =>
  ({ type: 'block_actions', team: { id: 'T1', domain: 'ngo' }, user: { id: 'U1', username: 'amina' }, response_url: 'https://hooks.slack.test/r', trigger_id: 't1', actions: [], ...over }) as unknown as BlockAction;

test('a command: its name without the slash, people and channels read out of the text', () => {
  const command = { command: '/engage-remind', text: '<#C0PT|policy-team> to ask <@U0002|sam> tomorrow', team_id: 'T1', user_id: 'U1' } as SlashCommand;
  expect(readCommand(command)).toEqual({
    name: 'engage-remind',
    text: '#policy-team to ask @sam tomorrow',
    mentions: [{ userId: 'U0002', display: '@sam' }],
    channels: [{ channelId: 'C0PT', name: 'policy-team', display: '#policy-team' }],
  });
});

test('a button and a menu choice: the core action id without its suffix, the value, where to answer', () => {
  const button = { type: 'button', action_id: 'tip.show~3', value: 'v1' } as BlockElementAction;
  expect(readClick(click(), button)).toEqual({ tenantId: 'T1', userId: 'U1', actionId: 'tip.show', slackActionId: 'tip.show~3', value: 'v1', onHome: false, hasResponseUrl: true, triggerId: 't1' });
  const menu = { type: 'static_select', action_id: 'remind.pick', selected_option: { value: 'r7', text: { type: 'plain_text', text: 'x' } } } as unknown as BlockElementAction;
  const home = click({ team: null, user: { id: 'U1', username: 'a', team_id: 'T2' }, view: { type: 'home' } as never, response_url: undefined as never });
  expect(readClick(home, menu)).toMatchObject({ tenantId: 'T2', actionId: 'remind.pick', value: 'r7', onHome: true, hasResponseUrl: false });
});

test('a click without a workspace, a person or an action id yields nothing', () => {
  const button = { type: 'button', action_id: 'tip.show', value: 'v' } as BlockElementAction;
  expect(readClick(click({ team: null }), button)).toBeUndefined();
  expect(readClick(click({ user: {} as never }), button)).toBeUndefined();
  expect(readClick(click(), { type: 'button' } as BlockElementAction)).toBeUndefined();
});

test('a submission: one value per input block whatever its element, the block ids in order', () => {
  const body = {
    type: 'view_submission', team: { id: 'T1' }, user: { id: 'U1' },
    view: { callback_id: 'debrief', private_metadata: 'm:x', state: { values: {
      company: { value: { type: 'plain_text_input', value: 'Acme' } },
      when: { value: { type: 'datepicker', selected_date: '2026-12-01' } },
      topics: { pick: { type: 'multi_static_select', selected_options: [{ value: 'a' }, { value: 'b' }] } },
      rating: { value: { type: 'radio_buttons', selected_option: null } },
    } } },
  } as unknown as ViewSubmitAction;
  expect(readSubmission(body)).toEqual({
    tenantId: 'T1', userId: 'U1', formId: 'debrief', privateMetadata: 'm:x',
    values: { company: 'Acme', when: '2026-12-01', topics: ['a', 'b'], rating: undefined },
    blockIds: ['company', 'when', 'topics', 'rating'],
  });
  expect(readSubmission({ ...body, user: {} } as unknown as ViewSubmitAction)).toBeUndefined();
});

test('an uninstall names the installation: a workspace, or an organisation-wide one', () => {
  expect(readInstallation({ team_id: 'T1' } as EnvelopedEvent)).toEqual({ teamId: 'T1', isEnterpriseInstall: false });
  expect(readInstallation({ team_id: 'T1', enterprise_id: 'E1', is_enterprise_install: true } as unknown as EnvelopedEvent)).toEqual({ teamId: 'T1', enterpriseId: 'E1', isEnterpriseInstall: true });
});
