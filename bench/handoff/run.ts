/**
 * Handoff bench: a project of 200 shots, each with an approved take whose original is a file of
 * `--mib` MiB in the blob store; the whole project's package (OTIO, EDL, FCPXML, MLT, manifest and
 * the media) downloaded from a real server process to a file on disk, against plainly copying the
 * same 200 media files with `cp`; the ratio (goal ≤ 1.2×), and the server's peak RSS during the
 * package over its RSS before it (sampled every 50 ms from /proc), which stays flat when the zip
 * is streamed rather than built in memory.
 *
 *   node --import tsx bench/handoff/run.ts [--db sqlite|postgres] [--shots 200] [--mib 2] [--runs 3]
 *
 * The media bytes are random (the package copies bytes; it never decodes them), each take's probe
 * facts written as ingest would (24 fps, 48 frames).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { get } from 'node:http';
import { createWriteStream, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { createArgon2Hasher } from '../../apps/server/src/adapters/system/argon2-hasher.ts';
import { createBlobStore, mediaRootFor } from '../../apps/server/src/adapters/storage/create-blob-store.ts';
import { loadConfig } from '../../apps/server/src/config/load-config.ts';
import { createContainer } from '../../apps/server/src/container.ts';
import { startServer } from '../../e2e/support/server.ts';
import { benchTake } from '../api/bench-take.ts';
import { benchDataPlace, vacuumAnalyze } from '../api/postgres.ts';
import { seedProject } from '../api/seed.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: process.env.BENCH_DB || 'sqlite' },
    shots: { type: 'string', default: '200' },
    mib: { type: 'string', default: '2' },
    runs: { type: 'string', default: '3' },
  },
});
const dbKind = args.db === 'pg' || args.db === 'postgres' ? 'postgres' : args.db === 'sqlite' ? 'sqlite' : undefined;
if (!dbKind) {
  console.error(`--db must be sqlite or postgres, not ${args.db}`);
  process.exit(2);
}
const SHOTS = Number(args.shots);
const MIB = Number(args.mib);
const RUNS = Number(args.runs);
const SHOTS_PER_SCENE = 10;
const GOAL = 1.2;

/** The resident set of a process, in bytes (Linux). */
function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0) * 1024;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

async function main() {
  console.log(`Backlot handoff bench — ${dbKind}, ${SHOTS} shots × ${MIB} MiB, ${RUNS} runs, Node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(2)}`);
  const cleanups: (() => Promise<void>)[] = [];
  try {
    const { dataDir, databaseUrl } = await benchDataPlace(ROOT, 'handoff', dbKind!, cleanups);
    const config = loadConfig({ BACKLOT_DATA_DIR: dataDir, BACKLOT_DATABASE_URL: databaseUrl });
    const blobs = createBlobStore(config);
    const container = await createContainer(config, { hasher: createArgon2Hasher({ fast: true }), blobs });
    const seeded = await seedProject(container, { members: 5, events: 5, batch: 250, progress: () => {} });
    const projectId = seeded.projectId;
    const actor = { accountId: seeded.ownerId, name: 'Olivia Marsh' };
    const shots: string[] = [];
    for (let s = 0; s < Math.ceil(SHOTS / SHOTS_PER_SCENE); s++) {
      const scene = await container.services.scenes.create(actor, projectId, { heading: `INT. ROOM ${s + 1} - NIGHT` } as never);
      for (let k = 0; k < SHOTS_PER_SCENE && shots.length < SHOTS; k++) shots.push((await container.services.shots.create(actor, projectId, scene.id, { plan: {} } as never)).id);
    }
    const originals: string[] = [];
    const at = new Date().toISOString();
    for (const [n, shotId] of shots.entries()) {
      const put = await blobs.put(
        Readable.from(
          (function* () {
            for (let i = 0; i < MIB * 4; i++) yield randomBytes(256 * 1024);
          })(),
        ),
      );
      originals.push(put.sha256);
      await container.store.transaction(async (tx) => {
        await tx.blobs.record({ sha256: put.sha256, size: put.size, mediaType: 'video/mp4', createdAt: at });
        const id = `bench-take-${String(n + 1).padStart(5, '0')}`;
        const take = { ...benchTake({ id, projectId, shotId, owner: { id: seeded.ownerId, name: 'Olivia Marsh' }, sha256: put.sha256, seed: n, at }), inFrame: 6, outFrame: 41 };
        await tx.takes.insert(take);
      });
      if ((n + 1) % 50 === 0 || n + 1 === shots.length) process.stdout.write(`\r  takes ${n + 1}/${shots.length}`);
    }
    process.stdout.write('\n');
    await container.close();
    if (databaseUrl) await vacuumAnalyze(databaseUrl);

    const server = await startServer({ dataDir, databaseUrl, env: { BACKLOT_LOG_LEVEL: 'warn' } });
    cleanups.push(() => server.stop());
    const pid = server.process.pid!;
    const out = join(dataDir, 'bench-out');
    mkdirSync(out, { recursive: true });
    cleanups.push(async () => rmSync(out, { recursive: true, force: true }));
    const url = `${server.url}/api/v1/projects/${projectId}/handoff.zip?formats=otio,edl,fcpxml,mlt`;
    const mediaBytes = originals.length * MIB * 1024 * 1024;

    /** Downloads the package once; answers seconds, bytes and the server's RSS before and at its peak. */
    async function packageOnce(): Promise<{ seconds: number; bytes: number; before: number; peak: number }> {
      const file = join(out, 'package.zip');
      const before = rssOf(pid);
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 50);
      const started = performance.now();
      // node:http rather than fetch: its stream hands the bytes on without web-stream wrapping, so the client costs little.
      const res = await new Promise<import('node:http').IncomingMessage>((ok, fail) => get(url, { headers: { authorization: `Bearer ${seeded.token}` } }, ok).on('error', fail));
      if (res.statusCode !== 200) throw new Error(`GET handoff.zip answered ${res.statusCode}`);
      await pipeline(res, createWriteStream(file, { highWaterMark: 1024 * 1024 }));
      const seconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
      peak = Math.max(peak, rssOf(pid));
      const bytes = statSync(file).size;
      rmSync(file);
      return { seconds, bytes, before, peak };
    }

    /** Copies the same media files with cp into a fresh folder; answers seconds. */
    function copyOnce(): number {
      const dest = join(out, 'cp');
      mkdirSync(dest, { recursive: true });
      const files = originals.map((sha) => join(mediaRootFor(config), 'blobs', sha.slice(0, 2), sha.slice(2, 4), sha));
      const started = performance.now();
      const r = spawnSync('cp', [...files, dest]);
      const seconds = (performance.now() - started) / 1000;
      if (r.status !== 0) throw new Error(`cp failed: ${r.stderr}`);
      rmSync(dest, { recursive: true, force: true });
      return seconds;
    }

    // One warm-up of each, then runs taking turns, so a busy machine slows both alike.
    await packageOnce();
    copyOnce();
    const pkg: Awaited<ReturnType<typeof packageOnce>>[] = [];
    const cp: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      pkg.push(await packageOnce());
      cp.push(copyOnce());
    }
    const pkgS = median(pkg.map((p) => p.seconds));
    const cpS = median(cp);
    const ratio = pkgS / cpS;
    const growth = Math.max(...pkg.map((p) => p.peak - p.before));
    console.log(`  package: ${mb(pkg[0].bytes)} (media ${mb(mediaBytes)}) in ${pkgS.toFixed(2)} s median (${pkg.map((p) => p.seconds.toFixed(2)).join(', ')})`);
    console.log(`  cp of the same media: ${cpS.toFixed(2)} s median (${cp.map((s) => s.toFixed(2)).join(', ')})`);
    console.log(`  ratio: ${ratio.toFixed(2)}× (goal ≤ ${GOAL}×) ${ratio <= GOAL ? 'OK' : 'OVER'}`);
    console.log(
      `  server RSS: ${mb(pkg[0].before)} before, peak growth ${mb(growth)} while streaming ${mb(pkg[0].bytes)} (${((growth / pkg[0].bytes) * 100).toFixed(1)} % of the package): ${growth < pkg[0].bytes / 4 ? 'flat' : 'NOT flat'}`,
    );
  } finally {
    for (const step of cleanups.reverse()) await step().catch((err) => console.error('cleanup failed:', err));
  }
}

await main();
