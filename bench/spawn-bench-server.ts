import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

// Child processes for the benchmarks: servers measured or stood in for, each on its own event loop.

const ROOT = join(__dirname, '..');

/** Keeps the first 20 KB of a child's stderr, for the error message when it dies. */
export function collect(child: ChildProcess) {
  let text = '';
  child.stderr!.on('data', (d) => { if (text.length < 20_000) text += d; });
  return () => text;
}

export async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Runs a script (path from the repository root) under tsx; it prints `{"port":N}` on stdout once it listens. */
export async function spawnBenchScript(script: string, env: Record<string, string>, label: string) {
  const child = spawn(process.execPath, ['-r', 'tsx/cjs', join(ROOT, script)], {
    cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr = collect(child);
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const line = /^\{.*\}$/m.exec(out);
      if (line) resolve(JSON.parse(line[0]).port);
    });
    child.once('exit', (code) => reject(new Error(`${label} exited ${code}: ${stderr().slice(0, 400)}`)));
  });
  return { child, stderr, port, url: `http://127.0.0.1:${port}` };
}

/**
 * `start(port)` on a port found free, again on another when it says the port is taken: one found
 * free can be taken before the server binds it (the load generator's own sockets use the same range).
 */
export async function onFreePort<T>(start: (port: number) => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start(await freePort());
    } catch (err) {
      if (attempt >= attempts || !/already in use/.test((err as Error).message)) throw err;
    }
  }
}

/** `engage-bot start` as in production, with `env`; resolves once /healthz answers. */
export function startEngageBot(dir: string, env: Record<string, string>): Promise<{ name: 'bot'; url: string; child: ChildProcess; stderr: () => string }> {
  return onFreePort((port) => startEngageBotOnce(dir, env, port));
}

async function startEngageBotOnce(dir: string, env: Record<string, string>, port: number) {
  const child = spawn(process.execPath, [...(process.env.BENCH_BOT_NODE_ARGS ?? '').split(' ').filter(Boolean), join(ROOT, 'bin', 'engage-bot.js'), 'start'], {
    cwd: dir, env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stderr = collect(child);
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`engage-bot start exited ${child.exitCode}: ${stderr().slice(0, 400)}`);
    if (Date.now() - started > 20_000) { await stop(child); throw new Error('engage-bot: no /healthz within 20 s'); }
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  return { name: 'bot' as const, url, child, stderr };
}
