/**
 * ffmpeg and ffprobe planned as data: each function returns the argument array one run needs,
 * and mapProbe turns ffprobe's JSON into Backlot's own types (integer microseconds, rational
 * frame rates) in one place. Nothing here runs a process.
 */
import type { MediaInfo, MediaKind } from './media-info.ts';

/** What ffprobe reports about a file, in Backlot's terms; kind and media type come from deciding (media.rules.ts). */
export type ProbedMedia = Omit<MediaInfo, 'kind' | 'mediaType'>;

// Every input and output is named with the file: protocol, so a path can never be read as an
// option (a leading '-') or as another protocol ('concat:', 'http:'), and a '%' in it is no pattern.
const file = (path: string) => `file:${path}`;

// Quiet unless something fails; never read stdin (a runner's child has none to give).
const QUIET = ['-v', 'error', '-hide_banner', '-nostdin'];

/** Only the fields mapProbe reads, so the JSON stays small and its shape is the one the tests pin down. */
export const PROBE_ENTRIES = [
  'format=format_name,duration',
  'format_tags=major_brand',
  'stream=index,codec_type,codec_name,width,height,sample_aspect_ratio,r_frame_rate,avg_frame_rate,duration,channels,sample_rate',
  'stream_disposition=attached_pic',
  'stream_tags=rotate',
  'stream_side_data=rotation',
].join(':');

/** ffprobe arguments that print a file's container and streams as JSON. */
export function probeArgs(path: string): string[] {
  return ['-v', 'error', '-hide_banner', '-print_format', 'json', '-show_entries', PROBE_ENTRIES, '-i', file(path)];
}

/**
 * ffmpeg arguments that decode the first frame of the first picture (or sound) and throw it away:
 * a file whose headers probe fine but whose data is missing or in a codec ffmpeg lacks fails here,
 * because ffmpeg cannot set up its output without one decoded frame. Damage further in is
 * tolerated, as players tolerate it (no -xerror).
 */
export function decodeCheckArgs(path: string, kind: Exclude<MediaKind, 'image'>): string[] {
  const stream = kind === 'video' ? ['-map', '0:V:0', '-frames:v', '1'] : ['-map', '0:a:0', '-frames:a', '1'];
  return [...QUIET, '-i', file(path), ...stream, '-f', 'null', '-'];
}

/** Where a video's poster frame is taken: a tenth of the way in, past fades from black. */
export function posterTimeUs(durationUs: number | null): number {
  return durationUs && durationUs > 0 ? Math.floor(durationUs / 10) : 0;
}

/** Microseconds as ffmpeg's seconds, exactly: 100100 → '0.100100'. */
export function formatSeconds(us: number): string {
  const whole = Math.floor(us / 1_000_000);
  return `${whole}.${String(us - whole * 1_000_000).padStart(6, '0')}`;
}

/** The JPEG encoding every still uses: full-range 4:2:0, quality 3 on mjpeg's 2–31 scale. */
const JPEG_OUT = ['-pix_fmt', 'yuvj420p', '-c:v', 'mjpeg', '-q:v', '3', '-f', 'image2', '-update', '1'];

/**
 * ffmpeg arguments that write one frame at `atUs` as a JPEG whose larger side is at most
 * `maxSide`, in square pixels, upright (ffmpeg applies the rotation), never enlarged.
 */
export function videoPosterArgs(path: string, atUs: number, out: string, maxSide: number): string[] {
  // -ss before -i seeks the input (fast, and frame-accurate since ffmpeg 2.1). 0:V is video that is
  // not cover art. The first scale makes pixels square; the second fits inside the box without enlarging.
  const fit = `scale=iw*sar:ih,scale=w='min(${maxSide},iw)':h='min(${maxSide},ih)':force_original_aspect_ratio=decrease,setsar=1`;
  return [...QUIET, '-y', '-ss', formatSeconds(atUs), '-i', file(path), '-map', '0:V:0', '-frames:v', '1', '-vf', fit, ...JPEG_OUT, file(out)];
}

/** Waveform colours: Backlot's accent over its dark panel colour. */
export const WAVE_COLOURS = { wave: '0x9ec5ff', background: '0x15171c' };

/** ffmpeg arguments that draw the whole of a file's first audio stream as a waveform JPEG of width × height. */
export function audioWaveArgs(path: string, out: string, width: number, height: number): string[] {
  const size = `${width}x${height}`;
  // showwavespic draws on transparency, which JPEG lacks, so the waveform is laid over a solid
  // panel. It emits its one picture at the end, stamped with the first sample's time (negative
  // for Opus); setpts=0 pins it to the panel's first frame, or overlay would show the panel alone.
  const graph = [
    `[0:a:0]aformat=channel_layouts=mono,showwavespic=s=${size}:colors=${WAVE_COLOURS.wave}:scale=sqrt,setpts=0[wave]`,
    `color=c=${WAVE_COLOURS.background}:s=${size}[panel]`,
    `[panel][wave]overlay=format=auto:shortest=1[out]`,
  ].join(';');
  return [...QUIET, '-y', '-i', file(path), '-filter_complex', graph, '-map', '[out]', '-frames:v', '1', ...JPEG_OUT, file(out)];
}

/** The same run, reporting progress as key=value blocks on stdout (see readProgress). */
export function withProgress(args: string[]): string[] {
  return ['-progress', 'pipe:1', '-nostats', ...args];
}

/** One progress report of an ffmpeg run: how far the output has got, and whether it is the last. */
export interface FfmpegProgress {
  outTimeUs: number | null;
  done: boolean;
}

/** Reads one block of `-progress` output. ffmpeg 5.1 prints microseconds as both out_time_us and (misnamed) out_time_ms. */
export function readProgress(fields: Record<string, string>): FfmpegProgress {
  const raw = fields.out_time_us ?? fields.out_time_ms;
  const us = raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : null;
  return { outTimeUs: us, done: fields.progress === 'end' };
}

// ---- ffprobe JSON → Backlot ----

interface ProbeStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  sample_aspect_ratio?: string;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  duration?: string;
  channels?: number;
  sample_rate?: string;
  disposition?: { attached_pic?: number };
  tags?: { rotate?: string };
  side_data_list?: { rotation?: number }[];
}

interface ProbeJson {
  streams?: ProbeStream[];
  format?: { format_name?: string; duration?: string; tags?: { major_brand?: string } };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** 'num/den' with both positive, reduced; '0/0' and 'N/A' are null. */
export function parseRational(text: string | undefined): { num: number; den: number } | null {
  const m = /^(\d+)[/:](\d+)$/.exec(text ?? '');
  if (!m) return null;
  const num = Number(m[1]);
  const den = Number(m[2]);
  if (num <= 0 || den <= 0) return null;
  const g = gcd(num, den);
  return { num: num / g, den: den / g };
}

/** ffprobe's decimal seconds ('1.001000') as integer microseconds, without going through a float. */
export function parseSecondsUs(text: string | undefined): number | null {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text ?? '');
  if (!m) return null;
  const frac = (m[2] ?? '').padEnd(7, '0');
  const us = Number(m[1]) * 1_000_000 + Number(frac.slice(0, 6)) + (Number(frac[6]) >= 5 ? 1 : 0);
  return Number.isSafeInteger(us) ? us : null;
}

// Codecs WebM allows; a Matroska file holding only these is WebM to a browser.
const WEBM_CODECS = new Set(['vp8', 'vp9', 'av1', 'opus', 'vorbis']);

/** ffprobe's demuxer names as one short container name. The ISO family is told apart by its major brand. */
function containerOf(json: ProbeJson, streams: ProbeStream[]): string | null {
  const name = json.format?.format_name;
  if (!name) return null;
  if (name === 'mov,mp4,m4a,3gp,3g2,mj2') {
    const brand = (json.format?.tags?.major_brand ?? '').trim().toLowerCase();
    if (brand === 'qt') return 'mov';
    if (['m4a', 'm4b', 'm4p', 'f4a', 'f4b'].includes(brand)) return 'm4a';
    if (brand.startsWith('3g')) return '3gp';
    return 'mp4';
  }
  if (name === 'matroska,webm') return streams.every((s) => WEBM_CODECS.has(s.codec_name ?? '')) ? 'webm' : 'mkv';
  return name.split(',')[0];
}

/** The rotation a player applies, in degrees: the display matrix first, the legacy tag second. */
function rotationOf(s: ProbeStream): number {
  const fromMatrix = s.side_data_list?.find((d) => typeof d.rotation === 'number')?.rotation;
  return fromMatrix ?? Number(s.tags?.rotate ?? 0);
}

/** Width and height as a viewer sees them: pixel aspect applied, a quarter turn swapping them. */
function displaySize(s: ProbeStream | undefined): { width: number | null; height: number | null } {
  if (!s?.width || !s.height) return { width: null, height: null };
  const sar = parseRational(s.sample_aspect_ratio);
  const width = sar && sar.num !== sar.den ? Math.round((s.width * sar.num) / sar.den) : s.width;
  const quarterTurn = Math.abs(rotationOf(s)) % 180 === 90;
  return quarterTurn ? { width: s.height, height: width } : { width, height: s.height };
}

/**
 * ffprobe's JSON (from probeArgs) in Backlot's types. The picture is the first video stream that
 * is not cover art; the frame rate prefers the average (what plays) over the base rate.
 */
export function mapProbe(input: unknown): ProbedMedia {
  const json = (input && typeof input === 'object' ? input : {}) as ProbeJson;
  const streams = Array.isArray(json.streams) ? json.streams : [];
  const video = streams.find((s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1);
  const audio = streams.find((s) => s.codec_type === 'audio');
  const rate = video ? (parseRational(video.avg_frame_rate) ?? parseRational(video.r_frame_rate)) : null;
  const streamDurations = [video, audio].map((s) => parseSecondsUs(s?.duration)).filter((d): d is number => d !== null);
  const sampleRate = Number(audio?.sample_rate);
  return {
    container: containerOf(
      json,
      streams.filter((s) => s.disposition?.attached_pic !== 1),
    ),
    ...displaySize(video),
    durationUs: parseSecondsUs(json.format?.duration) ?? (streamDurations.length ? Math.max(...streamDurations) : null),
    frameRate: rate ? `${rate.num}/${rate.den}` : null,
    videoCodec: video?.codec_name ?? null,
    audioCodec: audio?.codec_name ?? null,
    audioChannels: audio?.channels ?? null,
    sampleRate: Number.isInteger(sampleRate) && sampleRate > 0 ? sampleRate : null,
  };
}
