/**
 * TakeMediaTools with ffprobe and ffmpeg. What to run is planned in domain/media/take-media.plans.ts;
 * this file runs the plans through the one process runner, checks that each run wrote what it
 * should, and turns a clip ffmpeg cannot read into 'media.unreadable' in plain words.
 */
import { rm, stat } from 'node:fs/promises';
import { fail } from '../../domain/errors.ts';
import { mapProbe, probeArgs } from '../../domain/media/ffmpeg.plans.ts';
import { decoderDetail, MEDIA_FIELD } from '../../domain/media/media.rules.ts';
import { extractFrameArgs, filmstripPlan, framePosterArgs, mapVideoProbe, parseSsim, proxyArgs, ssimArgs, videoProbeArgs, type ProxySource } from '../../domain/media/take-media.plans.ts';
import type { TakeMediaTools } from '../../ports/take-media.ts';
import { ProcessFailure, runProcess, type RunOptions } from './process.runner.ts';

export interface FfmpegTakeMediaOptions {
  /** The ffmpeg binary; 'ffmpeg' from PATH unless said. */
  ffmpegPath?: string;
  /** The ffprobe binary; 'ffprobe' from PATH unless said. */
  ffprobePath?: string;
  /** The longest one ffmpeg or ffprobe run may take; 10 minutes unless said (a proxy of a long take is real work). */
  timeoutMs?: number;
}

// The probe lists every packet (about 80 bytes of JSON each): a ten-minute take with sound is ~4 MB.
const PROBE_STDOUT_BYTES = 64 * 1024 * 1024;

/** The decoder's complaint, with every path named in the run taken out (they are the server's, not the producer's). */
function detailOf(stderr: string, paths: string[]): string | null {
  const text = paths.slice(1).reduce((t, p) => t.split(`file:${p}`).join('').split(p).join(''), stderr);
  return decoderDetail(text, paths[0]);
}

async function isNonEmptyFile(path: string): Promise<boolean> {
  return ((await stat(path).catch(() => undefined))?.size ?? 0) > 0;
}

/** Creates TakeMediaTools that run ffprobe and ffmpeg (from PATH unless paths are given). */
export function createFfmpegTakeMedia(options: FfmpegTakeMediaOptions = {}): TakeMediaTools {
  const { ffmpegPath = 'ffmpeg', ffprobePath = 'ffprobe', timeoutMs = 600_000 } = options;

  /**
   * Runs one plan. A run that exits with an error or takes too long is the clip's fault (ffmpeg
   * could not read it) and becomes 'media.unreadable' saying what was being done; a cancelled run
   * or a binary that cannot start is rethrown as it is (not the clip's fault).
   */
  async function run(command: string, args: string[], doing: string, paths: string[], signal?: AbortSignal, extra: RunOptions = {}) {
    try {
      return await runProcess(command, args, { timeoutMs, signal, ...extra });
    } catch (err) {
      if (err instanceof ProcessFailure && err.reason === 'exit') {
        const detail = detailOf(err.stderr, paths);
        fail('media.unreadable', `Backlot could not ${doing}: ffmpeg cannot read the clip${detail ? ` (${detail})` : ''}.`, MEDIA_FIELD);
      }
      if (err instanceof ProcessFailure && err.reason === 'timeout') {
        fail('media.unreadable', `Backlot could not ${doing}: it took longer than ${Math.round(timeoutMs / 1000)} s.`, MEDIA_FIELD);
      }
      throw err;
    }
  }

  /** Runs a plan that writes `out`; leaves no partial file behind, and fails when nothing was written (select found no such frame). */
  async function write(args: string[], doing: string, paths: string[], out: string, missing: string, signal?: AbortSignal): Promise<void> {
    try {
      await run(ffmpegPath, args, doing, paths, signal);
      // ffmpeg exits 0 having written nothing when select never matched: the frame is past the end.
      if (!(await isNonEmptyFile(out))) fail('media.unreadable', `Backlot could not ${doing}: ${missing}.`, MEDIA_FIELD);
    } catch (err) {
      await rm(out, { force: true });
      throw err;
    }
  }

  /** The proxy's view of its source from the container's headers alone (no packet listing). */
  async function proxySourceOf(path: string, signal?: AbortSignal): Promise<ProxySource> {
    const { stdout } = await run(ffprobePath, probeArgs(path), 'read the clip', [path], signal);
    const probed = mapProbe(JSON.parse(stdout));
    if (!probed.frameRate) fail('media.unreadable', 'Backlot could not make the review proxy: the clip has no frame rate Backlot can read.', MEDIA_FIELD);
    return { frameRate: probed.frameRate, hasAudio: probed.audioCodec !== null };
  }

  return {
    async probeVideo(path, signal) {
      const { stdout } = await run(ffprobePath, videoProbeArgs(path), 'read the clip', [path], signal, { maxStdoutBytes: PROBE_STDOUT_BYTES });
      let json: unknown;
      try {
        json = JSON.parse(stdout);
      } catch {
        fail('media.unreadable', 'Backlot could not read the clip: ffprobe described it in a way Backlot cannot read.', MEDIA_FIELD);
      }
      return mapVideoProbe(json);
    },

    async makeProxy(path, out, { source, ...proxy }, signal) {
      const from = source ? { frameRate: source.frameRate, hasAudio: source.audioCodec !== null } : await proxySourceOf(path, signal);
      await write(proxyArgs(path, out, proxy, from), 'make the review proxy', [path, out], out, 'ffmpeg wrote no picture', signal);
    },

    async makePoster(path, frame, out, { maxSide }, signal) {
      await write(framePosterArgs(path, frame, out, maxSide), `make a poster of frame ${frame}`, [path, out], out, `the clip has no frame ${frame}`, signal);
    },

    async makeFilmstrip(path, probe, out, { count, tileWidth }, signal) {
      const { args, ...filmstrip } = filmstripPlan(path, probe, out, { count, tileWidth });
      await write(args, 'make the filmstrip', [path, out], out, 'ffmpeg wrote no filmstrip (the clip has fewer frames than its probe counted)', signal);
      return filmstrip;
    },

    async extractFrame(path, frame, out, signal) {
      await write(extractFrameArgs(path, frame, out), `take frame ${frame} from the clip`, [path, out], out, `the clip has no frame ${frame}`, signal);
    },

    async ssim(a, b, signal) {
      const { stderr } = await run(ffmpegPath, ssimArgs(a, b), 'compare the two pictures', [a, b], signal);
      const value = parseSsim(stderr);
      if (value === null) fail('media.unreadable', 'Backlot could not compare the two pictures: ffmpeg reported no SSIM.', MEDIA_FIELD);
      return value;
    },
  };
}
