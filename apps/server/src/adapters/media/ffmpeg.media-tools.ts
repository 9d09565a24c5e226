/**
 * MediaTools with ffprobe and ffmpeg (video, audio) and sharp (images). What to run is planned in
 * domain/media; this file reads the first bytes, runs the plans through the one process runner,
 * and turns failures into the refusals a producer sees.
 */
import { open, readFile, rm, stat } from 'node:fs/promises';
import sharp, { type Metadata } from 'sharp';
import { audioWaveArgs, decodeCheckArgs, mapProbe, posterTimeUs, probeArgs, videoPosterArgs, type ProbedMedia } from '../../domain/media/ffmpeg.plans.ts';
import { describeContent, SNIFF_BYTES, sniffMedia, type MediaCandidate } from '../../domain/media/magic.ts';
import type { MediaInfo } from '../../domain/media/media-info.ts';
import { assertExpectedKind, decideImage, decideMedia, decoderDetail, failEmpty, failHeic, failUnreadable, failUnsupported, PREVIEW_SIZES } from '../../domain/media/media.rules.ts';
import type { MediaTools } from '../../ports/media-tools.ts';
import { ProcessFailure, runProcess } from './process.runner.ts';

export interface FfmpegMediaToolsOptions {
  /** The ffmpeg binary; 'ffmpeg' from PATH unless said. */
  ffmpegPath?: string;
  /** The ffprobe binary; 'ffprobe' from PATH unless said. */
  ffprobePath?: string;
  /** The longest one ffmpeg or ffprobe run may take; 120 s unless said. */
  timeoutMs?: number;
}

// libvips stops only on errors, not warnings: cameras write JPEGs with stray bytes that every
// viewer shows, and refusing those would refuse real footage stills.
const SHARP_INPUT = { failOn: 'error' } as const;

const JPEG_QUALITY = 82;

/** The first bytes of a file, for sniffing. */
async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** sharp's name for an image format, as a container name; HEIF says by its compression whether it is AVIF or HEIC. */
function imageContainerOf(meta: Metadata): string | null {
  if (meta.format === 'heif') return meta.compression === 'av1' ? 'avif' : meta.compression === 'hevc' ? 'heic' : 'heif';
  return meta.format ?? null;
}

async function isNonEmptyFile(path: string): Promise<boolean> {
  const size = (await stat(path).catch(() => undefined))?.size ?? 0;
  return size > 0;
}

/** Creates MediaTools that run ffprobe and ffmpeg (from PATH unless paths are given) and sharp. */
export function createFfmpegMediaTools(options: FfmpegMediaToolsOptions = {}): MediaTools {
  const { ffmpegPath = 'ffmpeg', ffprobePath = 'ffprobe', timeoutMs = 120_000 } = options;
  // libvips caches operations by file name, process-wide: a file replaced under the same name (a
  // staging path reused) can be read as its old self (sharp 0.35.5 gave a replaced PNG's old
  // stats here). Backlot reads each file a few times at most, so the cache buys nothing.
  sharp.cache(false);

  /** Runs a probe or decode of an uploaded file: its failures are the file's fault, other failures are Backlot's. */
  async function runOnUpload(command: string, args: string[], path: string, candidate: MediaCandidate, signal?: AbortSignal): Promise<string> {
    try {
      return (await runProcess(command, args, { timeoutMs, signal })).stdout;
    } catch (err) {
      if (err instanceof ProcessFailure && err.reason === 'exit') failUnreadable(candidate, decoderDetail(err.stderr, path));
      if (err instanceof ProcessFailure && err.reason === 'timeout') failUnreadable(candidate, 'reading it took too long');
      throw err;
    }
  }

  async function identifyImage(path: string, candidate: MediaCandidate): Promise<MediaInfo> {
    let meta: Metadata;
    try {
      meta = await sharp(path, SHARP_INPUT).metadata();
    } catch (err) {
      if (candidate.container === 'heic') failHeic();
      failUnreadable(candidate, decoderDetail(String((err as Error).message), path));
    }
    const container = imageContainerOf(meta);
    // Headers can be whole while the pixels are not: decode a small version to be sure (JPEG and
    // WebP shrink while decoding, so this stays cheap on large photos).
    try {
      await sharp(path, SHARP_INPUT).resize(64, 64, { fit: 'inside' }).raw().toBuffer();
    } catch (err) {
      if (container === 'heic' || candidate.container === 'heic') failHeic();
      failUnreadable(candidate, decoderDetail(String((err as Error).message), path));
    }
    const upright = meta.autoOrient ?? { width: meta.width, height: meta.height };
    return decideImage(candidate, { container, width: upright.width, height: upright.height });
  }

  async function identifyAudioVideo(path: string, candidate: MediaCandidate, signal?: AbortSignal): Promise<MediaInfo> {
    const stdout = await runOnUpload(ffprobePath, probeArgs(path), path, candidate, signal);
    let probed: ProbedMedia;
    try {
      probed = mapProbe(JSON.parse(stdout));
    } catch {
      failUnreadable(candidate);
    }
    const info = decideMedia(candidate, probed);
    await runOnUpload(ffmpegPath, decodeCheckArgs(path, info.kind === 'video' ? 'video' : 'audio'), path, candidate, signal);
    return info;
  }

  /** A video's poster: the frame a tenth of the way in, or the first frame when a very short clip has none there. */
  async function renderVideoPoster(path: string, info: MediaInfo, poster: string, signal?: AbortSignal) {
    const atUs = posterTimeUs(info.durationUs);
    await runProcess(ffmpegPath, videoPosterArgs(path, atUs, poster, PREVIEW_SIZES.posterMaxSide), { timeoutMs, signal });
    if (await isNonEmptyFile(poster)) return;
    // Seeking past the last frame makes ffmpeg write nothing and still exit 0.
    if (atUs > 0) await runProcess(ffmpegPath, videoPosterArgs(path, 0, poster, PREVIEW_SIZES.posterMaxSide), { timeoutMs, signal });
    if (!(await isNonEmptyFile(poster))) throw new Error('ffmpeg wrote no poster frame: the video has no frame it could decode');
  }

  return {
    async identify(path, expect, { purpose, signal } = {}) {
      signal?.throwIfAborted();
      const head = await readHead(path);
      if (head.length === 0) failEmpty();
      const candidate = sniffMedia(head) ?? failUnsupported(describeContent(head));
      const info = candidate.kind === 'image' ? await identifyImage(path, candidate) : await identifyAudioVideo(path, candidate, signal);
      assertExpectedKind(info, expect, purpose);
      return info;
    },

    async renderPreviews(path, info, out, { signal } = {}) {
      const { posterMaxSide, thumbnailMaxSide, wave } = PREVIEW_SIZES;
      try {
        signal?.throwIfAborted();
        if (info.kind === 'image') {
          // Upright, no larger than the original, and transparency laid on white (JPEG has none).
          await sharp(path, SHARP_INPUT)
            .autoOrient()
            .resize(posterMaxSide, posterMaxSide, { fit: 'inside', withoutEnlargement: true })
            .flatten({ background: '#ffffff' })
            .jpeg({ quality: JPEG_QUALITY })
            .toFile(out.poster);
        } else if (info.kind === 'video') {
          await renderVideoPoster(path, info, out.poster, signal);
        } else {
          await runProcess(ffmpegPath, audioWaveArgs(path, out.poster, wave.width, wave.height), { timeoutMs, signal });
        }
        signal?.throwIfAborted();
        // The thumbnail comes from the poster: already upright and small, so no second decode of the original.
        await sharp(await readFile(out.poster))
          .resize(thumbnailMaxSide, thumbnailMaxSide, { fit: 'inside', withoutEnlargement: true })
          .jpeg({ quality: JPEG_QUALITY })
          .toFile(out.thumbnail);
      } catch (err) {
        await Promise.all([rm(out.poster, { force: true }), rm(out.thumbnail, { force: true })]);
        throw err;
      }
    },
  };
}
