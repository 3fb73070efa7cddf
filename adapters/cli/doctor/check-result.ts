// One line of `engage-bot doctor`: passed, failed (with what to fix), or not applicable here.

export type CheckStatus = 'pass' | 'fail' | 'skip';

export interface CheckResult {
  status: CheckStatus;
  /** What was checked, e.g. "Slack token". */
  label: string;
  /** One plain sentence: what was found and, on failure, what to do about it. */
  text: string;
}

export const pass = (label: string, text: string): CheckResult => ({ status: 'pass', label, text });
export const fail = (label: string, text: string): CheckResult => ({ status: 'fail', label, text });
export const skip = (label: string, text: string): CheckResult => ({ status: 'skip', label, text });

const MARK: Record<CheckStatus, string> = { pass: '✓', fail: '✗', skip: '–' };

export const formatCheck = (c: CheckResult) => `${MARK[c.status]} ${c.label}: ${c.text}`;
