/**
 * The review movie renderer with ffmpeg: runs plans from domain/dailies/review-movie.plan.ts (one
 * run per group of takes, then the join) through the one process runner, reads -progress reports
 * as a fraction of the movie's length, and leaves no partial movie behind.
 */
import { rm, stat, writeFile } from 'node:fs/promises';
import { fail } from '../../domain/errors.ts';
import { concatList, joinArgs, movieProgress } from '../../domain/dailies/review-movie.plan.ts';
import { readProgress, withProgress } from '../../domain/media/ffmpeg.plans.ts';
import type { ReviewMovieRenderer } from '../../ports/review-movie.ts';
import { lastLines, ProcessFailure, runProcess } from './process.runner.ts';

export interface FfmpegReviewMovieOptions {
  /** The ffmpeg binary; 'ffmpeg' from PATH unless said. */
  ffmpegPath?: string;
  /** The longest one run may take; an hour unless said (a long playlist at full size is real work). */
  timeoutMs?: number;
}

interface RunOptions {
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** Creates a ReviewMovieRenderer that runs ffmpeg. */
export function createFfmpegReviewMovie(options: FfmpegReviewMovieOptions = {}): ReviewMovieRenderer {
  const { ffmpegPath = 'ffmpeg', timeoutMs = 3_600_000 } = options;

  /** Runs `args` (which write `out`), reporting progress against `durationUs`; failures become 'media.unreadable' in plain words. */
  async function run(args: string[], out: string, durationUs: number, { onProgress, signal }: RunOptions): Promise<void> {
    let reported = -1;
    const report = (fraction: number) => {
      // Only news: ffmpeg repeats its output time while it reads ahead, and progress never goes back.
      if (fraction <= reported) return;
      reported = fraction;
      onProgress?.(fraction);
    };
    try {
      await runProcess(ffmpegPath, withProgress(args), {
        timeoutMs,
        signal,
        onProgress: (fields) => {
          const progress = readProgress(fields);
          const fraction = progress.done ? 1 : movieProgress(progress.outTimeUs, durationUs);
          if (fraction !== null) report(fraction);
        },
      });
      if (!((await stat(out).catch(() => undefined))?.size ?? 0)) fail('media.unreadable', 'Backlot could not make the review movie: ffmpeg wrote nothing.', 'takes');
    } catch (err) {
      await rm(out, { force: true });
      if (err instanceof ProcessFailure && (err.reason === 'exit' || err.reason === 'timeout')) {
        // The paths are the server's scratch files, not the producer's business.
        const why =
          err.reason === 'timeout' ? `it took longer than ${Math.round(timeoutMs / 1000)} s` : `ffmpeg stopped (${lastLines(err.stderr, 2).replace(/file:\S+/g, 'a file') || 'no reason given'})`;
        fail('media.unreadable', `Backlot could not make the review movie: ${why}.`, 'takes');
      }
      throw err;
    }
    report(1);
  }

  return {
    render: (plan, out, runOptions = {}) => run(plan.args, out, plan.durationUs, runOptions),

    async join(segments, out, runOptions = {}) {
      const list = `${out}.segments.txt`;
      try {
        await writeFile(list, concatList(segments), { mode: 0o600 });
        await run(
          joinArgs(list, out),
          out,
          segments.reduce((sum, s) => sum + s.durationUs, 0),
          runOptions,
        );
      } finally {
        await rm(list, { force: true });
      }
    },
  };
}
