/** Moving the focus through a grid of cards by keys: next and previous in reading order, up and down by rows. */

type Step = 'first' | 'next' | 'previous' | 'up' | 'down';

/** Focuses another card's link in `grid` (an element whose children are the cards). */
export function moveFocus(grid: HTMLElement | null, step: Step) {
  if (!grid) return;
  const links = [...grid.querySelectorAll<HTMLElement>(':scope > li > a')];
  if (!links.length) return;
  const at = links.indexOf(document.activeElement as HTMLElement);
  if (step === 'first' || at < 0) return links[step === 'previous' || step === 'up' ? links.length - 1 : 0].focus();
  // Cards in a row share their top edge: the row length is how many share the first card's.
  const top = links[0].getBoundingClientRect().top;
  const perRow = Math.max(1, links.filter((l) => Math.abs(l.getBoundingClientRect().top - top) < 2).length);
  const delta = step === 'next' ? 1 : step === 'previous' ? -1 : step === 'down' ? perRow : -perRow;
  links[Math.max(0, Math.min(links.length - 1, at + delta))].focus();
}
