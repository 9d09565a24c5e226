/**
 * What the notes panel and the drawing overlay over the video share for one take: the notes (so
 * the overlay shows the drawings at the current frame), the tool in hand and the drawing being
 * made. A small store keyed by take, so the two can be mounted apart (beside and over the player).
 */
import type { Note, Shape } from '@backlot/contracts';
import { useSyncExternalStore } from 'react';

export type Tool = Shape['type'];

export interface Board {
  notes: Note[];
  /** The tool in hand; null while not drawing (the overlay then lets clicks through to the video). */
  tool: Tool | null;
  colour: string;
  width: number;
  /** Shapes of the note being written, in the frame's coordinates. */
  draft: Shape[];
  /** The frame the note being written is drawn on; its shapes show on that frame only. */
  draftFrame: number | null;
}

/** Colours that read on any picture, first the one most review tools start with. */
export const COLOURS = ['#ff3b30', '#ffcc00', '#34c759', '#0a84ff', '#ffffff'] as const;

const EMPTY: Board = { notes: [], tool: null, colour: COLOURS[0], width: 4, draft: [], draftFrame: null };
const boards = new Map<string, Board>();
const listeners = new Map<string, Set<() => void>>();

export function readBoard(takeId: string): Board {
  return boards.get(takeId) ?? EMPTY;
}

export function updateBoard(takeId: string, change: Partial<Board> | ((b: Board) => Partial<Board>)) {
  const before = readBoard(takeId);
  boards.set(takeId, { ...before, ...(typeof change === 'function' ? change(before) : change) });
  listeners.get(takeId)?.forEach((l) => l());
}

/** The board of a take, re-rendering when it changes. */
export function useBoard(takeId: string): Board {
  return useSyncExternalStore(
    (listener) => {
      const set = listeners.get(takeId) ?? new Set();
      set.add(listener);
      listeners.set(takeId, set);
      return () => set.delete(listener);
    },
    () => readBoard(takeId),
  );
}

/**
 * Notes with a drawing on `frame`. A drawing is made on one picture, its note's frame (the first of
 * a range), and shows there only: on other frames the picture has moved. Replies have no frame of their own.
 */
export function drawingsAt(notes: Note[], frame: number): Note[] {
  return notes.filter((n) => n.drawing && n.frame === frame);
}
