import type { Note } from '@backlot/contracts';
import { describe, expect, it } from 'vitest';
import { drawingsAt } from './drawing-board.ts';
import { mentionAt, mentionOf, membersMatching } from './mention-field.tsx';
import { threadsOf } from './use-notes.ts';

const drawing = { width: 320, height: 180, shapes: [{ type: 'box' as const, x: 10, y: 10, w: 50, h: 40, colour: '#ff3b30', width: 2 }] };
function note(over: Partial<Note>): Note {
  return {
    id: 'n',
    takeId: 't',
    parentId: null,
    author: { id: 'a', name: 'Dana Director' },
    body: 'x',
    frame: null,
    frameEnd: null,
    timecode: null,
    drawing: null,
    visibility: 'internal',
    resolved: false,
    resolvedBy: null,
    mentions: [],
    ledTo: [],
    createdAt: '2026-11-27T10:00:00Z',
    updatedAt: '2026-11-27T10:00:00Z',
    ...over,
  };
}

describe('notes beside the player', () => {
  it('shows a drawing on the frame it was drawn on (a range’s first), and on no other', () => {
    const notes = [note({ id: 'one', frame: 12, drawing }), note({ id: 'range', frame: 3, frameEnd: 5, drawing }), note({ id: 'plain', frame: 12 })];
    expect(drawingsAt(notes, 12).map((n) => n.id)).toEqual(['one']);
    expect(drawingsAt(notes, 3).map((n) => n.id)).toEqual(['range']);
    expect(drawingsAt(notes, 4)).toEqual([]);
    expect(drawingsAt(notes, 11)).toEqual([]);
    expect(drawingsAt(notes, 6)).toEqual([]);
  });

  it('orders threads by frame, whole-take notes last, with replies under their note', () => {
    const notes = [note({ id: 'whole' }), note({ id: 'late', frame: 20 }), note({ id: 'reply', parentId: 'late', createdAt: '2026-11-27T11:00:00Z' }), note({ id: 'early', frame: 2 })];
    expect(threadsOf(notes).map((t) => [t.note.id, t.replies.map((r) => r.id)])).toEqual([
      ['early', []],
      ['late', ['reply']],
      ['whole', []],
    ]);
  });

  it('finds the @word being typed at the caret, not a mail address', () => {
    expect(mentionAt('thanks @Da', 10)).toEqual({ start: 7, query: 'Da' });
    expect(mentionAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionAt('mail pat@example.com', 20)).toBeUndefined();
    expect(mentionAt('@Dana done', 10)).toBeUndefined();
  });

  it('lists the members whose name or a word of it starts with what follows the @, and writes a name of several words in quotes', () => {
    const member = (name: string, role: 'owner' | 'director' | 'viewer') => ({
      accountId: name,
      name,
      email: `${name.split(' ')[0].toLowerCase()}@example.com`,
      role,
      joinedAt: '2026-11-27T10:00:00Z',
    });
    const members = [member('Pat Producer', 'owner'), member('Dana Director', 'director'), member('Cleo Client', 'viewer')];
    expect(membersMatching(members, 'd').map((m) => m.name)).toEqual(['Dana Director']);
    expect(membersMatching(members, 'cli').map((m) => m.name)).toEqual(['Cleo Client']);
    expect(membersMatching(members, '').map((m) => m.name)).toEqual(['Pat Producer', 'Dana Director', 'Cleo Client']);
    expect(membersMatching(members, 'x')).toEqual([]);
    expect(mentionOf(members[1])).toBe('@"Dana Director"');
    expect(mentionOf(member('Cleo', 'viewer'))).toBe('@Cleo');
  });
});
