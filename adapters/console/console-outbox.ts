import type { DeliveryResult, Outbox } from '../../src/base/outbox';
import type { Reply } from '../../src/base/reply';

/**
 * The console's Outbox: a reminder that falls due is printed into the chat. The chat attaches
 * itself once it runs so the reminder's buttons can be pressed by number like any other answer.
 */
export function createConsoleOutbox(fallback: NodeJS.WritableStream) {
  let show: ((reply: Reply) => void) | undefined;
  let sent = 0;
  const outbox: Outbox & { attach(fn: (reply: Reply) => void): void } = {
    attach(fn) { show = fn; },
    async send(_target, reply): Promise<DeliveryResult> {
      if (show) show(reply);
      else fallback.write(`\n${reply.text}\n`);
      sent += 1;
      return { ok: true, messageId: `console-${sent}` };
    },
  };
  return outbox;
}
