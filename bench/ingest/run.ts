/**
 * Take ingest bench: the media work of ingesting ten generated 1080p24 takes of 5 s (probe, proxy,
 * poster, filmstrip) through createFfmpegTakeMedia, against the bare ffprobe/ffmpeg commands that
 * make the same outputs, run directly with child_process. The two alternate step by step (which
 * goes first swaps each time) so neither always gets the warmer machine. Goal: ≤ 1.10×.
 *
 *   node --import tsx bench/ingest/run.ts        (BENCH_DIR: where the clips are made; the temp folder unless said)
 *
 * See bench/README.md for what is compared.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createFfmpegTakeMedia } from '../../apps/server/src/adapters/media/ffmpeg.take-media.ts';

const run = promisify(execFile);
const CLIPS = 10;
const SECONDS = 5;
const PROJECT = { fpsNum: 24, fpsDen: 1, maxHeight: 720, keyframeInterval: 12 };
const POSTER_MAX_SIDE = 1280;
const FILMSTRIP = { count: 10, tileWidth: 160 };
const STEPS = ['probe', 'proxy', 'poster', 'filmstrip'] as const;
type Step = (typeof STEPS)[number];
type Timings = Record<Step, number>;

const dir = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'backlot-ingest-bench-'));
const cleanUp = () => rmSync(dir, { recursive: true, force: true });
process.on('SIGINT', () => {
  cleanUp();
  process.exit(130);
});
const at = (name: string) => join(dir, name);
const ffmpeg = (...args: string[]) => run('ffmpeg', ['-v', 'error', '-hide_banner', '-nostdin', '-y', ...args], { maxBuffer: 64 << 20 });
const ffprobe = async (...args: string[]) => (await run('ffprobe', ['-v', 'error', '-hide_banner', ...args], { maxBuffer: 64 << 20 })).stdout;

/** Ten different takes as a provider would deliver them: H.264 + AAC in MP4, 1080p at 24 fps. */
async function makeClips(): Promise<string[]> {
  const clips: string[] = [];
  for (let i = 0; i < CLIPS; i++) {
    const out = at(`take-${i}.mp4`);
    await ffmpeg(
      '-f',
      'lavfi',
      '-i',
      `testsrc2=size=1920x1080:rate=24,hue=h=${i * 36}`,
      '-f',
      'lavfi',
      '-i',
      `sine=frequency=${220 + 40 * i}:sample_rate=48000`,
      '-t',
      String(SECONDS),
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      '-movflags',
      '+faststart',
      out,
    );
    clips.push(out);
  }
  return clips;
}

const tools = createFfmpegTakeMedia();

/** What one side knows of the clip it is working on: the probe's result, once it has run. */
interface Work {
  clip: string;
  tag: string;
  probe?: Awaited<ReturnType<typeof tools.probeVideo>>;
  frames: number;
}

type Side = Record<Step, (w: Work) => Promise<unknown>>;

/** (a) The ingest path: the adapter's plans through the process runner, with their checks. */
const throughBacklot: Side = {
  probe: async (w) => {
    w.probe = await tools.probeVideo(w.clip);
    w.frames = w.probe.frames;
  },
  // The probe is passed on, as the worker has it: the proxy then reads no headers again.
  proxy: (w) => tools.makeProxy(w.clip, at(`${w.tag}.a.mp4`), { ...PROJECT, source: w.probe }),
  poster: (w) => tools.makePoster(w.clip, Math.floor(w.frames / 3), at(`${w.tag}.a.jpg`), { maxSide: POSTER_MAX_SIDE }),
  filmstrip: (w) => tools.makeFilmstrip(w.clip, w.probe!, at(`${w.tag}.a-strip.jpg`), FILMSTRIP),
};

/** (b) The same outputs from the commands one would type, knowing the clip is 1080p 24 fps with sound. */
const bareFfmpeg: Side = {
  probe: async (w) => {
    const json = JSON.parse(await ffprobe('-count_packets', '-show_entries', 'stream=codec_type,codec_name,width,height,avg_frame_rate,nb_read_packets:format=duration', '-of', 'json', w.clip));
    w.frames = Number(json.streams.find((s: { codec_type: string }) => s.codec_type === 'video').nb_read_packets);
  },
  proxy: (w) =>
    ffmpeg(
      '-i',
      w.clip,
      '-vf',
      'scale=-2:720,setpts=N/(24*TB)',
      '-r',
      '24',
      '-fps_mode',
      'passthrough',
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-crf',
      '23',
      '-g',
      '12',
      '-keyint_min',
      '12',
      '-sc_threshold',
      '0',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      '-b:a',
      '128k',
      '-movflags',
      '+faststart',
      at(`${w.tag}.b.mp4`),
    ),
  poster: (w) => ffmpeg('-i', w.clip, '-vf', `select=eq(n\\,${Math.floor(w.frames / 3)}),scale=1280:-2`, '-fps_mode', 'passthrough', '-frames:v', '1', '-q:v', '3', at(`${w.tag}.b.jpg`)),
  filmstrip: (w) => {
    const picks = Array.from({ length: FILMSTRIP.count }, (_, i) => Math.round((i * (w.frames - 1)) / (FILMSTRIP.count - 1)));
    const select = picks.map((n) => `eq(n\\,${n})`).join('+');
    return ffmpeg('-i', w.clip, '-vf', `select=${select},scale=160:90,tile=${FILMSTRIP.count}x1`, '-fps_mode', 'passthrough', '-frames:v', '1', '-q:v', '3', at(`${w.tag}.b-strip.jpg`));
  },
};

/**
 * One clip through both sides, step by step: each step runs on one side and at once on the other,
 * the side that goes first swapping every step and every clip, so a busy moment of the machine
 * falls on both alike.
 */
async function ingestBoth(clip: string, tag: string, round: number): Promise<{ a: Timings; b: Timings }> {
  const work = { a: { clip, tag, frames: 0 } as Work, b: { clip, tag, frames: 0 } as Work };
  const times = { a: {} as Timings, b: {} as Timings };
  for (const [s, step] of STEPS.entries()) {
    const order = (round + s) % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const);
    for (const side of order) {
      const start = performance.now();
      await (side === 'a' ? throughBacklot : bareFfmpeg)[step](work[side]);
      times[side][step] = performance.now() - start;
    }
  }
  if (work.a.frames !== work.b.frames) throw new Error(`${tag}: the probes disagree (${work.a.frames} against ${work.b.frames} frames)`);
  return times;
}

/** Both sides must have made the same things, or the times compare nothing. */
async function assertSameOutputs(tag: string): Promise<void> {
  const describe = async (file: string) => (await ffprobe('-count_packets', '-show_entries', 'stream=codec_name,width,height,avg_frame_rate,nb_read_packets', '-of', 'csv=p=0', file)).trim();
  for (const [a, b] of [
    [`${tag}.a.mp4`, `${tag}.b.mp4`],
    [`${tag}.a.jpg`, `${tag}.b.jpg`],
    [`${tag}.a-strip.jpg`, `${tag}.b-strip.jpg`],
  ]) {
    const [da, db] = [await describe(at(a)), await describe(at(b))];
    if (da !== db) throw new Error(`${a} and ${b} differ: ${da} against ${db}`);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const sum = (t: Timings) => STEPS.reduce((s, k) => s + t[k], 0);
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

try {
  const loadBefore = loadavg()[0];
  process.stdout.write(`Making ${CLIPS} clips (1920×1080, 24 fps, ${SECONDS} s, H.264 + AAC) in ${dir} … `);
  const clips = await makeClips();
  console.log('done.');
  // One untimed round, so both sides start with the binaries and the first clip in the page cache.
  await ingestBoth(clips[0], 'warm', 0);
  await assertSameOutputs('warm');

  const a: Timings[] = [];
  const b: Timings[] = [];
  for (const [i, clip] of clips.entries()) {
    const times = await ingestBoth(clip, `clip-${i}`, i);
    a.push(times.a);
    b.push(times.b);
    await assertSameOutputs(`clip-${i}`);
  }

  console.log(`\nPer clip, median of ${CLIPS} (ffmpeg ${(await ffprobe('-version')).split(' ')[2]}, Node ${process.version}):\n`);
  console.log('step         through Backlot   bare ffmpeg    ratio');
  for (const step of STEPS) {
    const [ma, mb] = [median(a.map((t) => t[step])), median(b.map((t) => t[step]))];
    console.log(`${step.padEnd(12)} ${sec(ma).padStart(15)} ${sec(mb).padStart(13)} ${(ma / mb).toFixed(2).padStart(7)}×`);
  }
  const [ma, mb] = [median(a.map(sum)), median(b.map(sum))];
  console.log(`${'all four'.padEnd(12)} ${sec(ma).padStart(15)} ${sec(mb).padStart(13)} ${(ma / mb).toFixed(2).padStart(7)}×`);

  const [ta, tb] = [a.reduce((s, t) => s + sum(t), 0), b.reduce((s, t) => s + sum(t), 0)];
  const ratio = ta / tb;
  console.log(`\ningest of ten 1080p clips: ${(ta / 1000).toFixed(1)} s vs bare ffmpeg ${(tb / 1000).toFixed(1)} s = ${ratio.toFixed(2)}× (goal ≤ 1.10×)`);
  console.log(`load average (1 min): ${loadBefore.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after`);
  if (ratio > 1.1) console.log('!!!!! over the goal');
} finally {
  cleanUp();
}
