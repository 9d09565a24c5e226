/**
 * A dailies playlist downloaded as one movie: the takes' clips are copied out of blob storage to
 * scratch files, the movie is planned (domain/dailies/review-movie.plan.ts) and rendered by ffmpeg
 * to a file — a dozen takes per run, the runs' parts joined, so a long playlist never has hundreds
 * of clips open at once — then streamed into blob storage or left at a path the caller names. The
 * movie is never held in memory. Takes come as plain data, so sessions (or any playlist) can call this.
 */
import type { ReviewState } from '@backlot/contracts';
import { fail } from '../../domain/errors.ts';
import { slateFrames } from '../../domain/dailies/review-movie.layout.ts';
import { reviewMoviePlan, reviewMovieRuns, type MovieSegment, type ReviewMovieOptions, type ReviewMoviePart, type ReviewMovieTake } from '../../domain/dailies/review-movie.plan.ts';
import type { BlobStore, StoredBlob } from '../../ports/blob-store.ts';
import type { ReviewMovieRenderer } from '../../ports/review-movie.ts';
import type { Staging } from '../../ports/staging.ts';

/** One take of the playlist: what its slate says and the clip to show (its proxy: already on the project's grid). */
export interface ReviewMovieEntry {
  shot: string;
  take: string;
  decision: ReviewState;
  /**
   * The clip in blob storage, with its probe: display size, decoded frame count, its own rate
   * (a proxy's is the project's) and whether it has sound.
   */
  media: { sha256: string; width: number; height: number; frames: number; frameRate: string; hasAudio: boolean };
}

/** What to build: the project's frame and rate, the playlist in order, and the slates' words and length. */
export interface ReviewMovieRequest {
  project: { width: number; height: number; fpsNum: number; fpsDen: number };
  takes: ReviewMovieEntry[];
  /** Small words on every slate, e.g. 'Dailies 2026-12-06 · Night exteriors'. */
  title?: string;
  /** How long each slate lasts; 2 s unless said, rounded to whole frames of the project's rate. */
  slateSeconds?: number;
}

/** What was built: the parts in order and the movie's frame count on the project's grid. */
export interface ReviewMovieResult {
  parts: ReviewMoviePart[];
  totalFrames: number;
}

export interface ReviewMovieBuildOptions {
  /** How far the build is, 0–1, never going back; 1 once the movie is stored. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export interface ReviewMovieDeps {
  blobs: BlobStore;
  staging: Staging;
  movies: ReviewMovieRenderer;
  /** The slates' TrueType font (config tools.fontFile). */
  fontFile: string;
  /** At most this many takes per ffmpeg run (12 unless said); longer playlists are made in runs and joined. */
  takesPerRun?: number;
}

/** A playlist entry as the planner takes it, its clip at `path`. */
function toPlanTake({ media: { sha256: _, ...probe }, shot, take, decision }: ReviewMovieEntry, path: string): ReviewMovieTake {
  return { ...probe, path, shot, take, decision };
}

const DEFAULT_SLATE_SECONDS = 2;
// The most one clip may copy to scratch: proxies are small, but a caller may hand in originals.
const MAX_CLIP_BYTES = 64 * 1024 ** 3;
// When the movie is made in several runs, joining them is counted as this last share of the rendering.
const JOIN_SHARE = 0.1;
// Clips one ffmpeg run has open at once: each open decoder holds its frames until the run ends,
// so a playlist of hundreds of takes is made a dozen at a time and the parts joined.
const DEFAULT_TAKES_PER_RUN = 12;

/** A progress callback that passes on only news: each fraction greater than the last (rounding never makes it step back). */
function forwardOnly(onProgress: ((fraction: number) => void) | undefined): (fraction: number) => void {
  let last = -1;
  return (fraction) => {
    if (fraction <= last) return;
    last = fraction;
    onProgress?.(fraction);
  };
}

export function createReviewMovieService(deps: ReviewMovieDeps) {
  const takesPerRun = deps.takesPerRun ?? DEFAULT_TAKES_PER_RUN;

  /** Copies the clips of these takes out of blob storage (each clip once); answers a path per take and the copies to remove. */
  async function copyClips(takes: ReviewMovieEntry[], signal?: AbortSignal): Promise<{ entries: ReviewMovieTake[]; copies: string[] }> {
    const paths = new Map<string, string>();
    const copies: string[] = [];
    try {
      for (const t of takes) {
        signal?.throwIfAborted();
        if (paths.has(t.media.sha256)) continue;
        const staged = await deps.staging.stage(await deps.blobs.get(t.media.sha256), null, MAX_CLIP_BYTES);
        copies.push(staged.path);
        paths.set(t.media.sha256, staged.path);
      }
    } catch (err) {
      await deps.staging.remove(...copies);
      throw err;
    }
    return { entries: takes.map((t) => toPlanTake(t, paths.get(t.media.sha256)!)), copies };
  }

  /**
   * Renders the movie to `out` (a path the caller owns), reporting progress up to `share`: in one
   * ffmpeg run for a short playlist, else a run per group of takes into scratch segments, joined.
   * Scratch copies and segments are removed whatever happens.
   */
  async function render(request: ReviewMovieRequest, out: string, options: ReviewMovieBuildOptions, progress: (fraction: number) => void, share: number): Promise<ReviewMovieResult> {
    const { project, takes } = request;
    const seconds = request.slateSeconds ?? DEFAULT_SLATE_SECONDS;
    if (!(seconds >= 0 && seconds <= 60)) fail('request.invalid', `slateSeconds must be between 0 and 60, not ${seconds}.`, 'slateSeconds');
    const movie: ReviewMovieOptions = { ...project, slateFrames: seconds === 0 ? 0 : slateFrames(seconds, project.fpsNum, project.fpsDen), fontFile: deps.fontFile, title: request.title };
    // Planned whole first: every field is checked before any clip is copied, and the parts and length are known.
    const whole = reviewMoviePlan(
      takes.map((t) => toPlanTake(t, t.media.sha256)),
      movie,
      out,
    );
    const runs = reviewMovieRuns(takes, takesPerRun);
    progress(0);

    if (runs.length === 1) {
      const { entries, copies } = await copyClips(takes, options.signal);
      try {
        await deps.movies.render(reviewMoviePlan(entries, movie, out), out, { signal: options.signal, onProgress: (f) => progress(share * f) });
      } finally {
        await deps.staging.remove(...copies);
      }
      return { parts: whole.parts, totalFrames: whole.totalFrames };
    }

    const segments: MovieSegment[] = [];
    const renderShare = share * (1 - JOIN_SHARE);
    let framesDone = 0;
    try {
      for (const run of runs) {
        const { entries, copies } = await copyClips(run.takes, options.signal);
        try {
          const segment = deps.staging.scratchPath('.nut');
          const plan = reviewMoviePlan(entries, { ...movie, position: { first: run.first, count: takes.length }, output: 'segment' }, segment);
          segments.push({ path: segment, durationUs: plan.durationUs });
          const before = framesDone;
          await deps.movies.render(plan, segment, { signal: options.signal, onProgress: (f) => progress((renderShare * (before + f * plan.totalFrames)) / whole.totalFrames) });
          framesDone += plan.totalFrames;
        } finally {
          await deps.staging.remove(...copies);
        }
      }
      await deps.movies.join(segments, out, { signal: options.signal, onProgress: (f) => progress(renderShare + share * JOIN_SHARE * f) });
    } finally {
      await deps.staging.remove(...segments.map((s) => s.path));
    }
    return { parts: whole.parts, totalFrames: whole.totalFrames };
  }

  return {
    /** Builds the movie into a file at `out` (MP4); the caller owns the file. */
    async buildToFile(request: ReviewMovieRequest, out: string, options: ReviewMovieBuildOptions = {}): Promise<ReviewMovieResult> {
      const progress = forwardOnly(options.onProgress);
      const result = await render(request, out, options, progress, 1);
      progress(1);
      return result;
    },

    /** Builds the movie and streams it into blob storage; answers its address with what was built. */
    async buildToBlob(request: ReviewMovieRequest, options: ReviewMovieBuildOptions = {}): Promise<ReviewMovieResult & { blob: StoredBlob }> {
      const out = deps.staging.scratchPath('.mp4');
      try {
        // Storing is the last few percent: the movie is written once more, from disk to the store.
        const progress = forwardOnly(options.onProgress);
        const result = await render(request, out, options, progress, 0.95);
        const blob = await deps.blobs.put(deps.staging.open(out));
        progress(1);
        return { ...result, blob };
      } finally {
        await deps.staging.remove(out);
      }
    },
  };
}

export type ReviewMovieService = ReturnType<typeof createReviewMovieService>;
