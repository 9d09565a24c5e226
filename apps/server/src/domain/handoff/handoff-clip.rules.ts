/**
 * How a take becomes a clip of a handoff: its source range from the in/out marks (inclusive frames
 * on the project grid, `review.rules.ts` assertMarks) as a half-open range with handles clamped to
 * the media, its notes as markers, and where the record timecode starts. Pure functions, no I/O.
 */
import { hasDropFrame, nominalRate, type FrameRational, type TimecodeCount } from '@backlot/contracts';
import type { HandoffMarker, HandoffMarkerKind } from './handoff-timeline.ts';

/** The half-open range of media frames a clip uses. */
export interface SourceRange {
  sourceIn: number;
  sourceOut: number;
}

/**
 * The frames a clip uses: from the in mark (or the first frame) to the out mark inclusive (or the
 * last frame), widened by `handles` frames each side but never past the media (0 to `frames`).
 * The answer is half-open: `sourceOut` is the frame after the last used.
 */
export function sourceRange(media: { frames: number }, marks: { in: number | null; out: number | null }, handles = 0): SourceRange {
  const first = marks.in ?? 0;
  const last = marks.out ?? media.frames - 1;
  return { sourceIn: Math.max(0, first - handles), sourceOut: Math.min(media.frames, last + 1 + handles) };
}

/** What a marker needs of a note. */
export interface MarkerNote {
  id: string;
  parentId: string | null;
  authorName: string;
  body: string;
  frame: number | null;
  frameEnd: number | null;
  hasDrawing: boolean;
  visibility: 'internal' | 'client';
  resolved: boolean;
}

/** A note's marker kind: resolved first (whatever it was), then one with a drawing, then a client-visible note, else an internal note. */
export function markerKind(note: Pick<MarkerNote, 'resolved' | 'hasDrawing' | 'visibility'>): HandoffMarkerKind {
  if (note.resolved) return 'resolved';
  if (note.hasDrawing) return 'drawing';
  return note.visibility === 'client' ? 'client_note' : 'note';
}

/**
 * The notes that start a thread, as markers on the media at their frames, in frame order; a note
 * on the whole take sits on the clip's first frame. A note outside the range the clip uses is left
 * out (no NLE shows a marker outside its clip); a range is cut to the clip's end.
 */
export function markersFor(notes: readonly MarkerNote[], range: SourceRange): HandoffMarker[] {
  return notes
    .filter((n) => n.parentId === null)
    .map((n) => {
      const frame = n.frame ?? range.sourceIn;
      const end = Math.min(n.frameEnd ?? frame, range.sourceOut - 1);
      return { frame, duration: Math.max(1, end - frame + 1), kind: markerKind(n), author: n.authorName, text: n.body, noteId: n.id };
    })
    .filter((m) => m.frame >= range.sourceIn && m.frame < range.sourceOut)
    .sort((a, b) => a.frame - b.frame);
}

/**
 * The frame of 01:00:00:00 on the project grid, where editorial timelines start by custom: an
 * hour of nominal frames, less the labels drop-frame skips in that hour (107892 at 29.97 DF).
 */
export function hourFrame(rate: FrameRational, count: TimecodeCount): number {
  const nominal = nominalRate(rate);
  const hour = nominal * 3600;
  if (count !== 'df' || !hasDropFrame(rate)) return hour;
  const drop = nominal / 15;
  return hour - drop * (60 - 6);
}
