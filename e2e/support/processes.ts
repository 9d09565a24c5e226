/** Processes beside a running server: `backlot worker`s, a server command run to its end, and the first-run admin with a token. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createClient, type Client } from '@backlot/contracts/client';
import { SERVER_BIN } from './server.ts';

export interface RunningWorker {
  process: ChildProcess;
  exited: Promise<void>;
  /** What it logged (JSON lines). */
  stdout(): string;
  stderr(): string;
  /** SIGTERM (a clean stop) and wait. */
  stop(): Promise<void>;
}

/** Starts `backlot-server worker` with this environment. */
export function startWorkerProcess(env: Record<string, string>): RunningWorker {
  const child = spawn(process.execPath, [SERVER_BIN, 'worker'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  return {
    process: child,
    exited,
    stdout: () => out,
    stderr: () => err,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Runs a server command (`serve`, `worker`, …) that is expected to end by itself; resolves with its exit code and stderr. Killed after `timeoutMs`. */
export function runServerCommand(args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<{ code: number | null; stderr: string }> {
  return new Promise((ok) => {
    const child = spawn(process.execPath, [SERVER_BIN, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      ok({ code, stderr });
    });
  });
}

/** Creates the instance admin on a fresh server and an API token for it. */
export async function setUpAdmin(url: string): Promise<{ client: Client; token: string }> {
  const setup = await fetch(`${url}/api/v1/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Ada', email: 'ada@example.com', password: 'a-long-password-1' }),
  });
  if (setup.status !== 201) throw new Error(`setup answered ${setup.status}: ${await setup.text()}`);
  const cookie = setup.headers.get('set-cookie')!.split(';')[0];
  const res = await fetch(`${url}/api/v1/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, origin: url }, body: JSON.stringify({ name: 'e2e' }) });
  const token = (await res.json()).secret as string;
  return { client: createClient({ baseUrl: url, token }), token };
}

/** Reads until `ok` holds, every 100 ms, failing after `ms`. */
export async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(v).slice(0, 1000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
