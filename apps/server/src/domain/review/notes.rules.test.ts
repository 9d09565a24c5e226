import { describe, expect, it } from 'vitest';
import type { Drawing, Role } from '@backlot/contracts';
import { DomainError } from '../errors.ts';
import { checkNoteAnchor, checkReplyAnchor, mayEditBody, mayResolve, mayWriteVisibility, noteVisibleTo, orderThreads, parseMentions, threadRootId, type NoteAnchor } from './notes.rules.ts';

const canvas = { frames: 48, width: 320, height: 180 };
const drawing = (width = 320, height = 180): Drawing => ({ width, height, shapes: [{ type: 'box', x: 10, y: 10, w: 50, h: 30, colour: '#ff3b30', width: 2 }] });
const anchor = (a: Partial<NoteAnchor>): NoteAnchor => ({ frame: null, frameEnd: null, drawing: null, ...a });

function fieldOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return (e as DomainError).field;
  }
  throw new Error('expected a refusal');
}

describe('where a note sits', () => {
  it.each<[string, Partial<NoteAnchor>]>([
    ['the whole take', {}],
    ['the first frame', { frame: 0 }],
    ['the last frame', { frame: 47 }],
    ['a range', { frame: 12, frameEnd: 30 }],
    ['a one-frame range', { frame: 12, frameEnd: 12 }],
    ['a range to the last frame', { frame: 0, frameEnd: 47 }],
    ['a frame with a drawing', { frame: 12, drawing: drawing() }],
    ['a range with a drawing on its first frame', { frame: 12, frameEnd: 20, drawing: drawing() }],
  ])('accepts %s', (_, a) => {
    expect(() => checkNoteAnchor(anchor(a), canvas)).not.toThrow();
  });

  it.each<[string, Partial<NoteAnchor>, string]>([
    ['a frame past the end', { frame: 48 }, 'frame'],
    ['a range ending before it starts', { frame: 12, frameEnd: 11 }, 'frameEnd'],
    ['a range past the end', { frame: 12, frameEnd: 48 }, 'frameEnd'],
    ['a range without its first frame', { frameEnd: 12 }, 'frameEnd'],
    ['a drawing without a frame', { drawing: drawing() }, 'drawing'],
    ['a drawing of another size', { frame: 12, drawing: drawing(1920, 1080) }, 'drawing'],
    ['a drawing one pixel off', { frame: 12, drawing: drawing(320, 181) }, 'drawing'],
  ])('refuses %s, naming the field', (_, a, field) => {
    expect(fieldOf(() => checkNoteAnchor(anchor(a), canvas))).toBe(field);
  });

  it('takes notes on a take without a picture only on the whole take', () => {
    expect(() => checkNoteAnchor(anchor({}), null)).not.toThrow();
    expect(fieldOf(() => checkNoteAnchor(anchor({ frame: 0 }), null))).toBe('frame');
  });

  it('gives a reply no frame, range or drawing of its own', () => {
    expect(() => checkReplyAnchor(anchor({}))).not.toThrow();
    expect(fieldOf(() => checkReplyAnchor(anchor({ frame: 3 })))).toBe('frame');
    expect(fieldOf(() => checkReplyAnchor(anchor({ frameEnd: 3 })))).toBe('frameEnd');
    expect(fieldOf(() => checkReplyAnchor(anchor({ drawing: drawing() })))).toBe('drawing');
  });

  it('puts a reply to a reply in the same thread', () => {
    expect(threadRootId({ id: 'n1', parentId: null })).toBe('n1');
    expect(threadRootId({ id: 'r1', parentId: 'n1' })).toBe('n1');
  });
});

describe('who sees and writes which notes', () => {
  const crew: Role[] = ['owner', 'producer', 'director', 'editor'];

  it.each(crew)('a %s sees and writes internal and client-visible notes', (role) => {
    expect(noteVisibleTo(role, { visibility: 'internal' })).toBe(true);
    expect(noteVisibleTo(role, { visibility: 'client' })).toBe(true);
    expect(mayWriteVisibility(role, 'internal')).toBe(true);
    expect(mayWriteVisibility(role, 'client')).toBe(true);
  });

  it('a viewer sees and writes client-visible notes only', () => {
    expect(noteVisibleTo('viewer', { visibility: 'internal' })).toBe(false);
    expect(noteVisibleTo('viewer', { visibility: 'client' })).toBe(true);
    expect(mayWriteVisibility('viewer', 'internal')).toBe(false);
    expect(mayWriteVisibility('viewer', 'client')).toBe(true);
  });

  it('a reply is seen with its thread', () => {
    expect(noteVisibleTo('viewer', { visibility: 'client' }, { visibility: 'internal' })).toBe(false);
    expect(noteVisibleTo('viewer', { visibility: 'internal' }, { visibility: 'client' })).toBe(true);
  });

  it('only the author edits the words', () => {
    expect(mayEditBody('a1', { authorId: 'a1' })).toBe(true);
    expect(mayEditBody('a2', { authorId: 'a1' })).toBe(false);
    expect(mayEditBody('a1', { authorId: null })).toBe(false);
  });

  // DESIGN.md §8, "resolve / reopen notes": owner, producer, director any note; editor and viewer their own.
  it.each<[Role, boolean, boolean]>([
    ['owner', true, true],
    ['producer', true, true],
    ['director', true, true],
    ['editor', true, false],
    ['viewer', true, false],
  ])('a %s resolves their own note: %s; another member’s: %s', (role, own, others) => {
    expect(mayResolve(role, 'a1', { authorId: 'a1' })).toBe(own);
    expect(mayResolve(role, 'a1', { authorId: 'a2' })).toBe(others);
  });

  it('a note whose author left (no account) is resolved only by those who resolve any note', () => {
    expect(mayResolve('director', 'a1', { authorId: null })).toBe(true);
    expect(mayResolve('editor', 'a1', { authorId: null })).toBe(false);
  });
});

describe('threads in the order of the picture', () => {
  it('orders notes by frame, whole-take notes last, each followed by its replies', () => {
    const n = (id: string, frame: number | null, createdAt: string, parentId: string | null = null) => ({ id, frame, createdAt, parentId });
    const notes = [
      n('whole', null, '2026-01-01T10:00:00Z'),
      n('at30', 30, '2026-01-01T09:00:00Z'),
      n('r2', null, '2026-01-01T12:00:00Z', 'at12'),
      n('at12b', 12, '2026-01-01T11:00:00Z'),
      n('at12', 12, '2026-01-01T08:00:00Z'),
      n('r1', null, '2026-01-01T09:30:00Z', 'at12'),
      n('orphan', null, '2026-01-01T09:30:00Z', 'hidden'),
    ];
    expect(orderThreads(notes).map((x) => x.id)).toEqual(['at12', 'r1', 'r2', 'at12b', 'at30', 'whole']);
  });
});

describe('@-mentions', () => {
  const members = [
    { id: 'm1', name: 'Dora Keller' },
    { id: 'm2', name: 'Eddie Moss' },
    { id: 'm3', name: 'Olga' },
    { id: 'm4', name: 'Sam Reed' },
    { id: 'm5', name: 'Sam Ortiz' },
    { id: 'm6', name: 'Zoë Brandt' },
  ];
  const ids = (body: string) => parseMentions(body, members).map((m) => m.id);

  it.each<[string, string[]]>([
    ['@Dora the shutter is late', ['m1']],
    ['@dora and @EDDIE please look', ['m1', 'm2']],
    ['@"Dora Keller" see frame 12', ['m1']],
    ['@"dora keller", again @Dora', ['m1']],
    ['ask @Olga.', ['m3']],
    ["@Dora's cut is longer", ['m1']],
    ['(@Eddie) trim it', ['m2']],
    ['@Zoë look', ['m6']],
    ['@Sam which one?', []],
    ['@"Sam Reed" this one', ['m4']],
    ['@Nobody here', []],
    ['mail dora@example.com', []],
    ['@ Dora with a space', []],
    ['@"Dora" is only her first name', []],
  ])('%j mentions %j', (body, expected) => {
    expect(ids(body)).toEqual(expected);
  });

  it('returns the members with their names', () => {
    expect(parseMentions('@eddie', members)).toEqual([{ id: 'm2', name: 'Eddie Moss' }]);
  });
});
