import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { decodeCursor, encodeCursor, searchWords } from './take-search.rules.ts';

describe('search words', () => {
  it('keeps letters and digits only, lower-cased, each word once', () => {
    expect(searchWords('Neon  RAIN, 35mm neon')).toEqual(['neon', 'rain', '35mm']);
    expect(searchWords('"rain" OR NEAR(a b) -fog* col:umn')).toEqual(['rain', 'or', 'near', 'a', 'b', 'fog', 'col', 'umn']);
    expect(searchWords('Café déjà-vu')).toEqual(['café', 'déjà', 'vu']);
  });
  it('finds no word in punctuation or nothing', () => {
    expect(searchWords('"*-:()\'')).toEqual([]);
    expect(searchWords(undefined)).toEqual([]);
  });
});

describe('cursor', () => {
  it('gives back the key for the same sort', () => {
    expect(decodeCursor(encodeCursor('scene', [1, 2, 'shot', 3]), 'scene')).toEqual([1, 2, 'shot', 3]);
  });
  it('refuses a cursor for another sort, a key of the wrong shape, and garbage, naming cursor', () => {
    for (const [c, sort] of [
      [encodeCursor('newest', ['2026-01-01T00:00:00.000Z', 'x']), 'oldest'],
      [encodeCursor('cost', ['dear', 'x']), 'cost'],
      [encodeCursor('scene', [1, 2, 'shot']), 'scene'],
      ['not a cursor!!', 'newest'],
      [Buffer.from('null').toString('base64url'), 'newest'],
    ] as const) {
      try {
        decodeCursor(c, sort);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(DomainError);
        expect((e as DomainError).field).toBe('cursor');
      }
    }
  });
});
