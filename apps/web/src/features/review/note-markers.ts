/** The take's notes pinned to frames, as markers for the player's timeline, kept fresh on the take's drawing board (a note just added is marked at once). */
import type { PlayerNote } from '../../shared/ui/player/player.tsx';
import { useBoard } from './drawing-board.ts';

export function useNoteMarkers(takeId: string): PlayerNote[] {
  const board = useBoard(takeId);
  return board.notes.filter((n) => n.frame !== null && n.parentId === null).map((n) => ({ id: n.id, frame: n.frame!, frameEnd: n.frameEnd, label: n.body.split('\n')[0] }));
}
