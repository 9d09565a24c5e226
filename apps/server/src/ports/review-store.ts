/** Repository interface for review decisions: each change of a take's review state, kept for good. */
import type { ReviewState } from '@backlot/contracts';

/** One review decision on a take: who, when, from, to, why, and whether it overrode a rights risk. */
export interface ReviewEventRecord {
  id: string;
  takeId: string;
  from: ReviewState;
  to: ReviewState;
  actorId: string | null;
  actorName: string;
  reason: string | null;
  override: boolean;
  at: string;
  /** The dailies session the decision was made in. */
  sessionId?: string | null;
}

export interface ReviewRepository {
  /**
   * Locks a shot's review until the transaction ends, so two approvals of its takes cannot both
   * pass the one-approved-take check (a row lock on PostgreSQL; SQLite's write lock already serialises).
   */
  lockShot(shotId: string): Promise<void>;
  /** Events are only ever appended. */
  insertEvent(e: ReviewEventRecord): Promise<void>;
  /** A take's decisions, oldest first. */
  events(takeId: string): Promise<ReviewEventRecord[]>;
  /** The decisions on any of these takes, oldest first. */
  eventsForTakes(takeIds: string[]): Promise<ReviewEventRecord[]>;
}
