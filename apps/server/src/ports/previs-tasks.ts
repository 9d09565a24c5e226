/**
 * The built-in previs generator's tasks, kept where every process on the database sees them: any
 * process's previs adapter answers a poll, renders a task nobody holds under a lease it renews,
 * and cancels. Times are ISO 8601 UTC text, compared as text.
 */
import type { ProviderError } from './video-provider.ts';

export type PrevisTaskState = 'pending' | 'succeeded' | 'failed' | 'canceled';

/** One task as stored. */
export interface PrevisTaskRecord {
  id: string;
  /** The render request as submitted (the compiled request's body). */
  request: unknown;
  state: PrevisTaskState;
  /** The process rendering it now, and until when its lease runs. */
  leaseOwner: string | null;
  leaseUntil: string | null;
  /** 0 to 1, as the renderer last renewed it. */
  progress: number;
  error: ProviderError | null;
  /** The rendered clip in the blob store, once succeeded. */
  output: { sha256: string; size: number } | null;
  /** Renders ffmpeg completed for this task, published or not. */
  renders: number;
  /** The lease owner whose render was published. */
  renderedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PrevisTasks {
  /** Keeps a new pending task; a task that exists keeps its first request (a resubmission of the same key). */
  create(id: string, request: unknown, at: string): Promise<void>;
  get(id: string): Promise<PrevisTaskRecord | undefined>;
  /** Takes the render lease of a pending task that no live lease holds (`now` is past any lease); true when `owner` holds it now. */
  lease(id: string, owner: string, now: string, until: string): Promise<boolean>;
  /** Extends `owner`'s lease with the render's progress; false when the lease is lost (canceled, ended, or taken over). */
  renew(id: string, owner: string, until: string, progress: number): Promise<boolean>;
  /** Lets go of `owner`'s lease without ending the task, so any process may render it at once. */
  release(id: string, owner: string): Promise<void>;
  /**
   * A render completed: counts it and, while `owner` holds the lease of the pending task, marks the
   * task succeeded with its output and records the output in the blobs table — in one transaction,
   * so no sweep can take the output of a finished task. False when it was not published.
   */
  complete(id: string, owner: string, output: { sha256: string; size: number; mediaType: string }, at: string): Promise<boolean>;
  /** Ends the pending task as failed while `owner` holds its lease. */
  fail(id: string, owner: string, error: ProviderError, at: string): Promise<boolean>;
  /** Cancels the task if it is pending; returns its state after (undefined when there is no such task). */
  cancel(id: string, at: string): Promise<PrevisTaskState | undefined>;
}
