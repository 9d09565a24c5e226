/**
 * The session's playlist beside the picture: each take with its poster, code and review state,
 * the one on screen marked (and the one compared with). Click or Enter plays a take; those who run
 * the session reorder by dragging or with Alt+↑/↓ on the focused take, and take one off with
 * Delete (or its × button). A long playlist (a week's dailies can hold thousands of takes) keeps
 * only the rows in its scroll box, and a few either side, in the page: the rest are empty space of
 * the same height, so the scroll bar still tells where one is, and the take on screen is scrolled to.
 */
import type { DailiesItem } from '@backlot/contracts';
import { type KeyboardEvent, useCallback, useLayoutEffect, useRef, useState } from 'react';
import { dropOrder, stepOrder, useDragReorder } from '../../shared/lib/reorder.ts';
import { ReviewBadge } from '../../shared/production/take-status.tsx';
import { rowsInView, scrollToShow } from './playlist-window.ts';

export interface PlaylistProps {
  items: DailiesItem[];
  currentItemId: string | null;
  compareItemId: string | null;
  editable: boolean;
  onOpen: (itemId: string) => void;
  onReorder: (itemIds: string[]) => void;
  onRemove: (item: DailiesItem) => void;
}

/** Playlists longer than this keep only the rows near the visible ones in the page. */
const WINDOW_FROM = 200;
/** Rows kept above and below those in view. */
const OVERSCAN = 12;

/** The rows of a long list to draw: those in its scroll box and a few either side, from its scroll position and the rows' height. */
function useWindow(count: number, on: boolean) {
  const box = useRef<HTMLOListElement>(null);
  const [rowHeight, setRowHeight] = useState(40);
  const [range, setRange] = useState({ first: 0, last: 60 });
  const place = useCallback(() => {
    const el = box.current;
    if (!el || !on) return;
    const next = rowsInView(el, rowHeight, count, OVERSCAN);
    setRange((r) => (r.first === next.first && r.last === next.last ? r : next));
  }, [count, on, rowHeight]);
  // The height of a drawn row (the first one after the spacer), measured once drawn; a change moves the window.
  useLayoutEffect(() => {
    const row = box.current?.querySelector<HTMLElement>('.dailies-item');
    if (on && row && row.offsetHeight > 0 && row.offsetHeight !== rowHeight) setRowHeight(row.offsetHeight);
    place();
  });
  /** Scrolls a row into the box when it is not in view. */
  const reveal = useCallback(
    (index: number) => {
      const el = box.current;
      if (!el || !on || index < 0) return;
      el.scrollTop = scrollToShow(el, rowHeight, index);
      place();
    },
    [on, rowHeight, place],
  );
  return { box, place, reveal, first: on ? range.first : 0, last: on ? range.last : count, rowHeight };
}

export function Playlist({ items, currentItemId, compareItemId, editable, onOpen, onReorder, onRemove }: PlaylistProps) {
  const ids = items.map((i) => i.id);
  const win = useWindow(items.length, items.length > WINDOW_FROM);
  const currentIndex = currentItemId ? ids.indexOf(currentItemId) : -1;
  const { reveal } = win;
  // The take on screen stays in view when the presenter moves on (a long playlist draws only what is near).
  useLayoutEffect(() => reveal(currentIndex), [currentIndex, reveal]);
  const drag = useDragReorder((dragged, target) => {
    const next = dropOrder(ids, dragged, target.id, target.after);
    if (next) onReorder(next);
  });
  const onKey = (e: KeyboardEvent<HTMLLIElement>, item: DailiesItem) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      onOpen(item.id);
      return;
    }
    if (!editable) return;
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      e.stopPropagation();
      const next = stepOrder(ids, item.id, e.key === 'ArrowUp' ? -1 : 1);
      if (next) onReorder(next);
      // Focus stays on the moved take once it is drawn at its new place.
      requestAnimationFrame(() => (document.querySelector(`[data-item-id="${item.id}"]`) as HTMLElement | null)?.focus());
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      onRemove(item);
    }
  };
  if (items.length === 0) return <p className="muted small">The playlist is empty{editable ? ': add takes to it.' : '.'}</p>;
  return (
    <ol className="dailies-playlist" aria-label="Playlist" ref={win.box} onScroll={win.place}>
      {win.first > 0 && <li aria-hidden="true" className="dailies-spacer" style={{ height: win.first * win.rowHeight }} />}
      {items.slice(win.first, win.last).map((item, at) => {
        const i = win.first + at;
        const t = item.take;
        const current = item.id === currentItemId;
        return (
          // biome-ignore lint/a11y/noNoninteractiveElementInteractions: a focusable item of the playlist (Enter opens it; for those who run the session Alt+↑/↓ moves it, Delete removes it, drag reorders); it stays a listitem so the playlist reads as takes in order
          <li
            key={item.id}
            data-item-id={item.id}
            // biome-ignore lint/a11y/noNoninteractiveTabindex: the playlist's keys work on the focused item (see above)
            tabIndex={0}
            aria-current={current ? 'true' : undefined}
            aria-label={`${i + 1}. ${t.shotCode} ${t.code}`}
            className={['dailies-item', current ? 'dailies-item-current' : '', item.id === compareItemId ? 'dailies-item-compare' : '', drag.dropClass(item.id)].filter(Boolean).join(' ')}
            onClick={() => onOpen(item.id)}
            onKeyDown={(e) => onKey(e, item)}
            {...drag.handlers(item.id, 'playlist', editable)}
          >
            <span className="dailies-item-n mono faint">{i + 1}</span>
            <span className="dailies-item-poster">{t.media ? <img src={t.media.poster} alt="" loading="lazy" /> : null}</span>
            <span className="dailies-item-code mono">
              {t.shotCode} {t.code}
            </span>
            <ReviewBadge review={t.review} />
            {editable && (
              <button
                type="button"
                className="dailies-item-remove"
                aria-label={`Remove ${t.shotCode} ${t.code} from the playlist`}
                title="Remove from the playlist (Delete)"
                onClick={(e) => {
                  e.stopPropagation();
                  onRemove(item);
                }}
              >
                ×
              </button>
            )}
          </li>
        );
      })}
      {win.last < items.length && <li aria-hidden="true" className="dailies-spacer" style={{ height: (items.length - win.last) * win.rowHeight }} />}
    </ol>
  );
}
