/**
 * The session's playlist beside the picture: each take with its poster, code and review state,
 * the one on screen marked (and the one compared with). Click or Enter plays a take; those who run
 * the session reorder by dragging or with Alt+↑/↓ on the focused take, and take one off with
 * Delete (or its × button).
 */
import type { DailiesItem } from '@backlot/contracts';
import type { KeyboardEvent } from 'react';
import { dropOrder, stepOrder, useDragReorder } from '../../shared/lib/reorder.ts';
import { ReviewBadge } from '../../shared/production/take-status.tsx';

export interface PlaylistProps {
  items: DailiesItem[];
  currentItemId: string | null;
  compareItemId: string | null;
  editable: boolean;
  onOpen: (itemId: string) => void;
  onReorder: (itemIds: string[]) => void;
  onRemove: (item: DailiesItem) => void;
}

export function Playlist({ items, currentItemId, compareItemId, editable, onOpen, onReorder, onRemove }: PlaylistProps) {
  const ids = items.map((i) => i.id);
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
    <ol className="dailies-playlist" aria-label="Playlist">
      {items.map((item, i) => {
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
    </ol>
  );
}
