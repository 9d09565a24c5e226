/**
 * The built-in previs generator planned as data: a shot plan, a seed and the pictures it has
 * become one ffmpeg argument array that renders an animatic — the start picture (or a titled
 * card) framed for the shot size, moved as the plan says, ending on the end-frame anchor when
 * there is one, with a burned-in slate. Nothing here runs a process; the provider adapter does.
 */
import { createRandom, easeAt, planFraming, planMotion, previsMove, softenMotion, type PrevisFraming, type PrevisMotion } from './previs.motion.ts';
import { cardFilters, PREVIS_COLOURS, slateFilters } from './previs.text.ts';
import type { PrevisOptions } from './generation-spec.ts';

/** What the generator needs beyond the seed: the provider port's PrevisOptions. */
export type PrevisRenderOptions = PrevisOptions;

/**
 * A picture on disk. Its size is not needed: the framing crop is written in terms of the decoded
 * picture's own width and height (ffmpeg's iw/ih), so a stored size that is wrong cannot skew it.
 */
export interface PrevisPicture {
  path: string;
}

export interface PrevisRenderInput {
  options: PrevisRenderOptions;
  seed: number;
  /** What the shot is framed from: the start-frame anchor, else the location; null draws a titled card. */
  start: PrevisPicture | null;
  /** The end-frame anchor the shot dissolves into, or null. */
  end: PrevisPicture | null;
  /** A TrueType font for the slate and card (e.g. DejaVuSans.ttf). */
  fontFile: string;
  /** Where ffmpeg writes the mp4. */
  output: string;
}

/** The argument array and the choices behind it (framing and move), kept for the take's record and for tests. */
export interface PrevisRenderPlan {
  args: string[];
  framing: PrevisFraming;
  motion: PrevisMotion;
  /** Frames of the dissolve into the end picture (0 without one). */
  dissolveFrames: number;
}

const file = (path: string) => `file:${path}`;
const num = (n: number) => String(Math.round(n * 1e5) / 1e5);
const even = (n: number) => Math.max(2, 2 * Math.round(n / 2));

/**
 * The size zoompan moves over. zoompan crops whole pixels, so the source is worked on larger than
 * the output: each pixel of a move is then less than a pixel on screen, and a push-in's crop
 * shrinks on every frame. 1.5× (at least 1280 wide) keeps 1080p faster than real time on 2 cores.
 */
export function workingSize(width: number, height: number): { width: number; height: number } {
  const w = even(Math.max(width * 1.5, Math.min(1280, width * 4)));
  return { width: w, height: even((w * height) / width) };
}

/** Frames of the dissolve into an end picture: about a quarter second, leaving at least one frame before it. */
export function dissolveFrames(options: Pick<PrevisRenderOptions, 'fpsNum' | 'fpsDen' | 'frames'>): number {
  const quarter = Math.max(2, Math.round(options.fpsNum / options.fpsDen / 4));
  return Math.max(0, Math.min(quarter, options.frames - 1));
}

/** The shot's label on the slate, e.g. "Previs · MS · push-in" (drawn in capitals). */
export function previsLabel(options: Pick<PrevisRenderOptions, 'size' | 'movement'>): string {
  return ['Previs', options.size, previsMove(options.movement)].filter(Boolean).join(' · ');
}

/**
 * A crop of the picture to the output's aspect: the largest such area, shrunk to the shot size's
 * fraction and centred on the framing's point, kept inside the picture.
 */
export function framingCrop(framing: PrevisFraming, width: number, height: number): string {
  const aspect = `${width}/${height}`;
  const f = num(framing.fraction);
  return [`crop=w='min(iw,ih*${aspect})*${f}'`, `h='min(ih,iw/(${aspect}))*${f}'`, `x='clip(iw*${num(framing.centreX)}-ow/2,0,iw-ow)'`, `y='clip(ih*${num(framing.centreY)}-oh/2,0,ih-oh)'`].join(':');
}

/**
 * zoompan's zoom, x and y as expressions of the output frame number `on`. Position is a share of
 * the room the zoom leaves (iw - iw/zoom), so a move never shows past the picture's edge.
 */
export function motionExpressions(motion: PrevisMotion, options: Pick<PrevisRenderOptions, 'fpsNum' | 'fpsDen' | 'frames'>): { zoom: string; x: string; y: string } {
  const t = `(on/${Math.max(1, options.frames - 1)})`;
  // Written out rather than called: zoompan's expressions have no user functions. Matches easeAt.
  const eased = motion.path === 'linear' ? t : `(${num(0.3)}*${t}+${num(0.7)}*${t}*${t}*(3-2*${t}))`;
  const along = (from: number, to: number) => (from === to ? num(from) : `(${num(from)}+${num(to - from)}*${eased})`);
  const waves = (axis: 'x' | 'y') =>
    motion.waves
      .filter((w) => w.axis === axis)
      .map((w) => `+${num(w.amplitude)}*sin(${num((2 * Math.PI * w.hz * options.fpsDen) / options.fpsNum)}*on+${num(w.phase)})`)
      .join('');
  return {
    zoom: along(motion.zoomFrom, motion.zoomTo),
    x: `(iw-iw/zoom)*clip(${along(motion.xFrom, motion.xTo)}${waves('x')},0,1)`,
    y: `(ih-ih/zoom)*clip(${along(motion.yFrom, motion.yTo)}${waves('y')},0,1)`,
  };
}

/** The zoom a motion reaches at a frame, as the zoompan expression computes it (for tests and records). */
export function zoomAt(motion: PrevisMotion, frame: number, frames: number): number {
  return motion.zoomFrom + (motion.zoomTo - motion.zoomFrom) * easeAt(frame / Math.max(1, frames - 1), motion.path);
}

/** Checks the numbers a render needs; the provider reports these to the user before planning. */
export function previsOptionProblems(o: PrevisRenderOptions): Array<{ field: string; problem: string }> {
  const problems: Array<{ field: string; problem: string }> = [];
  const intIn = (field: keyof PrevisRenderOptions, v: unknown, min: number, max: number) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) problems.push({ field: `providerOptions.previs.${field}`, problem: `must be a whole number from ${min} to ${max}` });
  };
  intIn('width', o.width, 16, 4096);
  intIn('height', o.height, 16, 4096);
  if (problems.length === 0 && (o.width % 2 !== 0 || o.height % 2 !== 0)) problems.push({ field: 'providerOptions.previs.width', problem: 'width and height must be even (H.264 in 4:2:0)' });
  intIn('fpsNum', o.fpsNum, 1, 240_000);
  intIn('fpsDen', o.fpsDen, 1, 100_000);
  if (problems.length === 0 && (o.fpsNum / o.fpsDen < 1 || o.fpsNum / o.fpsDen > 120))
    problems.push({ field: 'providerOptions.previs.fpsNum', problem: 'the frame rate must be from 1 to 120 frames per second' });
  intIn('frames', o.frames, 1, 100_000);
  if (o.size !== null && typeof o.size !== 'string') problems.push({ field: 'providerOptions.previs.size', problem: 'must be a shot size or null' });
  if (o.movement !== null && typeof o.movement !== 'string') problems.push({ field: 'providerOptions.previs.movement', problem: 'must be a camera move or null' });
  const slate = o.slate as Partial<PrevisRenderOptions['slate']> | undefined;
  if (!slate || typeof slate !== 'object' || (['project', 'shot', 'take', 'action'] as const).some((k) => typeof slate[k] !== 'string')) {
    problems.push({ field: 'providerOptions.previs.slate', problem: 'must give project, shot, take and action as text' });
  }
  if (typeof o.cardTitle !== 'string') problems.push({ field: 'providerOptions.previs.cardTitle', problem: 'must be text' });
  return problems;
}

/** The whole render: ffmpeg arguments (without -progress; add it with withProgress) and the choices made. */
export function planPrevisRender(input: PrevisRenderInput): PrevisRenderPlan {
  const { options: o, fontFile } = input;
  const random = createRandom(input.seed);
  const framing = planFraming(o.size, random, input.start === null);
  const planned = planMotion(o.movement, random);
  const motion = input.start === null ? softenMotion(planned) : planned;
  const work = workingSize(o.width, o.height);
  const rate = `${o.fpsNum}/${o.fpsDen}`;
  const label = previsLabel(o);
  const expr = motionExpressions(motion, o);
  const zoompan = `zoompan=z='${expr.zoom}':x='${expr.x}':y='${expr.y}':d=${o.frames}:s=${o.width}x${o.height}:fps=${rate}`;

  const inputs: string[] = [];
  const chains: string[] = [];
  // 4:4:4 while moving so zoompan's crop is not snapped to even pixels by chroma subsampling.
  if (input.start) {
    inputs.push('-i', file(input.start.path));
    chains.push(`[0:v]${framingCrop(framing, o.width, o.height)},scale=${work.width}:${work.height}:flags=bicubic,setsar=1,format=yuv444p,${zoompan},format=yuv420p[cam]`);
  } else {
    // One card frame at the working size: its text is drawn once, then moved like a picture.
    const card = cardFilters({ fontFile, width: work.width, height: work.height, title: o.cardTitle, action: o.slate.action });
    chains.push(`color=c=${PREVIS_COLOURS.card}:s=${work.width}x${work.height}:r=1:d=1,format=yuv444p,${card.join(',')},${zoompan},format=yuv420p[cam]`);
  }

  let picture = '[cam]';
  const dissolve = input.end ? dissolveFrames(o) : 0;
  if (input.end && dissolve > 0) {
    // The end picture, framed as the start was, fades in over the last `dissolve` frames. Its
    // stream holds dissolve + 1 frames from frame F-1-dissolve: the first fully transparent
    // (fade counts from 0), the last fully opaque, so the shot's last frame is the end picture.
    const index = inputs.length / 2;
    inputs.push('-i', file(input.end.path));
    const first = o.frames - 1 - dissolve;
    chains.push(
      `[${index}:v]${framingCrop(framing, o.width, o.height)},scale=${o.width}:${o.height}:flags=bicubic,setsar=1,format=yuva420p,` +
        `loop=loop=${dissolve}:size=1:start=0,settb=expr=${o.fpsDen}/${o.fpsNum},setpts=N+${first},fade=t=in:s=0:n=${dissolve}:alpha=1[end]`,
    );
    chains.push(`[cam][end]overlay=x=0:y=0:format=yuv420[pic]`);
    picture = '[pic]';
  }

  const slate = slateFilters({ fontFile, width: o.width, height: o.height, fpsNum: o.fpsNum, fpsDen: o.fpsDen, frames: o.frames, slate: { ...o.slate, label } });
  chains.push(`${picture}${slate.join(',')}[out]`);

  const gop = Math.max(1, Math.round(o.fpsNum / o.fpsDen / 2));
  const args = [
    '-v',
    'error',
    '-hide_banner',
    '-nostdin',
    '-y',
    ...inputs,
    '-filter_complex',
    chains.join(';'),
    '-map',
    '[out]',
    '-frames:v',
    String(o.frames),
    '-an',
    // veryfast keeps 1080p under real time on 2 cores; a half-second GOP lets review scrub frame-accurately.
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-crf',
    '20',
    '-pix_fmt',
    'yuv420p',
    '-g',
    String(gop),
    '-keyint_min',
    String(gop),
    // A fixed thread count makes x264's output (hence every decoded frame) the same on every run;
    // bitexact and no metadata keep version strings and dates out of the file.
    '-threads',
    '2',
    '-fflags',
    '+bitexact',
    '-flags:v',
    '+bitexact',
    '-map_metadata',
    '-1',
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    file(input.output),
  ];
  return { args, framing, motion, dissolveFrames: dissolve };
}
