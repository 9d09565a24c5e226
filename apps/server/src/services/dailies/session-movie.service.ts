/**
 * A dailies session's playlist as one review movie (issue 15): the takes the member may see, in
 * playlist order, each after a slate (shot, take, decision), on the project's frame and grid, built
 * by the review movie service. A movie is kept under the key of what it shows (takes, order,
 * decisions, clips, grid), so asking again returns the one built; builds of the same movie at once
 * in this process share one ffmpeg run.
 */
import { createHash } from 'node:crypto';
import type { ReviewState, Role } from '@backlot/contracts';
import { fail } from '../../domain/errors.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { Clock } from '../../ports/clock.ts';
import type { DailiesSessionRecord } from '../../ports/dailies-store.ts';
import type { Store } from '../../ports/store.ts';
import { takeCode } from '../generate/generate.service.ts';
import { takeVisibleTo } from '../generate/take-presenter.ts';
import type { ReviewMovieRequest, ReviewMovieService } from './review-movie.service.ts';

export interface SessionMovieDeps {
  store: Store;
  clock: Clock;
  blobs: BlobStore;
  movies: Pick<ReviewMovieService, 'buildToBlob'>;
  sessionFor(projectId: string, accountId: string, role: Role, sessionId: string): Promise<DailiesSessionRecord>;
}

/** A built movie: its address, size and length, and the file name to save it under. */
export interface SessionMovie {
  sha256: string;
  size: number;
  totalFrames: number;
  fileName: string;
}

export function createSessionMovieService(deps: SessionMovieDeps) {
  const read = deps.store.read;
  const building = new Map<string, Promise<SessionMovie>>();

  /** What the movie shows for this member: the takes they may see that have a proxy, each clip on the project's grid. */
  async function requestFor(role: Role, session: DailiesSessionRecord): Promise<ReviewMovieRequest> {
    const project = (await read.projects.findById(session.projectId)) ?? fail('project.not_found', 'No such project.');
    const items = (await read.dailies.itemsWithTakes(session.id)).filter((i) => takeVisibleTo(role, i.take) && i.take.media);
    if (!items.length) fail('dailies.movie_empty', `“${session.title}” has no take with a picture to put in a movie.`);
    return {
      project: { width: project.width, height: project.height, fpsNum: project.fpsNum, fpsDen: project.fpsDen },
      title: `${project.code} dailies ${session.date} · ${session.title}`,
      // The proxy is on the project's grid (DESIGN.md §7): its frames and rate are the grid's. Its sound is left out.
      takes: items.map(({ take, shotCode }) => ({
        shot: shotCode,
        take: takeCode(take.number),
        decision: take.review as ReviewState,
        media: {
          sha256: take.media!.proxySha256,
          width: take.media!.width,
          height: take.media!.height,
          frames: take.media!.proxyFrames,
          frameRate: `${project.fpsNum}/${project.fpsDen}`,
          hasAudio: !!take.media!.audioCodec,
        },
      })),
    };
  }

  return {
    /**
     * The session's movie for this member: the one already built of what it shows, else built now
     * (progress 0–1 to `onProgress`) and kept.
     */
    async build(projectId: string, accountId: string, role: Role, sessionId: string, onProgress?: (fraction: number) => void): Promise<SessionMovie> {
      const session = await deps.sessionFor(projectId, accountId, role, sessionId);
      const request = await requestFor(role, session);
      const requestKey = createHash('sha256').update(JSON.stringify(request)).digest('hex');
      const fileName = `${session.date}_${session.title}_review.mp4`.replace(/[^\w.-]+/g, '_');
      const built = await read.dailies.findMovie(session.id, requestKey);
      if (built) {
        onProgress?.(1);
        return { sha256: built.sha256, size: built.size, totalFrames: built.totalFrames, fileName };
      }
      const key = `${session.id}:${requestKey}`;
      const running = building.get(key);
      if (running) return running;
      const job = (async () => {
        const { blob, totalFrames } = await deps.movies.buildToBlob(request, { onProgress });
        const at = deps.clock.now().toISOString();
        await deps.store.transaction(async (tx) => {
          await tx.blobs.record({ sha256: blob.sha256, size: blob.size, mediaType: 'video/mp4', createdAt: at });
          await tx.dailies.saveMovie({ sessionId: session.id, requestKey, sha256: blob.sha256, size: blob.size, totalFrames, createdAt: at });
        });
        return { sha256: blob.sha256, size: blob.size, totalFrames, fileName };
      })().finally(() => building.delete(key));
      building.set(key, job);
      return job;
    },

    /** The movie's bytes. */
    open: (sha256: string) => deps.blobs.get(sha256),
  };
}

export type SessionMovieService = ReturnType<typeof createSessionMovieService>;
