/**
 * Archive bench: a project of `--takes` takes (5,000) whose media are `--gb` (1 and 4) GiB of unique
 * bytes in the blob store; its bundle exported to a file, verified, and imported into a fresh
 * instance, each timed against `cp` moving the same bytes in the same run:
 *   export ÷ `cp -r` of the media folder (reads and writes the media once),
 *   verify ÷ `cp bundle /dev/null` (reads the bundle once),
 *   import ÷ `cp bundle copy` (reads the bundle and writes its bytes once).
 * Linear time: seconds per GiB at each size. Flat memory: the process's peak RSS over its RSS before
 * each step (sampled every 50 ms). A size is skipped, saying why, when free disk is under 5× it.
 *
 *   node --import tsx bench/archive/run.ts [--db sqlite|postgres] [--takes 5000] [--gb 1,4]
 *
 * The media bytes are random (the bundle copies and hashes bytes; it never decodes them).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync, statfsSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { createArgon2Hasher } from '../../apps/server/src/adapters/system/argon2-hasher.ts';
import { createBlobStore, mediaRootFor } from '../../apps/server/src/adapters/storage/create-blob-store.ts';
import type { BlobStore } from '../../apps/server/src/ports/blob-store.ts';
import { loadConfig } from '../../apps/server/src/config/load-config.ts';
import { type Container, createContainer } from '../../apps/server/src/container.ts';
import { benchTake } from '../api/bench-take.ts';
import { benchDataPlace, vacuumAnalyze } from '../api/postgres.ts';
import { seedBenchProject } from '../api/seed-project.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: process.env.BENCH_DB || 'sqlite' },
    takes: { type: 'string', default: '5000' },
    gb: { type: 'string', default: '1,4' },
  },
});
const dbKind = args.db === 'pg' || args.db === 'postgres' ? 'postgres' : args.db === 'sqlite' ? 'sqlite' : undefined;
if (!dbKind) {
  console.error(`--db must be sqlite or postgres, not ${args.db}`);
  process.exit(2);
}
const TAKES = Number(args.takes);
const SIZES = args.gb.split(',').map(Number);
const GIB = 1024 ** 3;
const CHUNK = 256 * 1024;

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
type Cleanups = (() => Promise<void>)[];

/** Runs `step`, answering its seconds and the process's peak RSS growth over the RSS before it. */
async function measured<T>(step: () => Promise<T>): Promise<{ value: T; seconds: number; growth: number }> {
  global.gc?.();
  const before = process.memoryUsage.rss();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
  const started = performance.now();
  try {
    const value = await step();
    return { value, seconds: (performance.now() - started) / 1000, growth: Math.max(0, peak - before) };
  } finally {
    clearInterval(sampler);
  }
}

function cp(...argv: string[]): number {
  const started = performance.now();
  const r = spawnSync('cp', argv, { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`cp ${argv.join(' ')} failed`);
  return (performance.now() - started) / 1000;
}

async function open(dataDir: string, databaseUrl: string | undefined): Promise<{ container: Container; blobs: BlobStore }> {
  const config = loadConfig({ BACKLOT_DATA_DIR: dataDir, BACKLOT_DATABASE_URL: databaseUrl });
  const blobs = createBlobStore(config);
  return { container: await createContainer(config, { hasher: createArgon2Hasher({ fast: true }), blobs }), blobs };
}

/** A project of TAKES takes over the bench project's 200 shots, each with its own `bytesEach` of random media. */
async function seed({ container, blobs }: { container: Container; blobs: BlobStore }, bytesEach: number) {
  const { owner, actor, project, shots } = await seedBenchProject(container.services);
  const at = new Date().toISOString();
  for (let start = 0; start < TAKES; start += 100) {
    const batch: { n: number; sha256: string; size: number }[] = [];
    for (let n = start; n < Math.min(TAKES, start + 100); n++) {
      const put = await blobs.put(
        Readable.from(
          (function* () {
            for (let left = bytesEach; left > 0; left -= CHUNK) yield randomBytes(Math.min(CHUNK, left));
          })(),
        ),
      );
      batch.push({ n, ...put });
    }
    await container.store.transaction(async (tx) => {
      for (const b of batch) {
        await tx.blobs.record({ sha256: b.sha256, size: b.size, mediaType: 'video/mp4', createdAt: at });
        const id = `bench-take-${String(b.n + 1).padStart(5, '0')}`;
        const take = benchTake({ id, projectId: project.id, shotId: shots[b.n % shots.length], number: Math.floor(b.n / shots.length) + 1, owner, sha256: b.sha256, seed: b.n, at });
        await tx.takes.insert({ ...take, review: b.n % 3 === 0 ? 'selected' : 'rejected' });
      }
    });
    process.stdout.write(`\r  takes ${Math.min(TAKES, start + 100)}/${TAKES}`);
  }
  process.stdout.write('\n');
  return { actor, project };
}

async function benchSize(gib: number): Promise<void> {
  const bytes = Math.round(gib * GIB);
  const bytesEach = Math.floor(bytes / TAKES);
  const cleanups: Cleanups = [];
  try {
    const source = await benchDataPlace(ROOT, 'archive', dbKind!, cleanups);
    const free = (() => {
      const s = statfsSync(source.dataDir);
      return s.bavail * s.bsize;
    })();
    if (free < 5 * bytes) {
      console.log(`  ${gib} GiB: skipped — ${mib(free)} free on the bench disk, under 5× the size (${mib(5 * bytes)}): media, bundle, restored media and the cp copies.`);
      return;
    }
    const opened = await open(source.dataDir, source.databaseUrl);
    const container = opened.container;
    const { actor, project } = await seed(opened, bytesEach);
    if (source.databaseUrl) await vacuumAnalyze(source.databaseUrl);
    const media = mediaRootFor(loadConfig({ BACKLOT_DATA_DIR: source.dataDir }));
    const bundle = join(source.dataDir, 'bundle.zip');

    const exported = await measured(() => container.services.archive.exportBundle(actor, project.id, createWriteStream(bundle)));
    const bundleBytes = statSync(bundle).size;
    const verified = await measured(() => container.services.archive.verifyBundle(bundle));
    if (!verified.value.ok) throw new Error(`the bundle does not verify: ${verified.value.problem}`);
    await container.close();

    const target = await benchDataPlace(ROOT, 'archive-restore', dbKind!, cleanups);
    const { container: restored } = await open(target.dataDir, target.databaseUrl);
    await restored.services.accounts.setup({ name: 'Ada Admin', email: 'ada@studio.example', password: 'bench-password-not-secret' });
    const admin = await restored.services.archive.adminActor();
    const imported = await measured(() => restored.services.archive.importBundle(admin, bundle));
    await restored.close();

    // The same bytes moved by cp, in the same run.
    const copies = join(source.dataDir, 'cp');
    mkdirSync(copies);
    const cpMedia = cp('-r', media, join(copies, 'media'));
    rmSync(join(copies, 'media'), { recursive: true, force: true });
    const cpRead = cp(bundle, '/dev/null');
    const cpCopy = cp(bundle, join(copies, 'bundle.zip'));

    const row = (what: string, m: { seconds: number; growth: number }, base: number, baseWhat: string) =>
      console.log(
        `  ${what.padEnd(7)} ${m.seconds.toFixed(2).padStart(7)} s  ${(m.seconds / gib).toFixed(2).padStart(6)} s/GiB  ${baseWhat} ${base.toFixed(2).padStart(6)} s  ratio ${(m.seconds / base).toFixed(2)}×  RSS +${mib(m.growth)}`,
      );
    console.log(`  ${gib} GiB: ${TAKES} takes of ${mib(bytesEach)}; bundle ${mib(bundleBytes)} (${exported.value.files} files, ${exported.value.auditEvents} audit events)`);
    row('export', exported, cpMedia, 'cp -r media      ');
    row('verify', verified, cpRead, 'cp to /dev/null  ');
    row('import', imported, cpCopy, 'cp bundle copy   ');
  } finally {
    for (const step of cleanups.reverse()) await step().catch(() => {});
  }
}

async function main() {
  console.log(`Backlot archive bench — ${dbKind}, ${TAKES} takes at ${SIZES.join(' and ')} GiB, Node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(2)}`);
  for (const gib of SIZES) await benchSize(gib);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
