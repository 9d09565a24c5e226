/** Picking many takes in a grid: ctrl-click toggles one, shift-click or shift+arrows pick a run from the anchor. Pure, so it is tested alone. */

export interface Picked {
  /** Ids picked, in grid order; empty means "the focused take alone". */
  ids: string[];
  /** Where a shift-pick starts from. */
  anchor: string | undefined;
}

export const NOTHING_PICKED: Picked = { ids: [], anchor: undefined };

/** What a decision applies to: the picked takes, or the focused one when none is picked. */
export function effective(picked: Picked, focused: string | undefined, order: string[]): string[] {
  const ids = picked.ids.filter((id) => order.includes(id));
  if (ids.length) return ids;
  return focused && order.includes(focused) ? [focused] : [];
}

/** Adds or removes one take (ctrl/⌘-click), starting from what is effectively picked. */
export function toggle(picked: Picked, focused: string | undefined, id: string, order: string[]): Picked {
  const base = effective(picked, focused, order);
  const next = base.includes(id) ? base.filter((x) => x !== id) : [...base, id];
  return { ids: order.filter((x) => next.includes(x)), anchor: id };
}

/** Ticks or unticks one take's pick box (by mouse): only that take changes, whatever has the focus. */
export function togglePick(picked: Picked, id: string, order: string[]): Picked {
  const ids = picked.ids.includes(id) ? picked.ids.filter((x) => x !== id) : [...picked.ids, id];
  return { ids: order.filter((x) => ids.includes(x)), anchor: id };
}

/** Picks every take from the anchor (or the focused take) to `id`, both included (shift-click, shift+arrow). */
export function pickRun(picked: Picked, focused: string | undefined, id: string, order: string[]): Picked {
  const anchor = picked.anchor && order.includes(picked.anchor) ? picked.anchor : focused && order.includes(focused) ? focused : id;
  const a = order.indexOf(anchor);
  const b = order.indexOf(id);
  const [from, to] = a <= b ? [a, b] : [b, a];
  return { ids: order.slice(from, to + 1), anchor };
}
