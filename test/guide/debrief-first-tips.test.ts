import { loadGuide } from '../../src/guide/load-guide';

const guide = loadGuide();

describe('the debrief’s first tip for each weak characteristic', () => {
  test('is the tip that best helps with that characteristic', () => {
    const firstTips = Object.fromEntries(guide.ofKind('characteristic').map((c) => [c.id, guide.tipsFor(c.id)[0]?.id]));
    expect(firstTips).toEqual({
      'scope-goals': 'identify-goal-and-approach',
      'people-process': 'understand-organizational-dynamics',
      respectful: 'be-nuanced-with-criticism',
      'mutual-learning': 'prepare-background-knowledge',
      focused: 'stay-on-topic',
      'right-format': 'understand-format-constraints',
      inclusive: 'understand-organizational-dynamics',
      timely: 'use-media-and-political-attention',
      'feedback-loops': 'follow-up-with-companies',
      sustained: 'maintain-institutional-relationships',
    });
  });
});

describe('increased legal risk', () => {
  test('says engagement pauses while litigation is threatened or under way', () => {
    const item = guide.get('increased-legal-risk')!;
    const text = [item.summary, ...item.steps].join(' ').toLowerCase();
    expect(text).toMatch(/litigation/);
    expect(text).toMatch(/pause/);
    expect(text).toMatch(/threaten/);
  });

  test('is found by the words people use for a lawsuit', () => {
    const item = guide.get('increased-legal-risk')!;
    expect(item.keywords).toEqual(expect.arrayContaining(['sue', 'suing', 'lawsuit', 'court case', 'legal action', 'litigation']));
  });
});
