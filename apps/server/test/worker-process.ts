/** `backlot-server worker` as a child process on a test database: started, stopped cleanly, or killed with SIGKILL. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestDatabase } from './databases.ts';

export const SERVER_BIN = fileURLToPath(new URL('../bin/backlot-server.mjs', import.meta.url));

export interface WorkerProcess {
  process: ChildProcess;
  exited: Promise<void>;
  /** What it wrote to stderr, for failure messages. */
  stderr(): string;
  /** SIGTERM (a clean stop) and wait. */
  stop(): Promise<void>;
  /** SIGKILL: no chance to let go of anything. */
  kill(): Promise<void>;
}

/** The environment a worker process needs to share a test database (and its media folder) with the test's own container. */
export function workerEnv(db: TestDatabase, dialect: 'sqlite' | 'postgres', extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), BACKLOT_DATA_DIR: db.dataDir, BACKLOT_LOG_LEVEL: 'warn', ...extra };
  if (dialect === 'postgres') env.BACKLOT_DATABASE_URL = db.url;
  else delete env.BACKLOT_DATABASE_URL;
  return env;
}

/** Starts `backlot-server worker` with this environment. */
export function startWorkerProcess(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, [SERVER_BIN, 'worker'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    process: child,
    exited,
    stderr: () => err,
    async stop() {
      if (alive()) child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      if (alive()) child.kill('SIGKILL');
      await exited;
    },
  };
}
