/**
 * Notes on a take, as pure rules: where a note may sit on the frame grid and what its drawing must
 * measure, how a reply joins a thread, who may see and write which notes (DESIGN.md §8), the order
 * of threads, and @-mentions of members.
 *
 * Replies: a thread has one level. A reply sits on its note's frame and has no frame, range or
 * drawing of its own (it is refused, naming the field, rather than silently dropped); it takes its
 * thread's visibility, whatever the reply asked, so a thread is never half internal; and replying
 * to a reply joins the same thread.
 */
import type { Drawing, Role } from '@backlot/contracts';
import { fail } from '../errors.ts';

export type NoteVisibility = 'internal' | 'client';

/** The part of a take's picture the checks need: frames on the project grid and the frame's size. */
export interface NoteCanvas {
  /** Frames of the review proxy, which is conformed to the project's grid. */
  frames: number;
  width: number;
  height: number;
}

/** Where a new note or reply asks to sit. */
export interface NoteAnchor {
  frame: number | null;
  frameEnd: number | null;
  drawing: Drawing | null;
}

/** Roles that are clients: they see and write only client-visible notes. */
const CLIENT_ROLES: ReadonlySet<Role> = new Set(['viewer']);

/**
 * Checks a note's frame, range and drawing against the take's picture (null when the take has no
 * picture yet). A drawing sits on `frame` (the first frame of a range) and is drawn in the frame's
 * own pixel coordinates, so its size must be the frame's.
 */
export function checkNoteAnchor(anchor: NoteAnchor, canvas: NoteCanvas | null): void {
  const { frame, frameEnd, drawing } = anchor;
  if (frame === null) {
    if (frameEnd !== null) fail('request.invalid', 'frameEnd: a range needs its first frame too (frame).', 'frameEnd');
    if (drawing !== null) fail('request.invalid', 'drawing: a drawing sits on a frame; give the frame it is drawn on.', 'drawing');
    return;
  }
  if (!canvas) fail('request.invalid', 'frame: this take has no picture yet, so a note cannot sit on a frame; write it without one.', 'frame');
  const last = canvas.frames - 1;
  if (frame > last) fail('request.invalid', `frame: the take has frames 0 to ${last}; ${frame} is past its end.`, 'frame');
  if (frameEnd !== null) {
    if (frameEnd < frame) fail('request.invalid', `frameEnd: a range ends at or after its first frame (${frame}); got ${frameEnd}.`, 'frameEnd');
    if (frameEnd > last) fail('request.invalid', `frameEnd: the take has frames 0 to ${last}; ${frameEnd} is past its end.`, 'frameEnd');
  }
  if (drawing !== null && (drawing.width !== canvas.width || drawing.height !== canvas.height)) {
    fail('request.invalid', `drawing: drawn at ${drawing.width}×${drawing.height}, but the take's frame is ${canvas.width}×${canvas.height}; a drawing is in the frame's own coordinates.`, 'drawing');
  }
}

/** A reply has no anchor of its own: it sits on its thread's note. */
export function checkReplyAnchor(anchor: NoteAnchor): void {
  for (const field of ['frame', 'frameEnd', 'drawing'] as const) {
    if (anchor[field] !== null)
      fail('request.invalid', `${field}: a reply sits on its note's frame and has no ${field === 'drawing' ? 'drawing' : 'frame'} of its own; start a new note instead.`, field);
  }
}

/** The note a reply belongs under: the parent itself, or the parent's own note when replying to a reply. */
export function threadRootId(parent: { id: string; parentId: string | null }): string {
  return parent.parentId ?? parent.id;
}

/** Whether a member in this role may see a note; a reply is seen with its thread, so pass the thread's note too. */
export function noteVisibleTo(role: Role, note: { visibility: NoteVisibility }, root?: { visibility: NoteVisibility }): boolean {
  const visibility = root?.visibility ?? note.visibility;
  return visibility === 'client' || !CLIENT_ROLES.has(role);
}

/** Whether a member in this role may write a note of this visibility (clients: client-visible only). */
export function mayWriteVisibility(role: Role, visibility: NoteVisibility): boolean {
  return visibility === 'client' || !CLIENT_ROLES.has(role);
}

/** Only the author edits a note's words. */
export function mayEditBody(accountId: string, note: { authorId: string | null }): boolean {
  return note.authorId !== null && note.authorId === accountId;
}

/** Roles that resolve and reopen anyone's notes (§8); the others, their own only. */
const RESOLVE_ANY: ReadonlySet<Role> = new Set(['owner', 'producer', 'director']);

/** Whether a member in this role may resolve or reopen this note (DESIGN.md §8: editors and viewers, their own notes). */
export function mayResolve(role: Role, accountId: string, note: { authorId: string | null }): boolean {
  return RESOLVE_ANY.has(role) || mayEditBody(accountId, note);
}

interface Orderable {
  id: string;
  parentId: string | null;
  frame: number | null;
  createdAt: string;
}

/**
 * Threads in the order of the picture: notes by frame (notes on the whole take, with no frame,
 * after them), ties by when they were written; each followed by its replies, oldest first. A reply
 * whose note is not in the list (not visible to the reader) is left out with it.
 */
export function orderThreads<T extends Orderable>(notes: readonly T[]): T[] {
  const byTime = (a: T, b: T) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1);
  const roots = notes.filter((n) => n.parentId === null).sort((a, b) => (a.frame ?? Infinity) - (b.frame ?? Infinity) || byTime(a, b));
  const replies = new Map<string, T[]>();
  for (const n of notes) if (n.parentId !== null) replies.set(n.parentId, [...(replies.get(n.parentId) ?? []), n]);
  return roots.flatMap((r) => [r, ...(replies.get(r.id) ?? []).sort(byTime)]);
}

export interface Mentionable {
  id: string;
  name: string;
}

const fold = (s: string) => s.normalize('NFC').toLocaleLowerCase('en');

// An @ at the start or after something that is not part of a word (so mail addresses are not
// mentions), then a quoted name or one word of letters, digits, dots, apostrophes, hyphens or _.
const MENTION = /(?<![\p{L}\p{N}_.@])@(?:"([^"\n]{1,200})"|([\p{L}\p{N}_][\p{L}\p{N}_.'’-]*))/gu;

/**
 * The members a note's words mention, in the order first mentioned, each once. `@"Dora Keller"`
 * names a member by full name; `@Dora` by full name or, when only one member's name starts with
 * that word, by first name. Matching ignores case; a word that fits several members, or none,
 * mentions nobody rather than the wrong person.
 */
export function parseMentions(body: string, members: readonly Mentionable[]): Mentionable[] {
  const found = new Map<string, Mentionable>();
  for (const m of body.matchAll(MENTION)) {
    const who = m[1] !== undefined ? findByFullName(m[1], members) : findByMentionWord(m[2] ?? '', members);
    if (who && !found.has(who.id)) found.set(who.id, who);
  }
  return [...found.values()];
}

function findByFullName(name: string, members: readonly Mentionable[]): Mentionable | undefined {
  const matches = members.filter((p) => fold(p.name.trim()) === fold(name.trim()));
  return matches.length === 1 ? matches[0] : undefined;
}

/** A word after @, without the punctuation that ends a sentence; "@Dora's cut" mentions Dora when nobody is called "Dora's". */
function findByMentionWord(raw: string, members: readonly Mentionable[]): Mentionable | undefined {
  const word = raw.replace(/[.'’-]+$/u, '');
  return findByWord(word, members) ?? findByWord(word.replace(/['’]s$/u, ''), members);
}

function findByWord(word: string, members: readonly Mentionable[]): Mentionable | undefined {
  const whole = findByFullName(word, members);
  if (whole) return whole;
  const first = members.filter((p) => fold(p.name.trim().split(/\s+/u)[0] ?? '') === fold(word));
  return first.length === 1 ? first[0] : undefined;
}
