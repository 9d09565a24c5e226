/** Repository interface for dailies: sessions, their playlists, attendees, who is in the room, the room's log, and guest review links. */
import type { PresenterState } from '@backlot/contracts';
import type { TakeRecord } from './take-store.ts';

export interface DailiesSessionRecord {
  id: string;
  projectId: string;
  title: string;
  date: string;
  status: 'open' | 'closed';
  sourceKind: 'selects_since_last' | 'filter' | 'takes';
  createdById: string | null;
  createdByName: string;
  createdAt: string;
  closedAt: string | null;
  closedByName: string | null;
  /** The report's PDF printed at closing (its SHA-256 in blob storage); null while open. */
  reportSha256: string | null;
  presenter: PresenterState | null;
  presenterSeq: number;
  updatedAt: string;
}

/** A session as listed, with its counts. */
export interface DailiesSessionSummary extends DailiesSessionRecord {
  itemCount: number;
  attendeeCount: number;
}

export interface DailiesItemRecord {
  id: string;
  sessionId: string;
  takeId: string;
  position: number;
  addedAt: string;
}

export interface ParticipantRecord {
  sessionId: string;
  key: string;
  name: string;
  kind: 'member' | 'guest';
  since: string;
  lastSeen: string;
}

export interface RoomLogRecord {
  id: string;
  sessionId: string;
  at: string;
  kind: string;
  actorId: string | null;
  actorName: string;
  guestId: string | null;
  takeId: string | null;
  summary: string;
  data: Record<string, unknown>;
}

export interface ReviewLinkRecord {
  id: string;
  projectId: string;
  sessionId: string;
  label: string;
  tokenHash: string;
  passcodeHash: string | null;
  expiresAt: string;
  revokedAt: string | null;
  createdById: string | null;
  createdByName: string;
  createdAt: string;
}

export interface ReviewGuestRecord {
  id: string;
  linkId: string;
  name: string;
  secretHash: string;
  createdAt: string;
}

/** A review movie built of a session's playlist, under the key of what it shows. */
export interface DailiesMovieRecord {
  sessionId: string;
  requestKey: string;
  sha256: string;
  size: number;
  totalFrames: number;
  createdAt: string;
}

export interface DailiesRepository {
  insertSession(s: DailiesSessionRecord): Promise<void>;
  findSession(projectId: string, id: string): Promise<DailiesSessionRecord | undefined>;
  /** Sessions of a project, newest first; only those `attendeeId` is invited to when given. */
  listSessions(projectId: string, attendeeId?: string): Promise<DailiesSessionSummary[]>;
  counts(sessionId: string): Promise<{ itemCount: number; attendeeCount: number }>;
  updateSession(id: string, patch: Partial<Pick<DailiesSessionRecord, 'title' | 'date' | 'status' | 'closedAt' | 'closedByName' | 'reportSha256' | 'updatedAt'>>): Promise<void>;
  /** When the project's newest session before this one began; undefined for its first. */
  lastSessionStart(projectId: string): Promise<string | undefined>;
  /** Selected and approved takes whose latest decision is at or after `since` (every one when undefined), in scene, shot and take order. */
  selectsSince(projectId: string, since: string | undefined, limit: number): Promise<TakeRecord[]>;
  /** Locks the session row until the transaction ends (presenter changes take turns; a row lock on PostgreSQL, SQLite's write lock already serialises). */
  lockSession(id: string): Promise<void>;
  /** Stores the presenter's state as number `seq`. */
  setPresenter(id: string, state: PresenterState): Promise<void>;

  /** The playlist in order. */
  items(sessionId: string): Promise<DailiesItemRecord[]>;
  /** These items of the session (those that are on it). */
  itemsByIds(sessionId: string, ids: string[]): Promise<DailiesItemRecord[]>;
  /** The playlist in order, each with its take. */
  itemsWithTakes(sessionId: string): Promise<(DailiesItemRecord & { take: TakeRecord; shotCode: string })[]>;
  insertItems(items: DailiesItemRecord[]): Promise<void>;
  removeItem(sessionId: string, itemId: string): Promise<boolean>;
  /** Writes positions 0..n-1 in the order given (every item of the session, once). */
  rewritePositions(sessionId: string, orderedIds: string[]): Promise<void>;
  /** Whether the account is invited to a session whose playlist holds the take (§8: viewers see the takes of dailies they attend). */
  attendsWithTake(accountId: string, takeId: string): Promise<boolean>;
  /** Whether the take is on the session's playlist. */
  hasTake(sessionId: string, takeId: string): Promise<boolean>;

  attendees(sessionId: string): Promise<{ accountId: string; name: string; role: string }[]>;
  isAttendee(sessionId: string, accountId: string): Promise<boolean>;
  /** Which of these accounts are invited to the session, in one query. */
  attendeesAmong(sessionId: string, accountIds: string[]): Promise<Set<string>>;
  setAttendees(sessionId: string, accountIds: string[], at: string): Promise<void>;

  /** Marks someone present (or still present); answers whether they were absent until now (by `staleBefore`). */
  touchPresence(p: ParticipantRecord, staleBefore: string): Promise<boolean>;
  removePresence(sessionId: string, key: string): Promise<boolean>;
  /** Who has been seen since `since`, in the order they came. */
  presence(sessionId: string, since: string): Promise<ParticipantRecord[]>;

  appendLog(e: RoomLogRecord): Promise<void>;
  log(sessionId: string): Promise<RoomLogRecord[]>;

  insertLink(l: ReviewLinkRecord): Promise<void>;
  findLinkByHash(tokenHash: string): Promise<ReviewLinkRecord | undefined>;
  findLink(sessionId: string, id: string): Promise<ReviewLinkRecord | undefined>;
  links(sessionId: string): Promise<(ReviewLinkRecord & { guests: number })[]>;
  revokeLink(id: string, at: string): Promise<void>;
  revokeLinksOf(sessionId: string, at: string): Promise<void>;
  insertGuest(g: ReviewGuestRecord): Promise<void>;
  /** The guest whose secret hashes to this, with their link. */
  findGuest(secretHash: string): Promise<{ guest: ReviewGuestRecord; link: ReviewLinkRecord } | undefined>;
  /**
   * Counts a passcode attempt on the link, atomically, first forgetting a count whose window began
   * at or before `windowStart`; answers the count now.
   */
  countAttempt(linkId: string, at: string, windowStart: string): Promise<number>;
  clearAttempts(linkId: string): Promise<void>;
  /** A review movie already built of the session under this key (what it shows). */
  findMovie(sessionId: string, requestKey: string): Promise<DailiesMovieRecord | undefined>;
  /** Keeps a built movie; a second save under the same key keeps the first. */
  saveMovie(movie: DailiesMovieRecord): Promise<void>;
}
