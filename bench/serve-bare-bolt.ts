// The reference the bot is measured against: the same @slack/bolt, its own HTTPReceiver, one slash
// command listener that only calls ack(). Run as a child process by bench-slack.ts; prints its port.
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

async function main() {
  const signingSecret = process.env.SLACK_SIGNING_SECRET;
  if (!signingSecret) throw new Error('SLACK_SIGNING_SECRET is not set');
  const receiver = new HTTPReceiver({ signingSecret, endpoints: '/slack/events', logLevel: LogLevel.ERROR });
  // botId/botUserId given: no auth.test call, nothing off this process.
  const app = new App({ receiver, token: 'xoxb-bench', botId: 'BBARE', botUserId: 'UBARE', logLevel: LogLevel.ERROR });
  app.command(/^\/.+/, async ({ ack }) => { await ack(); });
  const server = await receiver.start({ port: 0, host: '127.0.0.1' });
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  void app;
}

main().catch((err) => { process.stderr.write(`${(err as Error).message}\n`); process.exit(1); });
