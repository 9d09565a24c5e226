/** Repository interface for notes on takes: at frames or ranges, with drawings, threads, mentions and resolution. */
import type { Drawing } from '@backlot/contracts';

export interface NoteRecord {
  id: string;
  projectId: string;
  takeId: string;
  /** The thread's note, for a reply; null for a note that starts a thread. */
  parentId: string | null;
  authorId: string | null;
  authorName: string;
  body: string;
  /** On the project's frame grid; null for a note on the whole take. */
  frame: number | null;
  /** The last frame of a range (inclusive). */
  frameEnd: number | null;
  /** Vectors in the frame's own pixel coordinates, on `frame`. */
  drawing: Drawing | null;
  visibility: 'internal' | 'client';
  /** Members mentioned with @, with their names as they were when mentioned. */
  mentions: { id: string; name: string }[];
  resolvedAt: string | null;
  /** The name of who resolved it. */
  resolvedBy: string | null;
  createdAt: string;
  updatedAt: string;
  /** The dailies session the note was made in, and the guest (on a review link) who wrote it. */
  sessionId?: string | null;
  guestId?: string | null;
}

export type NotePatch = Partial<Pick<NoteRecord, 'body' | 'mentions' | 'resolvedAt' | 'resolvedBy' | 'updatedAt'>>;

/** A take generated from a note ("regenerate from this note"), with what is needed to decide who may see it. */
export interface NoteLedTake {
  noteId: string;
  takeId: string;
  number: number;
  review: string;
  outputHidden: boolean;
}

export interface NoteRepository {
  insert(n: NoteRecord): Promise<void>;
  findById(projectId: string, id: string): Promise<NoteRecord | undefined>;
  /** Locks the note until the transaction ends, so two changes to it take turns (a row lock on PostgreSQL; SQLite's write lock already serialises). */
  lock(projectId: string, id: string): Promise<void>;
  /** Every note and reply on a take, in the order written. */
  listForTake(takeId: string): Promise<NoteRecord[]>;
  /** Every note and reply on any of these takes, in the order written (a handoff's markers, the notes export). */
  listForTakes(takeIds: string[]): Promise<NoteRecord[]>;
  update(id: string, patch: NotePatch): Promise<void>;
  /** The takes generated from any of these notes, oldest first. */
  ledTo(noteIds: string[]): Promise<NoteLedTake[]>;
}
