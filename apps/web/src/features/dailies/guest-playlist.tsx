/** A guest's playlist: the session's takes in order, each opened on click or Enter. */
import type { GuestDailies } from '@backlot/contracts';
import { ReviewBadge } from '../../shared/production/take-status.tsx';

export function GuestPlaylist({ items, currentItemId, onOpen }: { items: GuestDailies['items']; currentItemId: string | undefined; onOpen: (itemId: string) => void }) {
  return (
    <ol className="dailies-playlist" aria-label="Playlist">
      {items.map((i, n) => (
        // biome-ignore lint/a11y/noNoninteractiveElementInteractions: an item of the playlist that opens on click or Enter, as in the session's own playlist; it stays a listitem so the playlist reads as takes in order
        <li
          key={i.id}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: Enter opens the focused item (see above)
          tabIndex={0}
          className={i.id === currentItemId ? 'dailies-item dailies-item-current' : 'dailies-item'}
          aria-current={i.id === currentItemId ? 'true' : undefined}
          aria-label={`${n + 1}. ${i.take.shotCode} ${i.take.code}`}
          onClick={() => onOpen(i.id)}
          onKeyDown={(e) => e.key === 'Enter' && onOpen(i.id)}
        >
          <span className="dailies-item-n mono faint">{n + 1}</span>
          <span className="dailies-item-poster">{i.take.media ? <img src={i.take.media.poster} alt="" loading="lazy" /> : null}</span>
          <span className="dailies-item-code mono">
            {i.take.shotCode} {i.take.code}
          </span>
          <ReviewBadge review={i.take.review} />
        </li>
      ))}
    </ol>
  );
}
