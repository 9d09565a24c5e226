/**
 * The review movie renderer with ffmpeg: runs a plan from domain/dailies/review-movie.plan.ts
 * through the one process runner, reads its -progress reports as a fraction of the movie's
 * length, and leaves no partial movie behind.
 */
import { rm, stat } from 'node:fs/promises';
import { fail } from '../../domain/errors.ts';
import { movieProgress } from '../../domain/dailies/review-movie.plan.ts';
import { readProgress, withProgress } from '../../domain/media/ffmpeg.plans.ts';
import type { ReviewMovieRenderer } from '../../ports/review-movie.ts';
import { lastLines, ProcessFailure, runProcess } from './process.runner.ts';

export interface FfmpegReviewMovieOptions {
  /** The ffmpeg binary; 'ffmpeg' from PATH unless said. */
  ffmpegPath?: string;
  /** The longest one movie may take; an hour unless said (a long playlist at full size is real work). */
  timeoutMs?: number;
}

/** Creates a ReviewMovieRenderer that runs ffmpeg. */
export function createFfmpegReviewMovie(options: FfmpegReviewMovieOptions = {}): ReviewMovieRenderer {
  const { ffmpegPath = 'ffmpeg', timeoutMs = 3_600_000 } = options;
  return {
    async render(plan, out, { onProgress, signal } = {}) {
      let reported = -1;
      const report = (fraction: number) => {
        // Only news: ffmpeg repeats its output time while it reads ahead, and progress never goes back.
        if (fraction <= reported) return;
        reported = fraction;
        onProgress?.(fraction);
      };
      try {
        await runProcess(ffmpegPath, withProgress(plan.args), {
          timeoutMs,
          signal,
          onProgress: (fields) => {
            const progress = readProgress(fields);
            const fraction = progress.done ? 1 : movieProgress(progress.outTimeUs, plan.durationUs);
            if (fraction !== null) report(fraction);
          },
        });
        if (!((await stat(out).catch(() => undefined))?.size ?? 0)) fail('media.unreadable', 'Backlot could not make the review movie: ffmpeg wrote nothing.', 'takes');
      } catch (err) {
        await rm(out, { force: true });
        if (err instanceof ProcessFailure && (err.reason === 'exit' || err.reason === 'timeout')) {
          const why = err.reason === 'timeout' ? `it took longer than ${Math.round(timeoutMs / 1000)} s` : `ffmpeg stopped (${lastLines(err.stderr, 2).replace(/file:\S+/g, 'a file') || 'no reason given'})`;
          fail('media.unreadable', `Backlot could not make the review movie: ${why}.`, 'takes');
        }
        throw err;
      }
      report(1);
    },
  };
}
