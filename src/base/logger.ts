import pino from 'pino';

// Logs are JSON for operators. They carry ids, kinds and timings, never what people typed: message
// text, survey answers and tokens stay out at every level (call sites pass only safe fields).
export type Logger = Pick<pino.Logger, 'debug' | 'info' | 'warn' | 'error'>;

export function createLogger(level: string, destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino({ level, base: undefined, redact: { paths: ['text', 'token', '*.text', '*.token'], censor: '[redacted]' } }, destination as pino.DestinationStream);
}

export const silentLogger: Logger = pino({ level: 'silent' });
