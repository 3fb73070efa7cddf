import { createServer, type Server } from 'node:http';
import { Writable } from 'node:stream';
import { listen } from '../../../../adapters/http/create-http-server';
import { runDoctor, type DoctorOptions } from '../../../../adapters/cli/doctor/run-doctor';

/** Runs the doctor in-process; returns its exit code and printed lines. */
export async function doctor(env: Record<string, string>, options: Partial<DoctorOptions> = {}) {
  let text = '';
  const out = new Writable({ write(chunk, _enc, done) { text += chunk.toString(); done(); } });
  const code = await runDoctor({ env, out, timeoutMs: 2000, ...options });
  const lines = text.split('\n').filter(Boolean);
  /** The one line of a check, by its label. */
  const line = (label: string) => {
    const found = lines.filter((l) => l.slice(2).startsWith(`${label}:`));
    if (found.length !== 1) throw new Error(`expected one "${label}" line, got ${found.length}:\n${text}`);
    return found[0]!;
  };
  return { code, text, lines, line };
}

/** A port nothing listens on: connections to it are refused at once. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server, 0, '127.0.0.1');
  await new Promise((r) => server.close(r));
  return port;
}

/** A server that accepts connections and never answers. */
export async function silentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(() => undefined);
  const port = await listen(server, 0, '127.0.0.1');
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}
