import { renderText } from '../../../adapters/console/render-text';
import type { Reply } from '../../../src/base/reply';

// A console chat has nobody else in it: a button posting to "this conversation" is never shown, and
// the buttons that remain are numbered without a gap.

test('a sharesHere button is left out and the others keep consecutive numbers; a row of only such buttons prints nothing', () => {
  const reply: Reply = {
    text: 'Brief: Acme',
    visibility: 'private',
    blocks: [
      { type: 'heading', text: 'Brief: Acme' },
      { type: 'actions', buttons: [{ action: 'engagement.share', label: 'Share to this channel', value: 'm1', sharesHere: true }] },
      { type: 'actions', buttons: [
        { action: 'engagement.share', label: 'Share to this channel', value: 'm1', sharesHere: true },
        { action: 'engagement.debrief', label: 'Debrief this meeting', value: 'm1' },
        { action: 'engagement.record', label: 'Acme’s record', value: 'acme' },
      ] },
    ],
  };
  const { text, buttons } = renderText(reply);
  expect(text).not.toContain('Share');
  expect(buttons.map((b) => b.action)).toEqual(['engagement.debrief', 'engagement.record']);
  expect(text).toBe('\nBRIEF: ACME\n  [1] Debrief this meeting\n  [2] Acme’s record');
});
