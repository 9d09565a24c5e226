/** Repository interface for a member's home: the notes and takes that concern them, and what they have read. */
import type { SignOffRecord } from './take-store.ts';
import type { NoteRecord } from './note-store.ts';

/** A take as home names it: its shot, its code and its poster; enough to decide who may see it. */
export interface HomeTakeRow {
  takeId: string;
  projectId: string;
  number: number;
  review: string;
  status: string;
  outputHidden: boolean;
  posterSha256: string | null;
  shotId: string;
  shotCode: string;
  requestedBy: string;
  error: { code: string; message: string; category: string } | null;
  /** When it ended (or last changed). */
  at: string;
  requestedByName: string;
  requestedAt: string;
  estimateMicros: number;
  currency: string;
  signOff: SignOffRecord | null;
}

/** A note with the take it is on. */
export interface HomeNoteRow {
  note: NoteRecord;
  take: HomeTakeRow;
}

export interface HomeRepository {
  /** Notes in these projects whose @-mentions name the account (newest first), not written by it. */
  mentioning(accountId: string, projectIds: string[], limit: number): Promise<HomeNoteRow[]>;
  /** Notes on takes the account asked for (newest first), written by someone else. */
  onTakesBy(accountId: string, projectIds: string[], limit: number): Promise<HomeNoteRow[]>;
  /** Takes the account asked for that failed (newest first). */
  failedTakesBy(accountId: string, projectIds: string[], limit: number): Promise<HomeTakeRow[]>;
  /** Takes waiting for a producer's sign-off in these projects (newest request first). */
  awaitingSignOff(projectIds: string[], limit: number): Promise<HomeTakeRow[]>;
  /** Takes the account asked for on which a producer has decided a sign-off (newest first). */
  signOffsFor(accountId: string, projectIds: string[], limit: number): Promise<HomeTakeRow[]>;
  /** Rendered takes nobody has reviewed yet in these projects (newest first). */
  unreviewed(projectIds: string[], limit: number): Promise<HomeTakeRow[]>;
  /** Which of these item keys the account has marked read. */
  readKeys(accountId: string, keys: string[]): Promise<Set<string>>;
  /** Marks item keys read; keys already read stay as they were (so marking twice at once is fine). */
  markRead(accountId: string, keys: string[], at: string): Promise<void>;
}
