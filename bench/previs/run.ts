/**
 * Previs render bench: a 5 s 1080p take at 24/1, a push-in over a 1920×1080 start picture made
 * here by ffmpeg, rendered through the previs provider (submit, then poll until done) three times.
 * Prints the median render time as a ratio of the shot's 5 s; the goal is at most 1× (faster than
 * real time) on 2 cores.
 *
 *   node --import tsx bench/previs/run.ts        (BENCH_RUNS=3, BENCH_DIR for the temporary folder)
 */
import { execFileSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateToLatest, openDatabase } from '../../apps/server/src/adapters/db/database.ts';
import { createPrevisTaskRepository } from '../../apps/server/src/adapters/db/repositories/previs-task.repository.ts';
import { createPrevisProvider } from '../../apps/server/src/adapters/providers/previs/previs.provider.ts';
import { createDiskBlobStore } from '../../apps/server/src/adapters/storage/disk.blob-store.ts';
import type { GenerationSpec } from '../../apps/server/src/ports/video-provider.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SECONDS = 5;
const FPS = 24;
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

const dir = await mkdtemp(join(process.env.BENCH_DIR ?? tmpdir(), 'backlot-bench-previs-'));
const cleanUp = () => rm(dir, { recursive: true, force: true });
process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));

try {
  const loadBefore = loadavg()[0];
  // A busy picture (testsrc2: gradients, text, motion-like detail), so the encoder has real work.
  const picture = join(dir, 'start.png');
  execFileSync('ffmpeg', ['-v', 'error', '-nostdin', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=1920x1080', '-frames:v', '1', picture]);
  const blobs = createDiskBlobStore({ root: join(dir, 'blobs') });
  const { sha256 } = await blobs.put(createReadStream(picture));
  // The tasks in a SQLite file of their own, as a server on the embedded database keeps them.
  const database = openDatabase({ sqlitePath: join(dir, 'bench.sqlite') });
  await migrateToLatest(database.db);
  const provider = createPrevisProvider({ ffmpegPath: 'ffmpeg', workDir: join(dir, 'work'), blobs, tasks: createPrevisTaskRepository(database.db), fontFile: FONT, maxConcurrent: 1 });

  const spec: GenerationSpec = {
    model: 'previs-animatic',
    prompt: 'Slow push-in on Maya at the kitchen door.',
    seed: 1,
    firstFrame: { kind: 'blob', sha256, mediaType: 'image/png' },
    providerOptions: {
      previs: {
        width: 1920,
        height: 1080,
        fpsNum: FPS,
        fpsDen: 1,
        frames: SECONDS * FPS,
        size: 'MS',
        movement: 'push-in',
        slate: { project: 'Bench', shot: 'SC001-SH010', take: 'TK001', action: 'Maya pushes through the kitchen door.' },
        cardTitle: 'INT. KITCHEN - NIGHT',
      },
    },
  };
  const request = await provider.compile(spec);

  const times: number[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const start = performance.now();
    const { providerTaskId } = await provider.submit(request, { idempotencyKey: `bench-${run}` });
    for (;;) {
      const snap = await provider.poll(providerTaskId);
      if (snap.status === 'succeeded') break;
      if (snap.status === 'failed' || snap.status === 'canceled') throw new Error(`render ${snap.status}: ${snap.error?.message ?? ''}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const seconds = (performance.now() - start) / 1000;
    times.push(seconds);
    console.log(`  run ${run}: ${seconds.toFixed(2)} s`);
  }
  await provider.close();
  await database.close();

  const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
  const ratio = median / SECONDS;
  console.log(`previs ${SECONDS} s 1080p${FPS} push-in: median ${median.toFixed(2)} s = ${ratio.toFixed(2)}× real time (goal ≤ 1×)`);
  console.log(`1-minute load average: ${loadBefore.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after (above ~1 before: the machine was busy).`);
  if (ratio > 1) console.log('!!!!! slower than real time');
} finally {
  await cleanUp();
}
