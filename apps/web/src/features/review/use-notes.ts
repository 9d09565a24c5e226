/**
 * A take's notes, kept fresh: loaded once, again when the take changes on the live stream and
 * every so often while the page is visible (notes of other members carry no event of their own),
 * and handed to the drawing board so the overlay shows their drawings.
 */
import type { Note } from '@backlot/contracts';
import { useCallback, useEffect } from 'react';
import { api } from '../../shared/api/client.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import type { Member } from './mention-field.tsx';
import { keys } from '../../shared/api/keys.ts';
import { updateBoard } from './drawing-board.ts';

const REFRESH_MS = 10_000;

export function useNotes(projectId: string, takeId: string) {
  const loaded = useLoad(keys.review.notes(projectId, takeId), () => api.listNotes({ params: { projectId, takeId } }));
  const { reload, setData } = loaded;
  const notes = loaded.data?.notes;

  useEffect(() => {
    if (notes) updateBoard(takeId, { notes });
  }, [takeId, notes]);
  useEffect(() => {
    const timer = setInterval(() => document.visibilityState === 'visible' && reload(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  /** Puts a note the server answered with into the list (new, or replacing its older copy). */
  const put = useCallback(
    (note: Note) =>
      setData((d) => {
        const list = d?.notes ?? [];
        return { notes: list.some((n) => n.id === note.id) ? list.map((n) => (n.id === note.id ? note : n)) : [...list, note] };
      }),
    [setData],
  );
  return { ...loaded, put };
}

/**
 * The people a note may @-mention. The team (who may read the project) gets the members with their
 * roles; a viewer gets names only, which is all the server tells a viewer.
 */
export function useMembers(projectId: string, mayReadMembers: boolean, mayWrite: boolean): Member[] {
  const members = useLoad(keys.members.list(projectId), () => api.listMembers({ params: { projectId } }), { enabled: mayReadMembers });
  const names = useLoad(keys.members.mentionable(projectId), () => api.listMentionable({ params: { projectId } }), { enabled: mayWrite && !mayReadMembers });
  return mayReadMembers ? (members.data?.members ?? []) : (names.data?.people ?? []);
}

/** Top-level notes in frame order (notes on the whole take last), each with its replies in time order. */
export function threadsOf(notes: Note[]): { note: Note; replies: Note[] }[] {
  const tops = notes.filter((n) => !n.parentId);
  tops.sort((a, b) => (a.frame ?? Infinity) - (b.frame ?? Infinity) || a.createdAt.localeCompare(b.createdAt));
  return tops.map((note) => ({ note, replies: notes.filter((n) => n.parentId === note.id).sort((a, b) => a.createdAt.localeCompare(b.createdAt)) }));
}
