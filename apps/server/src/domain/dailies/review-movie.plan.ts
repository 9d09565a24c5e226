/**
 * A dailies playlist as one review movie, planned as data: each take after a short slate (shot,
 * take, decision), every part fitted whole into one frame size and put on the project's frame grid,
 * joined in one ffmpeg run. The adapter (adapters/media/ffmpeg.review-movie.ts) runs it.
 *
 * On the grid as the review proxies are (DESIGN.md §7): every source frame becomes one movie
 * frame, so a 60-frame take shot at 30 fps lasts 60 frames in a 24 fps movie, and a note at
 * frame 40 of the take is the movie's 40th frame after that take's slate.
 */
import type { ReviewState } from '@backlot/contracts';
import { fail } from '../errors.ts';
import { charsThatFit, drawtext, drawtextLiteral, PREVIS_COLOURS, truncate, unitOf } from '../generate/previs.text.ts';
import { formatSeconds } from '../media/ffmpeg.plans.ts';
import { proxyAudioTempo } from '../media/take-media.plans.ts';
import { DECISION_COLOURS, fitInside, slateWords, type Size, type SlateWords } from './review-movie.layout.ts';

/** One take of the playlist, as the movie needs it. */
export interface ReviewMovieTake {
  /** The clip to read (its proxy or original). */
  path: string;
  shot: string;
  take: string;
  decision: ReviewState;
  /** The clip's display size (square pixels, upright) and its decoded frame count, from its probe. */
  width: number;
  height: number;
  frames: number;
  /** The clip's own rate ('30/1'), for re-timing its sound to the grid, and whether it has sound. */
  frameRate: string;
  hasAudio: boolean;
}

/** The movie's settings: the project's frame size and rate, the slate's length, the font. */
export interface ReviewMovieOptions {
  width: number;
  height: number;
  fpsNum: number;
  fpsDen: number;
  /** Frames each slate lasts on the project's grid (see slateFrames); 0 leaves slates out. */
  slateFrames: number;
  /** A TrueType font for the slates (DejaVu Sans on Debian). */
  fontFile: string;
  /** Small words at the top of every slate, e.g. the session's name and date. */
  title?: string;
  /**
   * Where these takes sit in the whole playlist when the movie is made in runs (reviewMovieRuns):
   * the first one's index and the playlist's length, for the slates' '3 / 40'. The whole list unless said.
   */
  position?: { first: number; count: number };
  /**
   * 'movie' (the default) writes the finished MP4; 'segment' writes one run's part for joinArgs:
   * the same H.264, with the sound as PCM in NUT (exact timestamps, no AAC priming at the joins).
   */
  output?: 'movie' | 'segment';
}

/** One part of the movie, in order. */
export interface ReviewMoviePart {
  kind: 'slate' | 'take';
  /** Index of the take in the playlist that this part belongs to. */
  take: number;
  frames: number;
  /** Sound samples at AUDIO_RATE the part lasts (see partSamples); silence where there is no sound. */
  samples: number;
  /** Whether the part carries the take's own sound. */
  sound: boolean;
}

/** The movie's sound: 48 kHz stereo AAC, silence under slates and silent takes. */
export const AUDIO_RATE = 48_000;

/**
 * How many samples each part lasts so that sound and picture end together at every cut: part k
 * ends at the sample nearest to where its last frame ends (cumulative, so rounding never drifts).
 * At 24 fps a frame is 2000 samples; at 30000/1001 it is 1601.6, so parts of 1 frame each get
 * 1602, 1601, 1602, …
 */
export function partSamples(frames: number[], fpsNum: number, fpsDen: number): number[] {
  let elapsed = 0;
  let boundary = 0;
  return frames.map((f) => {
    elapsed += f;
    const next = Math.round((elapsed * AUDIO_RATE * fpsDen) / fpsNum);
    const samples = next - boundary;
    boundary = next;
    return samples;
  });
}

/** The run: its arguments (without -progress), the parts in order and the movie's length. */
export interface ReviewMoviePlan {
  args: string[];
  parts: ReviewMoviePart[];
  totalFrames: number;
  /** The length in whole microseconds at the project's rate, for reading progress. */
  durationUs: number;
}

const file = (path: string) => `file:${path}`;

// The finished movie: AAC at a web proxy's usual rate (every browser plays it), the index (moov)
// first so playback starts before the whole file has arrived.
const MOVIE_OUT = ['-c:a', 'aac', '-b:a', '128k', '-movflags', '+faststart', '-f', 'mp4'];
// A run's part of a movie made in runs: sound kept as PCM, so joining adds no encoder delay at the
// cuts, and no B-frames, so the picture starts at time 0 with no decode-ahead (the concat demuxer
// would otherwise place the next part up to two frames off the grid).
const SEGMENT_OUT = ['-bf', '0', '-c:a', 'pcm_s16le', '-f', 'nut'];
const QUIET = ['-v', 'error', '-hide_banner', '-nostdin'];
const px = (n: number) => Math.max(1, Math.round(n));
const fontPx = (n: number) => Math.max(8, Math.round(n));

function whole(value: number, field: string, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) fail('request.invalid', `${field} must be a whole number of at least ${min}, not ${value}.`, field);
  return value;
}

/** The drawtext filters of one slate on a width × height card, centred lines from top to bottom. */
export function slateFilters(fontFile: string, frame: Size, words: SlateWords, decision: ReviewState): string[] {
  const u = unitOf(frame.width, frame.height);
  const big = fontPx(88 * u);
  const mid = fontPx(56 * u);
  const small = fontPx(30 * u);
  const usable = frame.width * 0.9;
  const line = (text: string, size: number, colour: string, y: number) => drawtext(fontFile, drawtextLiteral(truncate(text, charsThatFit(usable, size))), { size, colour, x: '(w-tw)/2', y: px(y) });
  const h = frame.height;
  const filters = [
    line(words.shot, big, PREVIS_COLOURS.title, h * 0.26),
    line(words.take, big, PREVIS_COLOURS.title, h * 0.26 + big * 1.3),
    line(words.decision, mid, DECISION_COLOURS[decision], h * 0.26 + big * 2.8),
    line(words.position, small, PREVIS_COLOURS.body, h * 0.88 - small),
  ];
  return words.title ? [line(words.title, small, PREVIS_COLOURS.body, h * 0.08), ...filters] : filters;
}

/**
 * The ffmpeg run that writes the review movie as H.264 and AAC in MP4 to `out`. Each chain ends
 * stamped frame by frame on the project's grid (setpts=N…), so the movie holds exactly the sum of
 * its parts' frames, whatever the sources' own rates or timestamps.
 */
export function reviewMoviePlan(takes: ReviewMovieTake[], options: ReviewMovieOptions, out: string): ReviewMoviePlan {
  if (takes.length === 0) fail('request.invalid', 'The playlist has no takes to make a movie of.', 'takes');
  const num = whole(options.fpsNum, 'fpsNum', 1);
  const den = whole(options.fpsDen, 'fpsDen', 1);
  const frame = { width: whole(options.width, 'width', 2), height: whole(options.height, 'height', 2) };
  if (frame.width % 2 || frame.height % 2) fail('request.invalid', `width and height must be even for H.264 (4:2:0), not ${frame.width}×${frame.height}.`, 'width');
  const slate = whole(options.slateFrames, 'slateFrames', 0);
  takes.forEach((t, i) => {
    whole(t.frames, `takes[${i}].frames`, 1);
    whole(t.width, `takes[${i}].width`, 1);
    whole(t.height, `takes[${i}].height`, 1);
  });

  // The n-th frame of a chain is stamped n project frames in; the n-th sample likewise at the sound's rate.
  const onGrid = `setpts=N*${den}/(${num}*TB)`;
  const soundOnGrid = 'asetpts=N/SR/TB';
  const stereo = `aformat=sample_fmts=fltp:sample_rates=${AUDIO_RATE}:channel_layouts=stereo`;
  const layout = takes.flatMap((t, i) => [...(slate > 0 ? [{ kind: 'slate' as const, take: i, frames: slate }] : []), { kind: 'take' as const, take: i, frames: t.frames }]);
  const samples = partSamples(
    layout.map((p) => p.frames),
    num,
    den,
  );
  const chains: string[] = [];
  const labels: string[] = [];
  const parts: ReviewMoviePart[] = layout.map((p, k) => {
    const t = takes[p.take];
    const tempo = p.kind === 'take' && t.hasAudio ? proxyAudioTempo(t.frameRate, num, den) : null;
    if (p.kind === 'slate') {
      const words = slateWords(t, (options.position?.first ?? 0) + p.take, options.position?.count ?? takes.length, options.title);
      const card = `color=c=${PREVIS_COLOURS.card}:s=${frame.width}x${frame.height}:r=${num}/${den}`;
      chains.push([card, `trim=end_frame=${slate}`, ...slateFilters(options.fontFile, frame, words, t.decision), 'format=yuv420p', 'setsar=1', onGrid].join(',') + `[v${k}]`);
    } else {
      const place = fitInside(t, frame);
      // The probe's size is as displayed (pixel aspect applied, ffmpeg's autorotate turns the picture
      // upright), so scaling to exact numbers keeps the shape; pad adds the bars.
      const fit = [`scale=${place.width}:${place.height}`, 'setsar=1', `pad=${frame.width}:${frame.height}:${place.x}:${place.y}:color=black`, 'format=yuv420p', onGrid];
      chains.push(`[${p.take}:V:0]${fit.join(',')}[v${k}]`);
    }
    // The take's sound re-timed as its picture is (every source frame one grid frame), padded or cut
    // to the part's exact length; silence where there is none, or where the retime is beyond atempo
    // (sound out of sync misleads a review more than none, as with the proxies).
    const sound = tempo === null ? `anullsrc=r=${AUDIO_RATE}:cl=stereo,${stereo}` : `[${p.take}:a:0]aresample=${AUDIO_RATE},${stereo}${tempo === 1 ? '' : `,atempo=${tempo.toPrecision(9)}`},apad`;
    chains.push(`${sound},atrim=end_sample=${samples[k]},${soundOnGrid}[a${k}]`);
    labels.push(`[v${k}][a${k}]`);
    return { ...p, samples: samples[k], sound: tempo !== null };
  });
  // concat joins the parts; its own timestamps guess each part's end from its mean frame duration,
  // so the joined picture is stamped on the grid once more.
  chains.push(`${labels.join('')}concat=n=${parts.length}:v=1:a=1[vcat][acat]`, `[vcat]${onGrid}[out]`, `[acat]${soundOnGrid}[sound]`);

  const totalFrames = parts.reduce((sum, p) => sum + p.frames, 0);
  const gop = String(Math.max(1, Math.round(num / den)));
  const args = [
    ...QUIET,
    '-y',
    ...takes.flatMap((t) => ['-i', file(t.path)]),
    '-filter_complex',
    chains.join(';'),
    '-map',
    '[out]',
    '-map',
    '[sound]',
    // The project's rate names the stream; passthrough writes each frame once, never dropping or
    // repeating one to fit a rate (as the proxies are written).
    '-r',
    `${num}/${den}`,
    '-fps_mode',
    'passthrough',
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-crf',
    '23',
    // A keyframe every second or so, so the movie scrubs well in a browser.
    '-g',
    gop,
    ...(options.output === 'segment' ? SEGMENT_OUT : MOVIE_OUT),
    file(out),
  ];
  return { args, parts, totalFrames, durationUs: Math.round((totalFrames * den * 1_000_000) / num) };
}

/** The playlist cut into runs of at most `takesPerRun` takes, each with where it starts: one ffmpeg run each keeps few clips open at once. */
export function reviewMovieRuns<T>(takes: T[], takesPerRun: number): { first: number; takes: T[] }[] {
  const size = whole(takesPerRun, 'takesPerRun', 1);
  const runs: { first: number; takes: T[] }[] = [];
  for (let first = 0; first < takes.length; first += size) runs.push({ first, takes: takes.slice(first, first + size) });
  return runs;
}

/** One run's segment and its exact length on the grid (its plan's durationUs). */
export interface MovieSegment {
  path: string;
  durationUs: number;
}

/**
 * The concat demuxer's list: each segment (quoted, a quote in a path written as '\\'' as the
 * format asks) with its length on the grid. Given the length, the demuxer starts the next segment
 * exactly there; guessed from the file, it can land a fraction of a frame early.
 */
export function concatList(segments: MovieSegment[]): string {
  return segments.map((s) => `file '${file(s.path).replaceAll("'", "'\\''")}'\nduration ${formatSeconds(s.durationUs)}\n`).join('');
}

/**
 * ffmpeg arguments that join segments (written with output 'segment', listed in `listPath` by
 * concatList) into the finished movie: the picture copied as it is, the sound encoded to AAC once
 * over the whole length. The demuxer places each segment after the last, so frames add up.
 */
export function joinArgs(listPath: string, out: string): string[] {
  // -safe 0: the list names absolute paths (the scratch folder's), which the demuxer refuses by default.
  return [...QUIET, '-y', '-f', 'concat', '-safe', '0', '-i', file(listPath), '-map', '0:v:0', '-map', '0:a:0', '-c:v', 'copy', ...MOVIE_OUT, file(out)];
}

/** How far a run is, 0–1, from ffmpeg's output time; null when the report has none. */
export function movieProgress(outTimeUs: number | null, durationUs: number): number | null {
  if (outTimeUs === null || durationUs <= 0) return null;
  return Math.min(1, Math.max(0, outTimeUs / durationUs));
}
