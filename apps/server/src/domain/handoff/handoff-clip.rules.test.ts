import { describe, expect, it } from 'vitest';
import { hourFrame, markerKind, markersFor, sourceRange, type MarkerNote } from './handoff-clip.rules.ts';

describe('source range', () => {
  it('uses the whole media without marks: frames 0 to 47 are [0, 48)', () => {
    expect(sourceRange({ frames: 48 }, { in: null, out: null })).toEqual({ sourceIn: 0, sourceOut: 48 });
  });
  it('turns inclusive marks into a half-open range: in 10, out 20 → [10, 21)', () => {
    expect(sourceRange({ frames: 48 }, { in: 10, out: 20 })).toEqual({ sourceIn: 10, sourceOut: 21 });
  });
  it('marks on one side only', () => {
    expect(sourceRange({ frames: 48 }, { in: 5, out: null })).toEqual({ sourceIn: 5, sourceOut: 48 });
    expect(sourceRange({ frames: 48 }, { in: null, out: 0 })).toEqual({ sourceIn: 0, sourceOut: 1 });
  });
  it('widens by handles, clamped to the media', () => {
    expect(sourceRange({ frames: 48 }, { in: 10, out: 20 }, 6)).toEqual({ sourceIn: 4, sourceOut: 27 });
    expect(sourceRange({ frames: 48 }, { in: 3, out: 44 }, 6)).toEqual({ sourceIn: 0, sourceOut: 48 });
    expect(sourceRange({ frames: 48 }, { in: null, out: null }, 12)).toEqual({ sourceIn: 0, sourceOut: 48 });
  });
});

const note = (over: Partial<MarkerNote>): MarkerNote => ({
  id: 'n',
  parentId: null,
  authorName: 'Dora',
  body: 'text',
  frame: null,
  frameEnd: null,
  hasDrawing: false,
  visibility: 'internal',
  resolved: false,
  ...over,
});

describe('markers', () => {
  it('gives each note kind its marker kind, resolved first', () => {
    expect(markerKind({ resolved: false, hasDrawing: false, visibility: 'internal' })).toBe('note');
    expect(markerKind({ resolved: false, hasDrawing: false, visibility: 'client' })).toBe('client_note');
    expect(markerKind({ resolved: false, hasDrawing: true, visibility: 'client' })).toBe('drawing');
    expect(markerKind({ resolved: true, hasDrawing: true, visibility: 'internal' })).toBe('resolved');
  });

  it('puts notes at their frames within the clip, in frame order, replies and notes outside left out', () => {
    const notes = [
      note({ id: 'a', frame: 30, body: 'Hold longer', authorName: 'Dora' }),
      note({ id: 'b', frame: 12, frameEnd: 15, visibility: 'client', body: 'Logo on the shutter', authorName: 'Cleo' }),
      note({ id: 'c', parentId: 'a', frame: 30, body: 'Agreed' }),
      note({ id: 'd', frame: 2, body: 'Before the in mark' }),
      note({ id: 'e', frame: 40, body: 'After the out mark' }),
      note({ id: 'f', frame: null, body: 'Whole take', resolved: true, authorName: 'Pablo' }),
      note({ id: 'g', frame: 33, frameEnd: 45, hasDrawing: true, body: 'Circle', authorName: 'Dora' }),
    ];
    expect(markersFor(notes, { sourceIn: 10, sourceOut: 36 })).toEqual([
      { frame: 10, duration: 1, kind: 'resolved', author: 'Pablo', text: 'Whole take', noteId: 'f' },
      { frame: 12, duration: 4, kind: 'client_note', author: 'Cleo', text: 'Logo on the shutter', noteId: 'b' },
      { frame: 30, duration: 1, kind: 'note', author: 'Dora', text: 'Hold longer', noteId: 'a' },
      { frame: 33, duration: 3, kind: 'drawing', author: 'Dora', text: 'Circle', noteId: 'g' },
    ]);
  });
});

describe('the hour a timeline starts at', () => {
  it.each([
    [{ num: 24, den: 1 }, 'ndf', 86400],
    [{ num: 25, den: 1 }, 'ndf', 90000],
    [{ num: 24000, den: 1001 }, 'ndf', 86400],
    [{ num: 30000, den: 1001 }, 'ndf', 108000],
    [{ num: 30000, den: 1001 }, 'df', 107892],
    [{ num: 60000, den: 1001 }, 'df', 215784],
    [{ num: 24, den: 1 }, 'df', 86400],
  ] as const)('%o %s → %i', (rate, count, frame) => {
    expect(hourFrame(rate, count)).toBe(frame);
  });
});
