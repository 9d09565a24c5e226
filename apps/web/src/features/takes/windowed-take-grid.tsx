/**
 * The project's takes as a grid that stays quick however many are loaded: only the rows on screen
 * (and a few either side) are in the page; the rows above and below are empty space of the same
 * height, so the scroll bar tells where one is. The row height and the number of columns are
 * measured from the rows shown (the columns are the CSS grid's own). Near the end of what is
 * loaded, it asks for the next page. Posters load lazily, as on every card.
 */
import type { Take } from '@backlot/contracts';
import { forwardRef, useCallback, useEffect, useImperativeHandle, useLayoutEffect, useRef, useState } from 'react';
import { TakeCard } from './take-card.tsx';

/** Rows kept in the page above and below those on screen. */
const OVERSCAN_ROWS = 3;

export interface WindowedTakeGridProps {
  projectId: string;
  takes: Take[];
  /** How many takes match in all (loaded or not), for each card's place in the set. */
  total: number;
  /** The prompt search, to mark on each card. */
  search?: string;
  /** Asked when the rows shown come near the end of what is loaded (again once no longer busy). */
  onNearEnd?: () => void;
  busy?: boolean;
}

interface Layout {
  columns: number;
  /** A row's height with the gap under it, in pixels. */
  rowHeight: number;
}

export const WindowedTakeGrid = forwardRef<HTMLUListElement, WindowedTakeGridProps>(function WindowedTakeGrid({ projectId, takes, total, search, onNearEnd, busy }, ref) {
  const list = useRef<HTMLUListElement>(null);
  useImperativeHandle(ref, () => list.current!, []);
  const [layout, setLayout] = useState<Layout>({ columns: 4, rowHeight: 320 });
  const [rows, setRows] = useState({ first: 0, last: 5 });
  const rowCount = Math.ceil(takes.length / layout.columns);

  /** The rows on screen now, from where the grid sits in the window. */
  const place = useCallback(() => {
    const el = list.current;
    if (!el) return;
    const top = el.getBoundingClientRect().top;
    const first = Math.max(0, Math.floor(-top / layout.rowHeight) - OVERSCAN_ROWS);
    const last = Math.max(first, Math.ceil((window.innerHeight - top) / layout.rowHeight) + OVERSCAN_ROWS);
    setRows((r) => (r.first === first && r.last === last ? r : { first, last }));
  }, [layout.rowHeight]);

  // Measures the columns (the CSS grid's) and the rows' height after each render; a change moves the window.
  // Rows differ a little (an error line, a prompt): the height only grows after the first measure, so the window settles.
  const measured = useRef(false);
  useLayoutEffect(() => {
    const el = list.current;
    if (!el) return;
    const style = getComputedStyle(el);
    const columns = Math.max(1, style.gridTemplateColumns.split(' ').filter(Boolean).length);
    const shownRows = Math.ceil(el.children.length / columns);
    const gap = parseFloat(style.rowGap) || 0;
    const inner = el.clientHeight - (parseFloat(style.paddingTop) || 0) - (parseFloat(style.paddingBottom) || 0);
    if (shownRows === 0) return;
    const rowHeight = Math.max(40, Math.round((inner + gap) / shownRows));
    const fresh = !measured.current || columns !== layout.columns;
    measured.current = true;
    if (fresh ? columns !== layout.columns || rowHeight !== layout.rowHeight : rowHeight > layout.rowHeight + 1) setLayout({ columns, rowHeight });
  });

  useEffect(() => {
    let frame = 0;
    const onMove = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(place);
    };
    place();
    window.addEventListener('scroll', onMove, { passive: true });
    window.addEventListener('resize', onMove);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', onMove);
      window.removeEventListener('resize', onMove);
    };
  }, [place, takes.length]);

  const first = Math.min(rows.first, Math.max(0, rowCount - 1));
  const last = Math.min(rows.last, rowCount - 1);
  const nearEnd = last >= rowCount - 1 - OVERSCAN_ROWS;
  useEffect(() => {
    if (nearEnd && !busy) onNearEnd?.();
  }, [nearEnd, busy, takes.length]);

  const shown = takes.slice(first * layout.columns, (last + 1) * layout.columns);
  const gapBelow = Math.max(0, rowCount - 1 - last) * layout.rowHeight;
  return (
    <ul className="take-grid take-grid-windowed" aria-label="Takes" ref={list} style={{ paddingTop: first * layout.rowHeight, paddingBottom: gapBelow }}>
      {shown.map((t, i) => (
        <TakeCard key={t.id} projectId={projectId} take={t} showShot search={search} position={{ at: first * layout.columns + i + 1, of: total }} />
      ))}
    </ul>
  );
});
