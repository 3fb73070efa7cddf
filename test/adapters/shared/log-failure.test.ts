import { PassThrough } from 'node:stream';
import { createLogger } from '../../../src/base/logger';
import { errorFields, logFailure } from '../../../adapters/shared/log-failure';

// What every adapter's failure lines may say about an error: its class, a library's code, where it
// was thrown; never its message, even one that runs over several lines.

test('class, code and stack frames are kept; the message never is, even over several lines', () => {
  const err = Object.assign(new TypeError('first line SECRET\n    and a second SECRET line\nthird SECRET'), { code: 'ERR_SOMETHING' });
  const fields = errorFields(err);
  expect(fields.error).toBe('TypeError');
  expect(fields.code).toBe('ERR_SOMETHING');
  expect(fields.at).toMatch(/^ {4}at /);
  expect(fields.at!.split('\n').length).toBeLessThanOrEqual(5);
  expect(fields.at!.split('\n').every((line) => /^\s+at /.test(line))).toBe(true);
  expect(JSON.stringify(fields)).not.toContain('SECRET');
});

test('a code that is not an identifier, and things that are not errors, give only what is safe', () => {
  expect(errorFields(Object.assign(new Error('x'), { code: 'a payload with spaces' })).code).toBeUndefined();
  expect(errorFields(Object.assign(new Error('x'), { code: 42 })).code).toBeUndefined();
  expect(errorFields(undefined)).toEqual({ error: 'Error' });
  expect(errorFields('a thrown string SECRET')).toEqual({ error: 'Error' });
  expect(errorFields({ name: '', stack: 'no frames here SECRET' })).toEqual({ error: 'Error' });
});

test('logFailure writes one error line with the event, the caller\'s fields and the error\'s', () => {
  let out = '';
  const sink = new PassThrough();
  sink.on('data', (d) => { out += d.toString(); });
  logFailure(createLogger('info', sink), 'teams.failed', new RangeError('SECRET'), 'Teams request failed', { route: 'POST /api/messages' });
  const line = JSON.parse(out.trim());
  expect(line).toMatchObject({ level: 50, event: 'teams.failed', route: 'POST /api/messages', error: 'RangeError', msg: 'Teams request failed' });
  expect(out).not.toContain('SECRET');
});
