/**
 * A take search's words and its page cursor. Words are letters and digits only, so nothing a
 * member types can reach the full-text query languages (FTS5's quotes, stars, NEAR and columns;
 * tsquery's operators); a cursor is the sort and the last take's key, opaque to clients.
 */
import { fail } from '../errors.ts';

/** The most words a search uses, and the longest word. */
export const SEARCH_LIMITS = { words: 12, wordLength: 64 };

/** The plain words of a search, lower-cased, in order, each once; none when it holds no letter or digit. */
export function searchWords(q: string | undefined): string[] {
  if (!q) return [];
  const words =
    q
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.map((w) => w.slice(0, SEARCH_LIMITS.wordLength)))].slice(0, SEARCH_LIMITS.words);
}

export type SortName = 'scene' | 'newest' | 'oldest' | 'cost';

/** What each sort's key holds, in order (the last part makes it unique). */
const KEY_SHAPES: Record<SortName, ('number' | 'string')[]> = {
  scene: ['number', 'number', 'string', 'number'],
  newest: ['string', 'string'],
  oldest: ['string', 'string'],
  cost: ['number', 'string'],
};

/** The cursor for the page after the take with this key. */
export function encodeCursor(sort: SortName, key: (string | number)[]): string {
  return Buffer.from(JSON.stringify({ s: sort, k: key }), 'utf8').toString('base64url');
}

/** The key a cursor carries, if it was made for this sort; a 400 naming `cursor` otherwise. */
export function decodeCursor(cursor: string, sort: SortName): (string | number)[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    fail('request.invalid', 'cursor: is not a cursor this list gave', 'cursor');
  }
  const shape = KEY_SHAPES[sort];
  const p = parsed as { s?: unknown; k?: unknown } | null;
  if (!p || typeof p !== 'object' || !Array.isArray(p.k) || p.k.length !== shape.length) fail('request.invalid', 'cursor: is not a cursor this list gave', 'cursor');
  if (p.s !== sort) fail('request.invalid', `cursor: was made for another sort (${String(p.s)}); start again without it`, 'cursor');
  const key = p.k as unknown[];
  const fits = key.every((v, i) => (shape[i] === 'number' ? Number.isSafeInteger(v) : typeof v === 'string' && v.length <= 200));
  if (!fits) fail('request.invalid', 'cursor: is not a cursor this list gave', 'cursor');
  return key as (string | number)[];
}
