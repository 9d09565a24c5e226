/**
 * What applying an editor's cut does to a scene's shot order: the shots the cut holds take the
 * places those same shots held, in the cut's order; every other shot of the scene (omitted from
 * the cut, never handed over) keeps its place. Pure.
 */

/**
 * A scene's shots in their new order. `current` is the scene's shots in order; `cutOrder` the
 * cut's shots in its order (shots of other scenes are ignored).
 */
export function reorderedShots(current: readonly string[], cutOrder: readonly string[]): string[] {
  const inScene = new Set(current);
  const seen = new Set<string>();
  const moving = cutOrder.filter((id) => inScene.has(id) && !seen.has(id) && seen.add(id));
  const movingSet = new Set(moving);
  let next = 0;
  return current.map((id) => (movingSet.has(id) ? moving[next++] : id));
}

/** In/out marks (inclusive frames) from a half-open source range. */
export function marksOf(range: { sourceIn: number; sourceOut: number }): { in: number; out: number } {
  return { in: range.sourceIn, out: range.sourceOut - 1 };
}
