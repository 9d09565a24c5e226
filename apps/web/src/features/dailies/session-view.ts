/** What a session page shows, as pure rules: the view (take, version, layout) of the presenter or of a private look, and moving along the playlist. */
import type { DailiesItem, PresenterState } from '@backlot/contracts';

export type Layout = PresenterState['layout'];

export interface SessionView {
  itemId: string | null;
  versionTakeId: string | null;
  layout: Layout;
  compareItemId: string | null;
  /** 0..1 of the width. */
  wipe: number;
}

export const EMPTY_VIEW: SessionView = { itemId: null, versionTakeId: null, layout: 'single', compareItemId: null, wipe: 0.5 };

export function viewOfPresenter(s: PresenterState): SessionView {
  return { itemId: s.itemId, versionTakeId: s.versionTakeId, layout: s.layout, compareItemId: s.compareItemId, wipe: s.wipe };
}

/** The item `by` steps from `itemId` (the first when none), or null past either end. */
export function stepItem(items: DailiesItem[], itemId: string | null, by: -1 | 1): string | null {
  if (items.length === 0) return null;
  const at = items.findIndex((i) => i.id === itemId);
  if (at < 0) return items[0].id;
  return items[at + by]?.id ?? null;
}

/** The next layout under C: one take → side by side → wipe → one take; the compare needs another item. */
export function nextLayout(layout: Layout): Layout {
  return layout === 'single' ? 'side_by_side' : layout === 'side_by_side' ? 'wipe' : 'single';
}
