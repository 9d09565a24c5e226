/** Starts a real Backlot server process (the same entry as `make start`) on a free port with its own data folder. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SERVER_BIN = join(ROOT, 'apps/server/bin/backlot-server.mjs');
export const CLI_BIN = join(ROOT, 'apps/cli/bin/backlot.mjs');
/** The browser tests' build of the web UI (`vite build --mode test`, with the player's test hook): what e2e servers serve. */
export const WEB_TEST_DIR = join(ROOT, 'apps/web/dist-test');

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  env: Record<string, string>;
  process: ChildProcess;
  /** Everything the process wrote to stdout (JSON log lines). */
  stdout(): string;
  stderr(): string;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
  /** SIGKILL: no chance to clean up. */
  kill(): Promise<void>;
}

export interface StartOptions {
  dataDir?: string;
  databaseUrl?: string;
  port?: number;
  env?: Record<string, string>;
}

/**
 * Starts `backlot-server serve` and waits until /api/v1/health answers. A free port is only free
 * until someone takes it (e2e files run two at once): when the port was taken meanwhile, the
 * server is started again on another, unless the caller chose the port.
 */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServerOnce(options);
    } catch (e) {
      if (options.port !== undefined || attempt >= 3 || !(e instanceof PortTaken)) throw e;
    }
  }
}

class PortTaken extends Error {}

async function startServerOnce(options: StartOptions): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'backlot-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    BACKLOT_DATA_DIR: dataDir,
    BACKLOT_HOST: '127.0.0.1',
    BACKLOT_PORT: String(port),
    BACKLOT_LOG_LEVEL: 'info',
    BACKLOT_WEB_DIR: WEB_TEST_DIR,
    ...(options.databaseUrl ? { BACKLOT_DATABASE_URL: options.databaseUrl } : {}),
    ...options.env,
  };
  if (!options.databaseUrl) delete env.BACKLOT_DATABASE_URL;
  const child = spawn(process.execPath, [SERVER_BIN, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      if (/EADDRINUSE/.test(err + out)) {
        if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
        throw new PortTaken(`port ${port} was taken: ${err}`);
      }
      throw new Error(`server exited with ${child.exitCode}: ${err}`);
    }
    try {
      const res = await fetch(`${url}/api/v1/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start in time: ${err}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    port,
    dataDir,
    env,
    process: child,
    stdout: () => out,
    stderr: () => err,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Removes a data folder made by startServer. */
export function removeDataDir(dir: string) {
  rmSync(dir, { recursive: true, force: true });
}
