/**
 * A take's notes, kept fresh: loaded once, again when the take changes on the live stream and
 * every so often while the page is visible (notes of other members carry no event of their own),
 * and handed to the drawing board so the overlay shows their drawings.
 */
import type { Note } from '@backlot/contracts';
import { useCallback, useEffect } from 'react';
import { api } from '../../shared/api/client.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
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

/** Members for @-mentions; empty for members whose role does not list the project's members. */
export function useMembers(projectId: string, mayList: boolean) {
  const loaded = useLoad(keys.members.list(projectId), () => api.listMembers({ params: { projectId } }), { enabled: mayList });
  return loaded.data?.members ?? [];
}

/** Top-level notes in frame order (notes on the whole take last), each with its replies in time order. */
export function threadsOf(notes: Note[]): { note: Note; replies: Note[] }[] {
  const tops = notes.filter((n) => !n.parentId);
  tops.sort((a, b) => (a.frame ?? Infinity) - (b.frame ?? Infinity) || a.createdAt.localeCompare(b.createdAt));
  return tops.map((note) => ({ note, replies: notes.filter((n) => n.parentId === note.id).sort((a, b) => a.createdAt.localeCompare(b.createdAt)) }));
}
