/**
 * A generated take's media work planned as data: the exact probe, the review proxy conformed to the
 * project's frame grid, the poster and filmstrip, single frames, and SSIM between two pictures.
 * Each function returns the argument array of one ffmpeg/ffprobe run (or reads its output); nothing
 * here runs a process. The adapter is adapters/media/ffmpeg.take-media.ts.
 */
import { fail } from '../errors.ts';
import { mapProbe, parseRational, PROBE_ENTRIES } from './ffmpeg.plans.ts';
import { formatOf, mediaTypeFor, type MediaContainer } from './media-formats.ts';
import type { MediaInfo } from './media-info.ts';

/** A probed video in exact units (the port's VideoProbe): the picture's size, rate and decoded frame count are known. */
export interface ProbedVideo extends MediaInfo {
  width: number;
  height: number;
  frameRate: string;
  frames: number;
  durationUs: number;
}

/** A filmstrip run: its arguments, the sprite's layout, and the source frame each tile shows. */
export interface FilmstripPlan {
  args: string[];
  columns: number;
  rows: number;
  tileWidth: number;
  tileHeight: number;
  sourceFrames: number[];
}

/** What the proxy needs to know of its source: its rate (for the audio's tempo) and whether it has sound. */
export interface ProxySource {
  frameRate: string;
  hasAudio: boolean;
}

/** The proxy's settings: the project's rate, the largest height, and a keyframe every so many frames. */
export interface ProxyOptions {
  fpsNum: number;
  fpsDen: number;
  maxHeight: number;
  keyframeInterval: number;
}

// As in ffmpeg.plans.ts: every path goes through the file: protocol, so a name can never be read as
// an option, another protocol or an image pattern; runs are quiet and never read stdin.
const file = (path: string) => `file:${path}`;
const QUIET = ['-v', 'error', '-hide_banner', '-nostdin'];

// The stills' JPEG encoding, the same as the upload posters': full-range 4:2:0, quality 3 of mjpeg's 2–31.
const JPEG_OUT = ['-pix_fmt', 'yuvj420p', '-c:v', 'mjpeg', '-q:v', '3', '-f', 'image2', '-update', '1'];

// The first picture stream that is not cover art, as mapProbe chooses it.
const PICTURE = ['-map', '0:V:0'];

// select passes frames with gaps in their timestamps; the default (cfr for most outputs) would fill
// the gaps by repeating frames. passthrough writes each selected frame once, as it is (ffmpeg ≥ 5.1;
// older ffmpeg spelled it -vsync 0).
const EVERY_FRAME_ONCE = ['-fps_mode', 'passthrough'];

/** Refuses a number that would be written into a filter graph unless it is a whole number in range. */
function wholeNumber(value: number, what: string, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${what} must be a whole number ≥ ${min}, not ${value}`);
  return value;
}

/**
 * ffprobe arguments that print the container, the streams and every packet's stream and flags as
 * JSON, in one run. Counting packets needs only the demuxer, so it is as fast as reading the file;
 * decoding every frame (-count_frames) gives the same number several times slower (1.0 s against
 * 0.2 s for 5 s of 1080p here). Packets and frames are one to one for the codecs takes arrive in
 * (H.264, HEVC, VP8/9, AV1, ProRes: one frame, or one shown frame, per packet), and what -count_packets
 * gets wrong, an edit list that hides frames before the start (a trimmed MP4), is seen in the flags:
 * the demuxer marks those packets D(iscard) and no decoder shows them.
 */
export function videoProbeArgs(path: string): string[] {
  return ['-v', 'error', '-hide_banner', '-print_format', 'json', '-show_entries', `${PROBE_ENTRIES}:packet=stream_index,flags`, '-i', file(path)];
}

interface PacketJson {
  packets?: { stream_index?: number; flags?: string }[];
  streams?: { index?: number; codec_type?: string; disposition?: { attached_pic?: number } }[];
}

/** Frames of the picture stream a decoder shows: its packets not marked discard (from videoProbeArgs' JSON). */
export function countVideoFrames(input: unknown): number {
  const json = (input && typeof input === 'object' ? input : {}) as PacketJson;
  const video = json.streams?.find((s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1);
  if (video?.index === undefined) return 0;
  return (json.packets ?? []).filter((p) => p.stream_index === video.index && !(p.flags ?? '').includes('D')).length;
}

/** videoProbeArgs' JSON as a probed video; DomainError 'media.unreadable' when it holds no picture that plays. */
export function mapVideoProbe(input: unknown): ProbedVideo {
  const probed = mapProbe(input);
  const frames = countVideoFrames(input);
  const { width, height, frameRate, durationUs, container } = probed;
  if (!probed.videoCodec || !width || !height) fail('media.unreadable', 'This clip has no picture Backlot can read.', 'file');
  if (!frameRate) fail('media.unreadable', 'This clip has no frame rate Backlot can read.', 'file');
  if (frames === 0) fail('media.unreadable', 'This clip has no frames in it.', 'file');
  const format = formatOf(container);
  return {
    ...probed,
    kind: 'video',
    mediaType: format ? mediaTypeFor(container as MediaContainer, 'video') : 'application/octet-stream',
    width,
    height,
    frameRate,
    frames,
    // A container without a duration (raw streams) still has its frames: count them at the rate.
    durationUs: durationUs ?? framesToUs(frames, frameRate),
  };
}

/** Frames at a rational rate, in whole microseconds. */
function framesToUs(frames: number, rate: string): number {
  const r = parseRational(rate) ?? { num: 24, den: 1 };
  return Math.round((frames * r.den * 1_000_000) / r.num);
}

/** atempo's own range (ffmpeg ≥ 4.3); outside it one filter cannot follow the retime. */
export const ATEMPO_RANGE = { min: 0.5, max: 100 } as const;

/**
 * How much the sound must be slowed (< 1) or sped up (> 1) to stay in sync once every source frame
 * lasts one project frame: project rate / source rate. 1 when the rates are equal; null when the
 * ratio is beyond atempo's range, or the source rate unknown, and the proxy goes silent.
 */
export function proxyAudioTempo(sourceRate: string, fpsNum: number, fpsDen: number): number | null {
  const src = parseRational(sourceRate);
  if (!src) return null;
  if (src.num * fpsDen === fpsNum * src.den) return 1;
  const tempo = (fpsNum * src.den) / (fpsDen * src.num);
  return tempo >= ATEMPO_RANGE.min && tempo <= ATEMPO_RANGE.max ? tempo : null;
}

/**
 * ffmpeg arguments for the review proxy: H.264 in MP4 that a browser plays and seeks at once,
 * conformed frame for frame to the project's rate (DESIGN.md §7, one frame grid): the n-th decoded
 * frame is stamped n / project rate, so a 30 fps take in a 23.976 project plays a little slower and
 * keeps every frame. Sound, when there is some, is re-timed to match (see proxyAudioTempo); when
 * the retime is beyond atempo the proxy has no sound, as sound out of sync misleads a review more
 * than none. Square pixels, at most `maxHeight` lines, never enlarged, even sides (4:2:0 needs them).
 */
export function proxyArgs(path: string, out: string, options: ProxyOptions, source: ProxySource): string[] {
  const num = wholeNumber(options.fpsNum, 'fpsNum', 1);
  const den = wholeNumber(options.fpsDen, 'fpsDen', 1);
  const maxHeight = wholeNumber(options.maxHeight, 'maxHeight', 2);
  const gop = String(wholeNumber(options.keyframeInterval, 'keyframeInterval', 1));
  const video = [
    // Pixels made square first, so -2 below keeps the picture's shape; then at most maxHeight lines
    // (rounded down to even) and a width that keeps the aspect, rounded to even.
    'scale=iw*sar:ih',
    'setsar=1',
    `scale=w=-2:h='min(${maxHeight},trunc(ih/2)*2)'`,
    // N is the decoded frame's index: its time becomes N frames of the project's rate, whatever the
    // source's own timestamps said (no gaps, no drift, a variable-rate source made constant).
    `setpts=N*${den}/(${num}*TB)`,
    'format=yuv420p',
  ].join(',');
  const tempo = source.hasAudio ? proxyAudioTempo(source.frameRate, num, den) : null;
  const audio =
    tempo === null
      ? ['-an']
      : [
          '-map',
          '0:a:0',
          ...(tempo === 1 ? [] : ['-af', `atempo=${tempo.toPrecision(9)}`]),
          // AAC at a web proxy's usual rate: every browser plays it.
          '-c:a',
          'aac',
          '-b:a',
          '128k',
        ];
  return [
    ...QUIET,
    '-y',
    '-i',
    file(path),
    ...PICTURE,
    '-vf',
    video,
    // -r names the output's rate (and time base) so players and ffprobe read the project's rate;
    // passthrough keeps ffmpeg from dropping or repeating frames to make the timestamps fit it.
    '-r',
    `${num}/${den}`,
    ...EVERY_FRAME_ONCE,
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-crf',
    '23',
    // A keyframe every `gop` frames exactly, scene cuts or not, so scrubbing and frame-stepping in the
    // browser never decode far back.
    '-g',
    gop,
    '-keyint_min',
    gop,
    '-sc_threshold',
    '0',
    ...audio,
    // The index (moov) goes before the data, so playback starts before the whole file has arrived.
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    file(out),
  ];
}

/** The select filter that passes exactly the given decoded frames (0-based), in order. */
function selectFrames(frames: number[]): string {
  return `select=${frames.map((n) => `eq(n\\,${wholeNumber(n, 'frame', 0)})`).join('+')}`;
}

// Square pixels, then inside a box of maxSide, never enlarged (as the upload posters are).
const fitInside = (maxSide: number) => `scale=iw*sar:ih,scale=w='min(${maxSide},iw)':h='min(${maxSide},ih)':force_original_aspect_ratio=decrease,setsar=1`;

/**
 * ffmpeg arguments that write frame `frame` (0-based, counted by decoding from the start, so exact
 * whatever the timestamps) as a JPEG whose larger side is at most `maxSide`. ffmpeg stops once the
 * frame is written, so only the frames before it are decoded.
 */
export function framePosterArgs(path: string, frame: number, out: string, maxSide: number): string[] {
  const vf = `${selectFrames([frame])},${fitInside(wholeNumber(maxSide, 'maxSide', 1))}`;
  return [...QUIET, '-y', '-i', file(path), ...PICTURE, '-vf', vf, ...EVERY_FRAME_ONCE, '-frames:v', '1', ...JPEG_OUT, file(out)];
}

/**
 * ffmpeg arguments that write frame `frame` (0-based, decoded exactly) as a PNG at the stored size:
 * lossless, for comparisons and for saving a frame as a reference.
 */
export function extractFrameArgs(path: string, frame: number, out: string): string[] {
  return [...QUIET, '-y', '-i', file(path), ...PICTURE, '-vf', selectFrames([frame]), ...EVERY_FRAME_ONCE, '-frames:v', '1', '-c:v', 'png', '-f', 'image2', '-update', '1', file(out)];
}

/**
 * `count` evenly spaced frames of a clip of `frames` frames: the first (0) and the last (frames − 1)
 * included, rounded to the nearest frame; fewer when the clip has fewer frames than that.
 */
export function filmstripFrames(frames: number, count: number): number[] {
  const tiles = Math.min(wholeNumber(frames, 'frames', 0), wholeNumber(count, 'count', 1));
  if (tiles === 0) return [];
  if (tiles === 1) return [0];
  const last = frames - 1;
  // Integer rounding of i × last / (tiles − 1); the step is at least one frame, so no frame repeats.
  return Array.from({ length: tiles }, (_, i) => Math.floor((2 * i * last + (tiles - 1)) / (2 * (tiles - 1))));
}

/**
 * The filmstrip: evenly spaced frames (filmstripFrames), each scaled to `tileWidth` wide at the
 * picture's shape (an even height), side by side in one row, as one JPEG.
 */
export function filmstripPlan(path: string, probe: Pick<ProbedVideo, 'width' | 'height' | 'frames'>, out: string, options: { count: number; tileWidth: number }): FilmstripPlan {
  const tileWidth = wholeNumber(options.tileWidth, 'tileWidth', 2);
  const sourceFrames = filmstripFrames(probe.frames, options.count);
  if (sourceFrames.length === 0) fail('media.unreadable', 'This clip has no frames for a filmstrip.', 'file');
  // probe.width/height are as displayed (pixel aspect applied), so the tiles show the picture's shape.
  const tileHeight = Math.max(2, 2 * Math.round((tileWidth * probe.height) / probe.width / 2));
  const vf = [selectFrames(sourceFrames), `scale=${tileWidth}:${tileHeight}`, 'setsar=1', `tile=${sourceFrames.length}x1`].join(',');
  const args = [...QUIET, '-y', '-i', file(path), ...PICTURE, '-vf', vf, ...EVERY_FRAME_ONCE, '-frames:v', '1', ...JPEG_OUT, file(out)];
  return { args, columns: sourceFrames.length, rows: 1, tileWidth, tileHeight, sourceFrames };
}

/**
 * ffmpeg arguments that compare two pictures with the ssim filter, the second scaled to the first's
 * size (scale2ref) and both in 4:2:0, and print the result on stderr (read with parseSsim). The
 * summary is logged at level info, so this run is not quiet.
 */
export function ssimArgs(a: string, b: string): string[] {
  const graph = '[1:v][0:v]scale2ref=flags=bicubic[b][a];[a]format=yuv420p[a4];[b]format=yuv420p[b4];[a4][b4]ssim';
  return ['-v', 'info', '-hide_banner', '-nostdin', '-nostats', '-i', file(a), '-i', file(b), '-filter_complex', graph, '-frames:v', '1', '-f', 'null', '-'];
}

/**
 * The 'All' SSIM (0..1) from the ssim filter's summary line, e.g.
 * `[Parsed_ssim_4 @ 0x…] SSIM Y:0.93 (11.6) U:… V:… All:0.94 (12.3)`; null when there is none.
 * The last such line counts; identical pictures print `All:1.000000 (inf)`.
 */
export function parseSsim(stderr: string): number | null {
  const matches = [...stderr.matchAll(/\bSSIM\b[^\n]*?\bAll:(\d+(?:\.\d+)?)/g)];
  if (matches.length === 0) return null;
  const value = Number(matches[matches.length - 1][1]);
  return value >= 0 && value <= 1 ? value : null;
}
