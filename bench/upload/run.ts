/**
 * Upload bench: a large file (2 GiB by default) streamed from disk into each blob store with `put`,
 * against a plain disk copy of the same file: throughput, its ratio to the copy, and the uploading
 * process's peak RSS growth (limit 64 MiB). For now `put` is called in a process of its own; the
 * same file through the HTTP API comes when the upload route exists.
 *
 *   node --import tsx bench/upload/run.ts [--size-mb 2048] [--store disk|s3|both]
 *
 * See bench/README.md for how to read the output.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { startLocalS3, type LocalS3 } from '../../apps/server/src/adapters/storage/s3.local-server.ts';
import type { PutMeasurement } from './measure-put.ts';

const MiB = 1024 * 1024;
const RSS_LIMIT = 64 * MiB;
const RESULTS_DIR = resolve(import.meta.dirname, '../results');

const { values: args } = parseArgs({
  options: {
    'size-mb': { type: 'string', default: '2048' },
    store: { type: 'string', default: 'both' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  console.log(`Usage: node --import tsx bench/upload/run.ts [--size-mb 2048] [--store disk|s3|both]

  --size-mb N          size of the generated file, in MiB (default: 2048)
  --store disk|s3|both which blob stores to upload into (default: both; S3 is a local s3rver)

The file is generated under $BENCH_DIR (default: the system temp folder) and removed at the end.`);
  process.exit(0);
}
const sizeMiB = Number(args['size-mb']);
const stores = args.store === 'both' ? ['disk', 's3'] : [args.store];
if (!Number.isInteger(sizeMiB) || sizeMiB < 1 || !stores.every((s) => s === 'disk' || s === 's3')) {
  console.error('--size-mb must be a whole number of MiB and --store disk, s3 or both');
  process.exit(2);
}

const work = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'backlot-upload-bench-'));
let s3: LocalS3 | undefined;
async function cleanUp() {
  await s3?.close().catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
}
process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));

const rateOf = (bytes: number, seconds: number) => bytes / MiB / seconds;

/** Writes `size` random bytes a MiB at a time (never the whole file in memory); returns their SHA-256. */
async function generate(path: string, size: number): Promise<string> {
  const hash = createHash('sha256');
  async function* chunks() {
    for (let left = size; left > 0; left -= MiB) {
      const chunk = randomBytes(Math.min(MiB, left));
      hash.update(chunk);
      yield chunk;
    }
  }
  await pipeline(chunks(), createWriteStream(path));
  return hash.digest('hex');
}

/** The yardstick: the same bytes read and written by a stream pipeline, flushed to disk as `put` does. */
async function plainCopy(from: string, to: string): Promise<number> {
  const started = performance.now();
  await pipeline(createReadStream(from), createWriteStream(to, { flush: true }));
  return (performance.now() - started) / 1000;
}

async function measurePut(file: string, storeArgs: string[]): Promise<PutMeasurement> {
  const script = join(import.meta.dirname, 'measure-put.ts');
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, file, ...storeArgs], { maxBuffer: MiB });
  return JSON.parse(stdout.trim().split('\n').pop()!) as PutMeasurement;
}

const size = sizeMiB * MiB;
const file = join(work, 'source.bin');
const loadBefore = loadavg()[0];
console.log(`Upload bench: a ${sizeMiB} MiB file streamed from disk into each blob store with put(), in a process of its own.`);
console.log('(Through the HTTP API comes with the upload route; these numbers are the store alone.)\n');

const generatedAt = performance.now();
const expected = await generate(file, size);
console.log(`generated ${sizeMiB} MiB of random bytes in ${((performance.now() - generatedAt) / 1000).toFixed(1)} s`);
const copySeconds = await plainCopy(file, join(work, 'copy.bin'));
rmSync(join(work, 'copy.bin'));
const copyRate = rateOf(size, copySeconds);
console.log(`plain copy (stream + fsync): ${copyRate.toFixed(0)} MiB/s\n`);

interface Row {
  store: string;
  seconds: number;
  mibPerSecond: number;
  ratioToCopy: number;
  rssGrowthMiB: number;
  intact: boolean;
}
const rows: Row[] = [];
try {
  for (const kind of stores) {
    let storeArgs: string[];
    if (kind === 's3') {
      s3 ??= await startLocalS3(join(work, 's3rver'));
      await s3.createBucket('bench');
      storeArgs = ['s3', s3.endpoint, 'bench'];
    } else {
      mkdirSync(join(work, 'media'));
      storeArgs = ['disk', join(work, 'media')];
    }
    const m = await measurePut(file, storeArgs);
    const seconds = m.seconds;
    rows.push({
      store: kind === 's3' ? 's3 (s3rver)' : 'disk',
      seconds,
      mibPerSecond: rateOf(size, seconds),
      ratioToCopy: rateOf(size, seconds) / copyRate,
      rssGrowthMiB: (m.peakRss - m.baselineRss) / MiB,
      intact: m.sha256 === expected && m.size === size,
    });
    // Free the disk before the next store writes its own copy.
    rmSync(join(work, kind === 's3' ? 's3rver' : 'media'), { recursive: true, force: true });
    if (kind === 's3') {
      await s3?.close();
      s3 = undefined;
    }
  }
} finally {
  await cleanUp();
}

console.log(['store'.padEnd(14), 'seconds'.padStart(8), 'MiB/s'.padStart(8), '× copy'.padStart(8), 'peak RSS growth'.padStart(16), '  limit 64 MiB', '  bytes'].join(''));
for (const r of rows) {
  console.log(
    [
      r.store.padEnd(14),
      r.seconds.toFixed(1).padStart(8),
      r.mibPerSecond.toFixed(0).padStart(8),
      r.ratioToCopy.toFixed(2).padStart(8),
      `${r.rssGrowthMiB.toFixed(1)} MiB`.padStart(16),
      (r.rssGrowthMiB <= RSS_LIMIT / MiB ? '  ok' : '  OVER').padEnd(14),
      r.intact ? '  intact' : '  CHANGED',
    ].join(''),
  );
}
console.log(`\n1-minute load average: ${loadBefore.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after (above ~1 before: the machine was busy).`);

mkdirSync(RESULTS_DIR, { recursive: true });
const out = join(RESULTS_DIR, `upload-${new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)}.json`);
writeFileSync(out, JSON.stringify({ sizeMiB, plainCopy: { seconds: copySeconds, mibPerSecond: copyRate }, stores: rows, loadBefore, loadAfter: loadavg()[0] }, null, 2));
console.log(`Results: ${relative(process.cwd(), out)}`);

if (rows.some((r) => !r.intact || r.rssGrowthMiB > RSS_LIMIT / MiB)) {
  console.log('!!!!! a store changed the bytes or grew past the memory limit');
  process.exitCode = 1;
}
