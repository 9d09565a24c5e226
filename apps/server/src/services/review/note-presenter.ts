/** The wire shape of a note: its frame or range as timecode in the project's mode, and the takes it led to that the reader may see. */
import type { Note } from '@backlot/contracts';
import type { Rational } from '../../domain/project/project.rules.ts';
import { frameRangeTimecode, type TimecodeMode } from '../../domain/timecode/timecode.ts';
import type { NoteRecord } from '../../ports/note-store.ts';

/** The project's frame grid, for timecode. */
export interface NoteGrid {
  rate: Rational;
  mode: TimecodeMode;
}

export function presentNote(n: NoteRecord, grid: NoteGrid, ledTo: Note['ledTo']): Note {
  return {
    id: n.id,
    takeId: n.takeId,
    parentId: n.parentId,
    author: { id: n.authorId, name: n.authorName },
    body: n.body,
    frame: n.frame,
    frameEnd: n.frameEnd,
    timecode: frameRangeTimecode(n.frame, n.frameEnd, grid.rate, grid.mode),
    drawing: n.drawing,
    visibility: n.visibility,
    resolved: n.resolvedAt !== null,
    resolvedBy: n.resolvedBy,
    mentions: n.mentions,
    ledTo,
    createdAt: n.createdAt,
    updatedAt: n.updatedAt,
  };
}
