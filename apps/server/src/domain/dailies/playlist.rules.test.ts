import type { PresenterState } from '@backlot/contracts';
import { describe, expect, it } from 'vitest';
import type { DomainError } from '../errors.ts';
import { assertReorder, firstDuplicate, insertAt, moveTo, playedChange, presenceCutoff } from './playlist.rules.ts';

describe('playlist orders', () => {
  it('inserts at a position, at the end when none or past it', () => {
    expect(insertAt(['a', 'b', 'c'], ['x', 'y'], 1)).toEqual(['a', 'x', 'y', 'b', 'c']);
    expect(insertAt(['a', 'b'], ['x'])).toEqual(['a', 'b', 'x']);
    expect(insertAt(['a', 'b'], ['x'], 10)).toEqual(['a', 'b', 'x']);
    expect(insertAt([], ['x'], 0)).toEqual(['x']);
  });

  it('moves one item to a position, past the end meaning last', () => {
    expect(moveTo(['a', 'b', 'c', 'd'], 'd', 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(moveTo(['a', 'b', 'c', 'd'], 'a', 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(moveTo(['a', 'b', 'c'], 'a', 99)).toEqual(['b', 'c', 'a']);
    expect(moveTo(['a', 'b', 'c'], 'b', 1)).toEqual(['a', 'b', 'c']);
  });

  it('accepts a whole new order of exactly the items there, each once', () => {
    expect(() => assertReorder(['a', 'b', 'c'], ['c', 'a', 'b'])).not.toThrow();
    const twice = (() => {
      try {
        assertReorder(['a', 'b', 'c'], ['a', 'b', 'a']);
      } catch (e) {
        return e as DomainError;
      }
    })();
    expect([twice?.code, twice?.field]).toEqual(['request.invalid', 'itemIds.2']);
    for (const stale of [
      ['a', 'b'],
      ['a', 'b', 'c', 'd'],
      ['a', 'b', 'z'],
    ]) {
      expect(() => assertReorder(['a', 'b', 'c'], stale)).toThrow(expect.objectContaining({ code: 'dailies.playlist_stale', field: 'itemIds' }));
    }
  });

  it('finds the first duplicate take', () => {
    expect(firstDuplicate(['a', 'b', 'a', 'b'])).toEqual({ id: 'a', index: 2 });
    expect(firstDuplicate(['a', 'b'])).toBeUndefined();
  });
});

describe('what the room log keeps of the presenter', () => {
  const state = (over: Partial<PresenterState>): PresenterState => ({
    sessionId: 's',
    seq: 1,
    presenter: { id: 'p', name: 'Dora' },
    itemId: 'i1',
    takeId: 't1',
    versionTakeId: null,
    playing: false,
    frame: 0,
    rate: 1,
    layout: 'single',
    compareItemId: null,
    wipe: 0.5,
    at: '2026-03-01T00:00:00.000Z',
    ...over,
  });

  it('records a new take or version, play and pause, a new layout; never a scrub alone', () => {
    expect(playedChange(null, state({}))).toBe('switched');
    expect(playedChange(state({}), state({ itemId: 'i2' }))).toBe('switched');
    expect(playedChange(state({}), state({ versionTakeId: 't9' }))).toBe('switched');
    expect(playedChange(state({}), state({ playing: true }))).toBe('played');
    expect(playedChange(state({ playing: true }), state({ playing: false, frame: 40 }))).toBe('paused');
    expect(playedChange(state({}), state({ layout: 'wipe', compareItemId: 'i2' }))).toBe('layout');
    expect(playedChange(state({ playing: true }), state({ playing: true, frame: 33 }))).toBeNull();
    expect(playedChange(state({}), state({ itemId: null }))).toBeNull();
  });

  it('counts someone present for 30 s after their last heartbeat', () => {
    expect(presenceCutoff(new Date('2026-03-01T10:00:30.000Z'))).toBe('2026-03-01T10:00:00.000Z');
  });
});
