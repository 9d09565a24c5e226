/**
 * What a browser in a dailies session shows (the take, its version, the layout and the wipe): the
 * presenter's view while following, else its own. A change made while presenting is posted to the
 * room with where the player is; one made while following someone is a private look. The take on
 * screen rides in the address (?item=), so a shared link opens on it.
 */
import type { DailiesItem, PresenterState } from '@backlot/contracts';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { EMPTY_VIEW, viewOfPresenter, type SessionView } from './session-view.ts';
import type { usePresenter } from './use-presenter.ts';

/** What posting needs of the player on screen. */
export interface PostedPlayer {
  frame(): number;
  motion(): { playing: boolean; speed: number };
}

/** Where the presenter's player is, as posted. */
export interface PlayerAt {
  playing: boolean;
  frame: number;
  rate?: number;
}

export function useSessionView(options: {
  items: DailiesItem[];
  room: ReturnType<typeof usePresenter>;
  presenter: PresenterState | null | undefined;
  /** Whether this browser follows someone else presenting, and whether it presents. */
  followingOther: boolean;
  iPresent: boolean;
  player: () => PostedPlayer | null | undefined;
}) {
  const { items, room, presenter, followingOther, iPresent, player } = options;
  const [search, setSearch] = useSearchParams();
  const [mine, setMine] = useState<SessionView>(() => ({ ...EMPTY_VIEW, itemId: search.get('item') }));
  // The take shown before the current one: X flips back to it.
  const [previousItem, setPreviousItem] = useState<string | null>(null);

  const base: SessionView = followingOther && presenter ? viewOfPresenter(presenter) : mine;
  const view: SessionView = { ...base, itemId: base.itemId && items.some((i) => i.id === base.itemId) ? base.itemId : (items[0]?.id ?? null) };

  /** Posts a view and where the player is (what `at` says, else what the player on screen does). */
  const post = (v: SessionView, at?: PlayerAt) => {
    const p = player();
    const motion = p?.motion() ?? { playing: false, speed: 1 };
    void room.post({
      itemId: v.itemId,
      versionTakeId: v.versionTakeId,
      playing: at?.playing ?? motion.playing,
      frame: Math.max(0, at?.frame ?? p?.frame() ?? 0),
      rate: at?.rate ?? motion.speed,
      layout: v.compareItemId ? v.layout : 'single',
      compareItemId: v.compareItemId && v.layout !== 'single' ? v.compareItemId : null,
      wipe: v.wipe,
    });
  };

  /** Changes what this browser shows: posted when presenting; a private look when following someone. */
  const change = (next: Partial<SessionView>) => {
    const merged = { ...view, ...next };
    const newItem = next.itemId !== undefined && next.itemId !== view.itemId;
    if (newItem) {
      setPreviousItem(view.itemId);
      if (next.versionTakeId === undefined) merged.versionTakeId = null;
    }
    setMine(merged);
    if (merged.itemId) setSearch({ item: merged.itemId }, { replace: true });
    if (followingOther) room.look();
    if (iPresent) post(merged, newItem ? { playing: false, frame: 0 } : undefined);
  };
  /** A private look on what is on screen now (the viewer moved the player themselves while following). */
  const lookHere = () => change({});
  /** Takes the room: this browser's view becomes the presenter's. */
  const present = () => {
    room.snap();
    setMine(view);
    post(view);
  };
  return { view, previousItem, change, lookHere, present, post };
}
