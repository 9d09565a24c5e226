/**
 * The retention repository: the project's setting, the rejected takes a purge may consider, what
 * keeps a take or a file, and the purge's own writes. Every check reads the database as it is now,
 * so a purge run inside a transaction re-checks what its preview saw.
 */
import type { MediaPurgeRecord, TakeMediaRecord } from './take-store.ts';

export interface RetentionSettingRecord {
  projectId: string;
  purgeRejectedAfterDays: number | null;
  setByName: string;
  setAt: string;
}

/** A rejected take with media, as a purge sees it. */
export interface RetentionTakeRecord {
  id: string;
  projectId: string;
  shotId: string;
  shotCode: string;
  sceneNumber: string;
  number: number;
  provider: string;
  providerTaskId: string | null;
  finishedAt: string | null;
  media: TakeMediaRecord;
}

export interface RetentionRepository {
  setting(projectId: string): Promise<RetentionSettingRecord | undefined>;
  putSetting(s: RetentionSettingRecord): Promise<void>;
  /**
   * Rejected takes of the project that still hold media and finished before `cutoff`, oldest first;
   * with `ids`, only those (and only while they still qualify).
   */
  rejectedBefore(projectId: string, cutoff: string, ids?: string[]): Promise<RetentionTakeRecord[]>;
  /**
   * Why the take must be kept whatever its decision, or null: another take names it as its parent
   * or names it (or its provider task) in its request, a reference version was made from it, it is
   * in an open dailies playlist, or a handoff named it (by id or by one of `clipNames`).
   */
  keptBecause(take: RetentionTakeRecord, clipNames: string[]): Promise<string | null>;
  /**
   * Of `sha256s`, those still used by anything but the take `takeId` itself: another take's media,
   * continuity frames, request or purge record; a reference's files; a consent document; a likeness
   * asset; a previs task other than the take's own; a dailies report or movie. Across every project,
   * since blobs are shared by content.
   */
  sharedElsewhere(takeId: string, ownPrevisTaskId: string | null, sha256s: string[]): Promise<Set<string>>;
  /** Recorded sizes of blobs. */
  sizes(sha256s: string[]): Promise<Map<string, number>>;
  /**
   * Replaces the take's media by its purge record, only while it is still rejected and still holds
   * media; answers whether it did.
   */
  markPurged(takeId: string, purge: MediaPurgeRecord, updatedAt: string): Promise<boolean>;
  /** Forgets blobs in the blob table (their bytes are removed after the transaction commits). */
  forgetBlobs(sha256s: string[]): Promise<void>;
  /** Clears a finished previs task's output once its take's original is purged. */
  forgetPrevisOutput(taskId: string): Promise<void>;
  /** Whether any of these blobs is recorded again (checked before the bytes go). */
  recorded(sha256s: string[]): Promise<Set<string>>;
}
