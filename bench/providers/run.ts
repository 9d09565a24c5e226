/**
 * Provider bench: for each video provider adapter, N takes (200) through the real worker
 * (`backlot-server worker`, SQLite) against the adapter's fake server (in a process of its own),
 * every task taking a fixed L ms (500) at the fake, with C places per key (20). Prints, per
 * adapter, the makespan as a ratio of the ideal ceil(N / limit) × L, the worker's CPU time per
 * take, and the adapter's own CPU time per take: process.cpuUsage() around each of its calls
 * (submit, every poll, the download, settling), made one take at a time in this process.
 *
 *   node --import tsx bench/providers/run.ts [--takes 200] [--only seedance,runway,…] [--latency-ms 500]
 *        [--concurrency 20] [--slots 2×C] [--cpu-takes 10] [--ingest]
 *
 * See bench/README.md for what is measured and how to read it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { GenerationSettings, ProviderName } from '@backlot/contracts';
import { createComfyProvider } from '../../apps/server/src/adapters/providers/comfyui/comfyui.provider.ts';
import { createFalProvider } from '../../apps/server/src/adapters/providers/fal/fal.provider.ts';
import { createHiggsfieldProvider } from '../../apps/server/src/adapters/providers/higgsfield/higgsfield.provider.ts';
import { createKlingProvider } from '../../apps/server/src/adapters/providers/kling/kling.provider.ts';
import { createLumaProvider } from '../../apps/server/src/adapters/providers/luma/luma.provider.ts';
import { createReplicateProvider } from '../../apps/server/src/adapters/providers/replicate/replicate.provider.ts';
import { createRunwayProvider } from '../../apps/server/src/adapters/providers/runway/runway.provider.ts';
import { createSeedanceProvider } from '../../apps/server/src/adapters/providers/seedance/seedance.provider.ts';
import { createBlobStore } from '../../apps/server/src/adapters/storage/create-blob-store.ts';
import { createArgon2Hasher } from '../../apps/server/src/adapters/system/argon2-hasher.ts';
import { loadConfig, type Config } from '../../apps/server/src/config/load-config.ts';
import { createContainer } from '../../apps/server/src/container.ts';
import { buildApp } from '../../apps/server/src/http/app.ts';
import type { BlobStore } from '../../apps/server/src/ports/blob-store.ts';
import type { TakeRecord } from '../../apps/server/src/ports/take-store.ts';
import type { UsageEstimate, VideoProviderAdapter } from '../../apps/server/src/ports/video-provider.ts';
import { makeTestMedia, multipart } from '../../apps/server/test/media.ts';
import { SECRETS, type FakeName } from './fakes.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SERVER_BIN = join(ROOT, 'apps/server/bin/backlot-server.mjs');
/** Clock ticks per second in /proc/PID/stat (USER_HZ: 100 on Linux). */
const TICKS = 100;
const TERMINAL = ['succeeded', 'failed', 'canceled'];

const { values: args } = parseArgs({
  options: {
    takes: { type: 'string', default: '200' },
    only: { type: 'string' },
    'latency-ms': { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '20' },
    slots: { type: 'string' },
    'cpu-takes': { type: 'string', default: '10' },
    ingest: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  console.log(`Usage: node --import tsx bench/providers/run.ts [options]

  --takes N          takes per adapter through the worker (default 200)
  --only LIST        adapters to run, comma-separated (default all): seedance, runway, luma-ray-2,
                     luma-ray-3.2, kling, higgsfield, fal, replicate, comfyui (luma: both Luma rows)
  --latency-ms L     how long every task takes at its fake (default 500)
  --concurrency C    BACKLOT_PROVIDER_CONCURRENCY: places per key (default 20)
  --slots S          BACKLOT_WORKER_SLOTS of the worker (default 2 × C, at most 64)
  --cpu-takes K      takes sent one at a time for the adapter's own CPU (default 10)
  --ingest           let the worker's tasks succeed, so each clip is downloaded and ingested with
                     ffmpeg (default: each fake fails the task at the end of its run, so the
                     worker's figures are the provider side alone)`);
  process.exit(0);
}
const N = Number(args.takes);
const L = Number(args['latency-ms']);
const C = Number(args.concurrency);
const K = Number(args['cpu-takes']);
const SLOTS = args.slots ?? String(Math.min(64, 2 * C));
const POLL_MS = L / 10;
if (!(N >= 1) || !(L >= 10) || !(C >= 1) || !(K >= 1)) throw new Error('--takes and --cpu-takes must be at least 1, --latency-ms at least 10, --concurrency at least 1');

/** What the bench calls to set up the project for one adapter, given the app's request function. */
type Call = (method: 'POST' | 'PATCH' | 'PUT', url: string, payload: unknown, headers?: Record<string, string>) => Promise<Record<string, unknown>>;
type Price = { provider: ProviderName; model: string; unit: string; perQuantity: number; priceMicros: number };

interface Subject {
  name: string;
  provider: ProviderName;
  model: string;
  settings: Partial<GenerationSettings>;
  /** The prompt marker that makes the fake run the task its full time and then fail it, never retried and never downloaded. */
  refuse: string;
  /** Takes the provider runs at once, for the ideal: Backlot's places per key, or the server's own limit. */
  limit: number;
  fake: FakeName;
  secret?: string;
  price?: Price;
  /** The shot's references, where the model needs some. */
  prepare?(call: Call, projectUrl: string, shot: { id: string; planVersion: number }): Promise<void>;
  /** The adapter as the worker builds it (container.ts), for the timed calls. */
  adapter(config: Config, blobs: BlobStore): VideoProviderAdapter;
}

const outboundOf = (config: Config) => ({ allowHosts: config.providers.allowHosts ?? [], timeoutMs: config.providers.timeoutSeconds * 1000 });

const SUBJECTS: Subject[] = [
  {
    name: 'seedance',
    provider: 'seedance',
    model: 'dreamina-seedance-2-0-260128',
    settings: { resolution: '720p' },
    refuse: '[fake:moderation]',
    limit: C,
    fake: 'seedance',
    secret: SECRETS.seedance,
    price: { provider: 'seedance', model: 'dreamina-seedance-2-0-260128', unit: 'tokens', perQuantity: 1_000_000, priceMicros: 2_500_000 },
    adapter: (config, blobs) => createSeedanceProvider({ baseUrl: config.providers.seedanceUrl!, blobs, outbound: outboundOf(config) }),
  },
  {
    name: 'runway',
    provider: 'runway',
    model: 'gen4.5',
    settings: { resolution: '720p' },
    refuse: '[fake:safety]',
    limit: C,
    fake: 'runway',
    secret: SECRETS.runway,
    price: { provider: 'runway', model: 'gen4.5', unit: 'credits', perQuantity: 1, priceMicros: 11_000 },
    adapter: (config, blobs) => createRunwayProvider({ baseUrl: config.providers.runwayUrl!, blobs, outbound: outboundOf(config) }),
  },
  ...(['ray-2', 'ray-3.2'] as const).map(
    (model): Subject => ({
      name: `luma-${model}`,
      provider: 'luma',
      model,
      settings: { resolution: '720p' },
      // Ray 3.2's moderation (`content_moderated`) is never retried; a Dream Machine failure is words only, also not retried.
      refuse: model === 'ray-2' ? '[fake:fail]' : '[fake:moderation]',
      limit: C,
      fake: 'luma',
      secret: SECRETS.luma,
      price:
        model === 'ray-2' ? { provider: 'luma', model, unit: 'seconds', perQuantity: 1, priceMicros: 400_000 } : { provider: 'luma', model, unit: 'generations', perQuantity: 1, priceMicros: 720_000 },
      adapter: (config, blobs) => createLumaProvider({ dreamMachineUrl: config.providers.lumaUrl!, agentsUrl: config.providers.lumaAgentsUrl!, blobs, outbound: outboundOf(config) }),
    }),
  ),
  {
    name: 'kling',
    provider: 'kling',
    model: 'kling-v2-6',
    settings: { resolution: '720p' },
    refuse: '[fake:fail]',
    limit: C,
    fake: 'kling',
    secret: SECRETS.kling,
    price: { provider: 'kling', model: 'kling-v2-6', unit: 'credits', perQuantity: 1, priceMicros: 150_000 },
    adapter: (config, blobs) => createKlingProvider({ baseUrl: config.providers.klingUrl!, blobs, outbound: outboundOf(config) }),
  },
  {
    name: 'higgsfield',
    provider: 'higgsfield',
    model: 'dop-turbo',
    settings: { resolution: '720p' },
    refuse: '[fake:nsfw]',
    limit: C,
    fake: 'higgsfield',
    secret: SECRETS.higgsfield,
    price: { provider: 'higgsfield', model: 'dop-turbo', unit: 'generations', perQuantity: 1, priceMicros: 125_000 },
    async prepare(call, p, shot) {
      // DoP animates a start frame: the shot names one of Backlot's own pictures.
      const media = makeTestMedia();
      try {
        const anchor = await call('POST', `${p}/assets`, { kind: 'frame-anchor', name: 'Board still' });
        const { body, contentType } = multipart([['main', 'board.png', media.png, 'image/png']]);
        await call('POST', `${p}/assets/${anchor.id}/versions`, body, { 'content-type': contentType });
        await call('POST', `${p}/assets/${anchor.id}/clearance`, { clearance: 'cleared', reason: 'our own still' });
        await call('PUT', `${p}/shots/${shot.id}/references`, { references: [{ assetId: anchor.id, version: 1, role: 'start-frame' }], baseVersion: shot.planVersion });
      } finally {
        rmSync(media.dir, { recursive: true, force: true });
      }
    },
    adapter: (config, blobs) => createHiggsfieldProvider({ baseUrl: config.providers.higgsfieldUrl!, blobs, outbound: outboundOf(config) }),
  },
  {
    name: 'fal',
    provider: 'fal',
    model: 'bytedance/seedance-2.0/fast',
    settings: { resolution: '720p', aspectRatio: '16:9' },
    // The model's own refusal in the COMPLETED request's result (422): not retried, nothing to download.
    refuse: '[fake:refuse]',
    limit: C,
    fake: 'fal',
    secret: SECRETS.fal,
    // No catalog entry: fal's list price applies.
    adapter: (config, blobs) =>
      createFalProvider({
        queueUrl: config.providers.falUrl!,
        restUrl: config.providers.falRestUrl!,
        jwksUrl: config.providers.falJwksUrl!,
        platformRetries: config.providers.falPlatformRetries,
        blobs,
        outbound: outboundOf(config),
      }),
  },
  {
    name: 'replicate',
    provider: 'replicate',
    model: 'bytedance/seedance-1-lite',
    settings: { resolution: '720p' },
    refuse: '[fake:sensitive]',
    limit: C,
    fake: 'replicate',
    secret: SECRETS.replicate,
    price: { provider: 'replicate', model: 'bytedance/seedance-1-lite', unit: 'seconds', perQuantity: 1, priceMicros: 36_000 },
    adapter: (config, blobs) => createReplicateProvider({ baseUrl: config.providers.replicateUrl!, blobs, outbound: outboundOf(config) }),
  },
  {
    name: 'comfyui',
    provider: 'comfyui',
    model: 'sample-text-to-video',
    settings: { resolution: '480p' },
    refuse: '[fake:error]',
    // A ComfyUI server runs one prompt at a time (its one GPU): the rest wait in its queue.
    limit: 1,
    fake: 'comfyui',
    price: { provider: 'comfyui', model: 'sample-text-to-video', unit: 'gpu_seconds', perQuantity: 1, priceMicros: 500 },
    adapter: (config, blobs) =>
      createComfyProvider({ baseUrl: config.providers.comfyuiUrl!, blobs, outbound: outboundOf(config), rate: { currency: 'USD', microsPerGpuSecond: 500, gpuSecondsPerVideoSecond: 60 } }),
  },
];

/** CPU seconds a process used itself, and its waited-for children (ffmpeg), from /proc. */
function cpuOf(pid: number): { self: number; children: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14–17 of stat (utime, stime, cutime, cstime) are 11–14 after the name.
  return { self: (Number(f[11]) + Number(f[12])) / TICKS, children: (Number(f[13]) + Number(f[14])) / TICKS };
}

/** Starts a process and resolves once `ready` says so. */
function startChild(args: string[], env: Record<string, string>, ipc: boolean) {
  const child: ChildProcess = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe', ...(ipc ? (['ipc'] as const) : [])] });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  return { child, exited, stderr: () => err };
}

/** The subject's fake in a process of its own; its environment for Backlot once it listens. */
async function startFakeProcess(s: Subject) {
  const host = startChild(['--import', 'tsx', join(import.meta.dirname, 'fake-host.ts'), s.fake, String(L), String(C)], process.env as Record<string, string>, true);
  const env = await new Promise<Record<string, string>>((ok, fail) => {
    host.child.once('message', (m) => ok((m as { env: Record<string, string> }).env));
    host.child.once('exit', () => fail(new Error(`the ${s.fake} fake stopped: ${host.stderr()}`)));
  });
  return {
    env,
    async close() {
      if (host.child.connected) host.child.disconnect();
      await host.exited;
    },
  };
}

interface Result {
  name: string;
  limit: number;
  idealMs: number;
  atProviderMs: number;
  storedMs: number;
  workerCpuMs: number;
  ffmpegCpuMs: number;
  adapterCpuMs: number;
  pollsPerTake: number;
  peak: number;
  statuses: string;
}

async function runOnce(s: Subject): Promise<Result> {
  process.stdout.write(`${s.name}: `);
  const fake = await startFakeProcess(s);
  const dataDir = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'backlot-bench-providers-'));
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    ...fake.env,
    BACKLOT_DATA_DIR: dataDir,
    BACKLOT_PROVIDER_CONCURRENCY: String(C),
    BACKLOT_POLL_SECONDS: String(POLL_MS / 1000),
    BACKLOT_WORKER_SLOTS: SLOTS,
    BACKLOT_WORKER: 'false',
    BACKLOT_LOG_LEVEL: 'warn',
  };
  delete env.BACKLOT_DATABASE_URL;
  delete env.BACKLOT_PUBLIC_URL;
  let container: Awaited<ReturnType<typeof createContainer>> | undefined = await createContainer(loadConfig(env), { kind: 'command', hasher: createArgon2Hasher({ fast: true }) });
  let app: Awaited<ReturnType<typeof buildApp>> | undefined = await buildApp(container);
  let worker: ReturnType<typeof startChild> | undefined;
  try {
    process.stdout.write(`queueing ${N} takes… `);
    const origin = 'http://127.0.0.1:4100';
    const setup = await app.inject({ method: 'POST', url: '/api/v1/setup', headers: { origin }, payload: { name: 'Bench', email: 'bench@example.com', password: 'bench-password-1' } });
    const cookie = `backlot_session=${setup.cookies.find((c) => c.name === 'backlot_session')!.value}`;
    const call: Call = async (method, url, payload, headers = {}) => {
      const r = await app!.inject({ method, url, payload: payload as object, headers: { cookie, origin, ...headers } });
      if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
      return r.json();
    };
    const { project } = (await call('POST', '/api/v1/projects', {
      name: 'Bench',
      code: 'BENCH',
      frameRate: '24/1',
      timecodeMode: 'ndf',
      resolution: { width: 320, height: 180 },
      currency: 'USD',
      budget: '100000000',
    })) as { project: { id: string } };
    const p = `/api/v1/projects/${project.id}`;
    await call('PATCH', p, { generation: { requireLocked: false } });
    const scene = await call('POST', `${p}/scenes`, { heading: 'INT. CONTROL ROOM - NIGHT' });
    const shot = await call('POST', `${p}/scenes/${scene.id}/shots`, {
      plan: { job: 'Watch the board', subjectAction: 'Lights blink across the board.', camera: { size: 'WS', movement: 'static' }, reviewCriteria: ['Board lit'], targetFrames: 120 },
    });
    if (s.secret) await call('PUT', `${p}/provider-keys/${s.provider}`, { secret: s.secret });
    await s.prepare?.(call, p, shot as { id: string; planVersion: number });
    if (s.price) {
      const price = s.price;
      await container.store.transaction((tx) => tx.prices.upsert({ currency: 'USD', ...price, updatedAt: new Date().toISOString() } as Parameters<typeof tx.prices.upsert>[0]));
    }
    const settings = { ...s.settings, ...(args.ingest ? {} : { promptAddition: s.refuse }) };
    for (let left = N; left > 0; left -= 12) await call('POST', `${p}/shots/${shot.id}/takes`, { provider: s.provider, model: s.model, count: Math.min(12, left), settings });

    const db = container.database.db;
    process.stdout.write('running the worker… ');
    worker = startChild([SERVER_BIN, 'worker'], env, false);
    await new Promise<void>((ok, fail) => {
      const look = () => (/take worker .* is running/.test(worker!.stderr()) ? ok() : worker!.child.exitCode !== null ? fail(new Error(worker!.stderr())) : setTimeout(look, 10));
      look();
    });
    const t0 = Date.now();
    const base = cpuOf(worker.child.pid!);
    // Sampled every 20 ms: the takes still at (or waiting for) the provider, and the places held.
    let atProviderMs = Number.NaN;
    let peak = 0;
    const deadline = t0 + Math.max(600_000, Math.ceil(N / s.limit) * L * 20);
    for (;;) {
      const rows = await db.selectFrom('takes').select(['status', 'step']).where('project_id', '=', project.id).execute();
      const open = rows.filter((r) => !TERMINAL.includes(r.status));
      peak = Math.max(peak, open.filter((r) => ['submitted', 'running', 'cancel_requested'].includes(r.status) && r.step !== 'ingest').length);
      if (Number.isNaN(atProviderMs) && open.every((r) => r.step === 'ingest')) atProviderMs = Date.now() - t0;
      if (open.length === 0) break;
      if (Date.now() > deadline) throw new Error(`${open.length} takes still open after ${Math.round((Date.now() - t0) / 1000)} s`);
      if (worker.child.exitCode !== null) throw new Error(`the worker stopped: ${worker.stderr()}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const end = cpuOf(worker.child.pid!);
    worker.child.kill('SIGTERM');
    await worker.exited;
    const last = await db
      .selectFrom('takes')
      .select((eb) => eb.fn.max('finished_at').as('at'))
      .where('project_id', '=', project.id)
      .executeTakeFirst();
    const counts = new Map<string, number>();
    for (const r of await db.selectFrom('takes').select('status').where('project_id', '=', project.id).execute()) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);

    // The adapter alone: K more takes (ordinary ones, so each is downloaded), queued and then sent
    // by this process one at a time, with the worker stopped and the fake elsewhere, so what this
    // process spends during each call is the adapter's (and the HTTP client's it uses).
    process.stdout.write(`timing the adapter over ${K} takes… `);
    const before = new Date().toISOString();
    for (let left = K + 1; left > 0; left -= 12) await call('POST', `${p}/shots/${shot.id}/takes`, { provider: s.provider, model: s.model, count: Math.min(12, left), settings: s.settings });
    const ids = (await db.selectFrom('takes').select('id').where('project_id', '=', project.id).where('requested_at', '>=', before).execute()).map((r) => r.id);
    const takes = (await Promise.all(ids.map((id) => container!.store.read.takes.get(id)))) as TakeRecord[];
    takes.sort((a, b) => a.requestedAt.localeCompare(b.requestedAt) || a.id.localeCompare(b.id));
    const config = container.config;
    await app.close();
    app = undefined;
    await container.close();
    container = undefined;
    const timed = await adapterCpu(s, config, takes);
    console.log('done');
    return {
      name: s.name,
      limit: s.limit,
      idealMs: Math.ceil(N / s.limit) * L,
      atProviderMs,
      storedMs: new Date(String(last?.at)).getTime() - t0,
      workerCpuMs: ((end.self - base.self) * 1000) / N,
      ffmpegCpuMs: ((end.children - base.children) * 1000) / N,
      adapterCpuMs: timed.cpuMs,
      pollsPerTake: timed.polls,
      peak,
      statuses: [...counts].map(([k, n]) => `${n} ${k}`).join(', '),
    };
  } finally {
    if (worker && worker.child.exitCode === null) worker.child.kill('SIGTERM');
    await worker?.exited;
    await app?.close();
    await container?.close();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Sends each take's stored request through the adapter (the first one untimed) as the worker does (submit, a poll every
 * L/10 until it ends, the download read to its end, the usage settled), one take at a time, adding
 * up process.cpuUsage() across each call (the waits between polls are not counted). Returns the
 * CPU milliseconds per take and the polls per take.
 */
async function adapterCpu(s: Subject, config: Config, takes: TakeRecord[]): Promise<{ cpuMs: number; polls: number }> {
  const built = s.adapter(config, createBlobStore(config));
  const adapter = s.secret ? built.withCredential!(s.secret) : built;
  let micros = 0;
  let polls = 0;
  const timed = async <T>(f: () => Promise<T>): Promise<T> => {
    const from = process.cpuUsage();
    try {
      return await f();
    } finally {
      const d = process.cpuUsage(from);
      micros += d.user + d.system;
    }
  };
  try {
    // The first take warms the code up (modules, JIT, connections) and is not counted.
    for (const [i, take] of takes.entries()) {
      if (i === 1) {
        micros = 0;
        polls = 0;
      }
      let snap = await timed(() => adapter.submit({ ...take.request!, uploads: [] }, { idempotencyKey: take.idempotencyKey }));
      while (!TERMINAL.includes(snap.status)) {
        await new Promise((r) => setTimeout(r, POLL_MS));
        const id = snap.providerTaskId;
        snap = await timed(() => adapter.poll(id));
        polls++;
      }
      if (snap.status !== 'succeeded') throw new Error(`${s.name}: a timed take ended ${snap.status} (${snap.error?.message ?? ''})`);
      const done = snap;
      await timed(async () => {
        const out = await adapter.fetchOutput(done, 0);
        for await (const _ of out.body);
        await adapter.settleUsage(done, { unit: take.usageUnit as UsageEstimate['unit'], quantity: take.usageQuantity, detail: take.estimateDetail });
      });
    }
  } finally {
    (adapter as { close?: () => void }).close?.();
    (built as { close?: () => void }).close?.();
  }
  return { cpuMs: micros / 1000 / (takes.length - 1), polls: polls / (takes.length - 1) };
}

const wanted = args.only?.split(',').map((w) => w.trim());
const chosen = wanted ? SUBJECTS.filter((s) => wanted.some((w) => s.name === w || s.provider === w)) : SUBJECTS;
if (wanted && chosen.length === 0) throw new Error(`--only: none of ${wanted.join(', ')} is one of ${SUBJECTS.map((s) => s.name).join(', ')}`);

const loadBefore = loadavg()[0];
console.log(
  `providers: ${N} takes per adapter through one worker on SQLite, every task ${L} ms at its fake, ${C} places per key, a poll every ${POLL_MS} ms, ${SLOTS} worker slots; ${args.ingest ? 'outputs downloaded and ingested' : 'each task fails at the end of its run (nothing downloaded or ingested)'}; ideal = ceil(N / limit) × ${L} ms`,
);
const results: Result[] = [];
for (const s of chosen) {
  const r = await runOnce(s);
  results.push(r);
  // Each adapter's figures as soon as it is done, in case the run is stopped before the table.
  console.log(`  ${(r.atProviderMs / r.idealMs).toFixed(2)}× ideal at the provider; worker ${r.workerCpuMs.toFixed(1)} ms/take; adapter ${r.adapterCpuMs.toFixed(2)} ms/take; ${r.statuses}`);
}

const sec = (ms: number) => (ms / 1000).toFixed(2);
const head = ['adapter', 'limit', 'ideal s', 'at provider s', '× ideal', 'all ended s', '× ideal', 'peak places', 'worker CPU ms/take', 'ffmpeg ms/take', 'adapter CPU ms/take', 'polls/take', 'takes'];
const rows = results.map((r) => [
  r.name,
  String(r.limit),
  sec(r.idealMs),
  sec(r.atProviderMs),
  `${(r.atProviderMs / r.idealMs).toFixed(2)}×`,
  sec(r.storedMs),
  `${(r.storedMs / r.idealMs).toFixed(2)}×`,
  `${r.peak}/${C}`,
  r.workerCpuMs.toFixed(1),
  r.ffmpegCpuMs.toFixed(1),
  r.adapterCpuMs.toFixed(2),
  r.pollsPerTake.toFixed(1),
  r.statuses,
]);
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
console.log('');
console.log(head.map((h, i) => h.padEnd(widths[i])).join('  '));
for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  '));
console.log(`1-minute load average: ${loadBefore.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after (above ~1 before: the machine was busy). The figures compare within one run only.`);
const expected = args.ingest ? 'succeeded' : 'failed';
const bad = results.filter((r) => r.statuses !== `${N} ${expected}` || r.peak > C);
if (bad.length) {
  console.log(`!!!!! ${bad.map((r) => r.name).join(', ')}: not every take ${expected}, or more than ${C} places were held at once`);
  process.exitCode = 1;
}
