/**
 * Orchestration bench: N Seedance takes (1,000) against the fake ModelArk, every task running a
 * fixed L ms (200) from its creation, with C places per key (20). Prints the makespan as a ratio
 * of the ideal N/C × L (goal ≤ 1.10×) with one `backlot worker` on SQLite, one on PostgreSQL and
 * three on PostgreSQL, and the workers' CPU time per take.
 *
 *   node --import tsx bench/orchestrate/run.ts [--takes 1000] [--latency-ms 200] [--concurrency 20]
 *        [--poll-seconds L/10] [--slots 20] [--runs sqlite:1,postgres:1,postgres:3] [--ingest]
 *
 * See bench/README.md for what is measured and how to read it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createArgon2Hasher } from '../../apps/server/src/adapters/system/argon2-hasher.ts';
import { loadConfig } from '../../apps/server/src/config/load-config.ts';
import { createContainer } from '../../apps/server/src/container.ts';
import { buildApp } from '../../apps/server/src/http/app.ts';
import { startSeedanceFake, type SeedanceFake } from '../../apps/server/test/fakes/seedance.fake.ts';
import { createBenchDatabase } from '../api/postgres.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SERVER_BIN = join(ROOT, 'apps/server/bin/backlot-server.mjs');
const MODEL = 'dreamina-seedance-2-0-260128';
const KEY = 'ark-bench-key-0000000000';
const SECRET_KEY = Buffer.alloc(32, 9).toString('base64');
/** Clock ticks per second in /proc/PID/stat (USER_HZ: 100 on Linux). */
const TICKS = 100;

const { values: args } = parseArgs({
  options: {
    takes: { type: 'string', default: '1000' },
    'latency-ms': { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '20' },
    'poll-seconds': { type: 'string' },
    slots: { type: 'string', default: '20' },
    runs: { type: 'string', default: 'sqlite:1,postgres:1,postgres:3' },
    ingest: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  console.log(`Usage: node --import tsx bench/orchestrate/run.ts [options]

  --takes N            takes queued (default 1000)
  --latency-ms L       how long every task runs at the fake (default 200)
  --concurrency C      BACKLOT_PROVIDER_CONCURRENCY: places per key (default 20)
  --poll-seconds S     BACKLOT_POLL_SECONDS of the workers (default L/10, as 5 s is to a minute-long render)
  --slots N            BACKLOT_WORKER_SLOTS of each worker (default 20)
  --runs LIST          database:workers pairs (default sqlite:1,postgres:1,postgres:3)
  --ingest             let tasks succeed, so each clip is downloaded and ingested with ffmpeg
                       (default: the provider refuses each output, so nothing is ingested and the
                       figure is the orchestration alone)`);
  process.exit(0);
}
const N = Number(args.takes);
const L = Number(args['latency-ms']);
const C = Number(args.concurrency);
const RUNS = args.runs!.split(',').map((r) => {
  const [db, w] = r.split(':');
  if ((db !== 'sqlite' && db !== 'postgres') || !(Number(w) >= 1)) throw new Error(`--runs: ${r} is not database:workers`);
  return { db, workers: Number(w) } as { db: 'sqlite' | 'postgres'; workers: number };
});
const IDEAL_MS = (N / C) * L;
const POLL_SECONDS = args['poll-seconds'] ?? String(L / 10 / 1000);

/** CPU seconds a process used itself, and its waited-for children (ffmpeg), from /proc. */
function cpuOf(pid: number): { self: number; children: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14–17 of stat (utime, stime, cutime, cstime) are 11–14 after the name.
  return { self: (Number(f[11]) + Number(f[12])) / TICKS, children: (Number(f[13]) + Number(f[14])) / TICKS };
}

interface Worker {
  child: ChildProcess;
  ready: Promise<void>;
  exited: Promise<void>;
  stderr(): string;
}

function startWorker(env: Record<string, string>): Worker {
  // BENCH_WORKER_NODE_ARGS: Node options for the workers, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
  const nodeArgs = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, SERVER_BIN, 'worker'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  let onReady: () => void;
  const ready = new Promise<void>((ok) => (onReady = ok));
  child.stderr!.on('data', (d) => {
    err += d;
    if (/take worker .* is running/.test(err)) onReady();
  });
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  return { child, ready, exited, stderr: () => err };
}

/** Queues N takes in a new project through the HTTP API (as a director would), with a key and a price. */
async function queueTakes(env: Record<string, string>): Promise<{ projectId: string; close(): Promise<void>; pending(): Promise<number>; lastFinished(): Promise<string> }> {
  const container = await createContainer(loadConfig(env), { kind: 'command', hasher: createArgon2Hasher({ fast: true }) });
  const app = await buildApp(container);
  const origin = 'http://127.0.0.1:4100';
  const setup = await app.inject({ method: 'POST', url: '/api/v1/setup', headers: { origin }, payload: { name: 'Bench', email: 'bench@example.com', password: 'bench-password-1' } });
  const cookie = `backlot_session=${setup.cookies.find((c) => c.name === 'backlot_session')!.value}`;
  const call = async (method: 'POST' | 'PATCH' | 'PUT', url: string, payload: unknown) => {
    const r = await app.inject({ method, url, payload: payload as object, headers: { cookie, origin } });
    if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
    return r.json();
  };
  const { project } = await call('POST', '/api/v1/projects', {
    name: 'Bench',
    code: 'BENCH',
    frameRate: '24/1',
    timecodeMode: 'ndf',
    resolution: { width: 1280, height: 720 },
    currency: 'USD',
    budget: '1000000',
  });
  const p = `/api/v1/projects/${project.id}`;
  await call('PATCH', p, { generation: { requireLocked: false } });
  const scene = await call('POST', `${p}/scenes`, { heading: 'INT. CONTROL ROOM - NIGHT' });
  const shot = await call('POST', `${p}/scenes/${scene.id}/shots`, {
    plan: { job: 'Watch the board', subjectAction: 'Lights blink across the board.', camera: { size: 'WS', movement: 'static' }, reviewCriteria: ['Board lit'], targetFrames: 120 },
  });
  await call('PUT', `${p}/provider-keys/seedance`, { secret: KEY });
  await container.store.transaction((tx) =>
    tx.prices.upsert({ currency: 'USD', provider: 'seedance', model: MODEL, unit: 'tokens', perQuantity: 1_000_000, priceMicros: 2_500_000, updatedAt: new Date().toISOString() }),
  );
  const settings = { resolution: '720p', ...(args.ingest ? {} : { promptAddition: '[fake:moderation]' }) };
  for (let left = N; left > 0; left -= 12) await call('POST', `${p}/shots/${shot.id}/takes`, { provider: 'seedance', model: MODEL, count: Math.min(12, left), settings });
  const db = container.database.db;
  return {
    projectId: project.id,
    async pending() {
      const r = await db
        .selectFrom('takes')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('status', 'not in', ['succeeded', 'failed', 'canceled'])
        .executeTakeFirst();
      return Number(r?.n ?? 0);
    },
    async lastFinished() {
      const r = await db
        .selectFrom('takes')
        .select((eb) => eb.fn.max('finished_at').as('at'))
        .executeTakeFirst();
      return String(r?.at);
    },
    async close() {
      await app.close();
      await container.close();
    },
  };
}

interface Result {
  label: string;
  makespanMs: number;
  ratio: number;
  cpuMsPerTake: number;
  childCpuMsPerTake: number;
  peak: number;
  statuses: string;
}

async function runOnce(fake: SeedanceFake, db: 'sqlite' | 'postgres', workers: number): Promise<Result> {
  const label = `${workers} worker${workers > 1 ? 's' : ''} on ${db === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`;
  const dataDir = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'backlot-bench-orchestrate-'));
  const pg = db === 'postgres' ? await createBenchDatabase() : undefined;
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    BACKLOT_DATA_DIR: dataDir,
    BACKLOT_SECRET_KEY: SECRET_KEY,
    BACKLOT_SEEDANCE_URL: fake.baseUrl,
    BACKLOT_PROVIDER_ALLOW_HOSTS: fake.host,
    BACKLOT_PROVIDER_CONCURRENCY: String(C),
    BACKLOT_POLL_SECONDS: POLL_SECONDS,
    BACKLOT_WORKER_SLOTS: args.slots!,
    BACKLOT_WORKER: 'false',
    BACKLOT_LOG_LEVEL: 'warn',
  };
  if (pg) env.BACKLOT_DATABASE_URL = pg.url;
  else delete env.BACKLOT_DATABASE_URL;
  const started: Worker[] = [];
  let queued: Awaited<ReturnType<typeof queueTakes>> | undefined;
  try {
    process.stdout.write(`${label}: queueing ${N} takes… `);
    queued = await queueTakes(env);
    fake.tasks.clear();
    fake.peakInFlight.clear();
    const from = fake.creates.length;
    process.stdout.write('starting the workers… ');
    for (let i = 0; i < workers; i++) started.push(startWorker(env));
    // CPU is counted from the moment each worker is ready (its start-up, TypeScript loading included, is not).
    const base = await Promise.all(started.map(async (w) => (await w.ready, cpuOf(w.child.pid!))));
    process.stdout.write('running… ');
    const deadline = Date.now() + Math.max(600_000, IDEAL_MS * 20);
    while ((await queued.pending()) > 0) {
      if (Date.now() > deadline) throw new Error(`takes still pending after ${Math.round((Date.now() - deadline) / 1000 + Math.max(600, (IDEAL_MS * 20) / 1000))} s`);
      for (const w of started) if (w.child.exitCode !== null) throw new Error(`a worker stopped: ${w.stderr()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const end = started.map((w) => cpuOf(w.child.pid!));
    const firstCreate = Math.min(...[...fake.tasks.values()].map((t) => t.createdMs));
    const makespanMs = new Date(await queued.lastFinished()).getTime() - firstCreate;
    const rows = await queueStatuses(env, queued.projectId);
    if (fake.creates.length - from !== N) throw new Error(`the fake received ${fake.creates.length - from} creates for ${N} takes`);
    const self = end.reduce((a, e, i) => a + e.self - base[i].self, 0);
    const children = end.reduce((a, e, i) => a + e.children - base[i].children, 0);
    const peak = fake.peakInFlight.get(KEY) ?? 0;
    if (peak > C) throw new Error(`the fake saw ${peak} tasks at once for one key, over the limit of ${C}`);
    console.log('done');
    return { label, makespanMs, ratio: makespanMs / IDEAL_MS, cpuMsPerTake: (self * 1000) / N, childCpuMsPerTake: (children * 1000) / N, peak, statuses: rows };
  } finally {
    for (const w of started) if (w.child.exitCode === null) w.child.kill('SIGTERM');
    await Promise.all(started.map((w) => w.exited));
    await queued?.close();
    await pg?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** How the takes ended, e.g. "1000 failed" (refused outputs) or "1000 succeeded". */
async function queueStatuses(env: Record<string, string>, projectId: string): Promise<string> {
  const container = await createContainer(loadConfig(env), { kind: 'command' });
  try {
    const rows = await container.database.db.selectFrom('takes').select(['status']).where('project_id', '=', projectId).execute();
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
    return [...counts].map(([s, n]) => `${n} ${s}`).join(', ');
  } finally {
    await container.close();
  }
}

const fake = await startSeedanceFake({ clipSeconds: 1 });
fake.keys.add(KEY);
fake.latencyMs = L;
try {
  const loadBefore = loadavg()[0];
  console.log(
    `orchestration: ${N} takes, every task ${L} ms at the fake, ${C} places per key, poll every ${POLL_SECONDS} s, ${args.slots} slots per worker; ideal N/C × L = ${(IDEAL_MS / 1000).toFixed(2)} s${args.ingest ? '; outputs ingested' : '; outputs refused by the provider (nothing ingested)'}`,
  );
  const results: Result[] = [];
  for (const r of RUNS) results.push(await runOnce(fake, r.db, r.workers));
  console.log('');
  for (const r of results) {
    console.log(
      `${r.label.padEnd(26)} makespan ${(r.makespanMs / 1000).toFixed(2)} s = ${r.ratio.toFixed(2)}× ideal (goal ≤ 1.10×); worker CPU ${r.cpuMsPerTake.toFixed(2)} ms/take${r.childCpuMsPerTake > 0 ? ` (+ ffmpeg ${r.childCpuMsPerTake.toFixed(1)} ms/take)` : ''}; peak ${r.peak}/${C} per key; ${r.statuses}`,
    );
  }
  console.log(`1-minute load average: ${loadBefore.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after (above ~1 before: the machine was busy).`);
  if (results.some((r) => r.ratio > 1.1)) console.log('!!!!! makespan above 1.10× the ideal');
} finally {
  await fake.close();
}
