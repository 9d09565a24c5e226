/** Review movie port: runs a planned review movie (domain/dailies/review-movie.plan.ts) with ffmpeg, reporting how far it is. */
import type { MovieSegment, ReviewMoviePlan } from '../domain/dailies/review-movie.plan.ts';

export interface ReviewMovieRenderer {
  /**
   * Runs the plan, which writes the movie to `out` (the path the plan was made with). `onProgress`
   * gets how far the run is, 0–1, never going back. A run ffmpeg cannot finish is DomainError
   * 'media.unreadable' saying why; nothing is left at `out` on failure or cancellation.
   */
  render(plan: ReviewMoviePlan, out: string, options?: { onProgress?: (fraction: number) => void; signal?: AbortSignal }): Promise<void>;
  /**
   * Joins segments (plans made with output 'segment', each with its plan's length) in order into
   * the finished movie at `out`. Same progress, failures and clean-up as render.
   */
  join(segments: MovieSegment[], out: string, options?: { onProgress?: (fraction: number) => void; signal?: AbortSignal }): Promise<void>;
}
