/** Pure rules of a dailies playlist and room: new orders, what the presenter's change means for the log, who counts as present. */
import type { PresenterState } from '@backlot/contracts';
import { fail } from '../errors.ts';

/** How long after their last heartbeat someone still counts as in the room. */
export const PRESENCE_TIMEOUT_MS = 30_000;

/** The order after inserting `added` at `position` (the end when absent or past it). */
export function insertAt(order: readonly string[], added: readonly string[], position?: number): string[] {
  const at = position === undefined ? order.length : Math.min(position, order.length);
  return [...order.slice(0, at), ...added, ...order.slice(at)];
}

/** The order after moving `id` to `position` (past the end means last). */
export function moveTo(order: readonly string[], id: string, position: number): string[] {
  const rest = order.filter((x) => x !== id);
  return insertAt(rest, [id], position);
}

/**
 * Checks a whole new order against the playlist as it is: each item once (400 naming the field),
 * and exactly the items there now (409 `dailies.playlist_stale` when the playlist changed meanwhile).
 */
export function assertReorder(current: readonly string[], proposed: readonly string[]): void {
  const seen = new Set<string>();
  proposed.forEach((id, i) => {
    if (seen.has(id)) fail('request.invalid', `itemIds.${i}: names an item twice; each item goes once`, `itemIds.${i}`);
    seen.add(id);
  });
  const now = new Set(current);
  const unknown = proposed.filter((id) => !now.has(id));
  const missing = current.filter((id) => !seen.has(id));
  if (unknown.length || missing.length) {
    fail(
      'dailies.playlist_stale',
      `itemIds: the playlist changed since you read it (${[unknown.length ? `${unknown.length} not on it now` : '', missing.length ? `${missing.length} added meanwhile` : ''].filter(Boolean).join(', ')}); reload it and order it again.`,
      'itemIds',
    );
  }
}

/** The first duplicate in a list of take ids, with its index. */
export function firstDuplicate(ids: readonly string[]): { id: string; index: number } | undefined {
  const seen = new Set<string>();
  for (let i = 0; i < ids.length; i++) {
    if (seen.has(ids[i])) return { id: ids[i], index: i };
    seen.add(ids[i]);
  }
  return undefined;
}

/** What a presenter's change is worth recording in the room's log: a new take or version, play or pause, a new layout. Scrubbing alone is not. */
export function playedChange(before: PresenterState | null, after: PresenterState): 'switched' | 'played' | 'paused' | 'layout' | null {
  if (!before || before.itemId !== after.itemId || before.versionTakeId !== after.versionTakeId) return after.itemId === null ? null : 'switched';
  if (before.playing !== after.playing) return after.playing ? 'played' : 'paused';
  if (before.layout !== after.layout || before.compareItemId !== after.compareItemId) return 'layout';
  return null;
}

/** The instant before which a last heartbeat no longer counts as present. */
export function presenceCutoff(now: Date): string {
  return new Date(now.getTime() - PRESENCE_TIMEOUT_MS).toISOString();
}
