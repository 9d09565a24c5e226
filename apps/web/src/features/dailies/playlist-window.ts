/**
 * Which rows of a long playlist are drawn, and where to scroll so a row is in view: pure arithmetic
 * over the scroll box's position and height and a row's height (the rows are all one height).
 */

/** The rows to draw, `first` included and `last` not: those in the box and `overscan` either side. */
export function rowsInView(box: { scrollTop: number; clientHeight: number }, rowHeight: number, count: number, overscan: number): { first: number; last: number } {
  const first = Math.max(0, Math.min(count, Math.floor(box.scrollTop / rowHeight) - overscan));
  const last = Math.max(first, Math.min(count, Math.ceil((box.scrollTop + box.clientHeight) / rowHeight) + overscan));
  return { first, last };
}

/** Where to scroll so row `index` is in the box: unchanged when it is already wholly in view, else the row in the box's middle. */
export function scrollToShow(box: { scrollTop: number; clientHeight: number }, rowHeight: number, index: number): number {
  const top = index * rowHeight;
  if (top >= box.scrollTop && top + rowHeight <= box.scrollTop + box.clientHeight) return box.scrollTop;
  return Math.max(0, top - (box.clientHeight - rowHeight) / 2);
}
