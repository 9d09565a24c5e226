import { describe, expect, it } from 'vitest';
import type { NoteRecord } from '../../ports/note-store.ts';
import { presentNote } from './note-presenter.ts';

const record = (frame: number | null, frameEnd: number | null = null): NoteRecord => ({
  id: 'n1',
  projectId: 'p1',
  takeId: 't1',
  parentId: null,
  authorId: 'a1',
  authorName: 'Dora Keller',
  body: 'Half open here',
  frame,
  frameEnd,
  drawing: null,
  visibility: 'internal',
  mentions: [],
  resolvedAt: null,
  resolvedBy: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

describe('a note on the wire', () => {
  it.each<[string, number, number, 'ndf' | 'df', number, number | null, string | null]>([
    ['24 fps', 24, 1, 'ndf', 12, null, '00:00:00:12'],
    ['23.976 counting at 24', 24000, 1001, 'ndf', 1440, null, '00:01:00:00'],
    ['29.97 drop-frame, past the first minute', 30000, 1001, 'df', 1800, null, '00:01:00;02'],
    ['29.97 non-drop-frame', 30000, 1001, 'ndf', 1800, null, '00:01:00:00'],
    ['a drop-frame range across a minute', 30000, 1001, 'df', 1799, 1800, '00:00:59;29–00:01:00;02'],
    ['the whole take', 25, 1, 'ndf', -1, null, null],
  ])('shows its timecode in the project mode: %s', (_, num, den, mode, frame, frameEnd, timecode) => {
    const n = presentNote(record(frame < 0 ? null : frame, frameEnd), { rate: { num, den }, mode }, []);
    expect(n.timecode).toBe(timecode);
  });

  it('says who wrote it, whether it is resolved and by whom, and the takes it led to', () => {
    const n = presentNote({ ...record(3), resolvedAt: '2026-01-02T00:00:00.000Z', resolvedBy: 'Olga' }, { rate: { num: 24, den: 1 }, mode: 'ndf' }, [{ id: 't9', code: 'TK009' }]);
    expect(n).toMatchObject({ author: { id: 'a1', name: 'Dora Keller' }, resolved: true, resolvedBy: 'Olga', ledTo: [{ id: 't9', code: 'TK009' }] });
  });
});
