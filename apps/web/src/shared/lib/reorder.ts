/** Moving one entry of an ordered list (scenes on the board, shots in a scene), by keys or by dragging. */
import { useCallback, useLayoutEffect, useState, type DragEvent } from 'react';

/** The list with the entry at `from` moved to `to`. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const next = list.slice();
  const [item] = next.splice(from, 1);
  next.splice(Math.max(0, Math.min(next.length, to)), 0, item);
  return next;
}

/** The order of ids after moving `id` one step up (-1) or down (+1); null at either end. */
export function stepOrder(ids: readonly string[], id: string, step: -1 | 1): string[] | null {
  const at = ids.indexOf(id);
  const to = at + step;
  if (at < 0 || to < 0 || to >= ids.length) return null;
  return moveItem(ids, at, to);
}

/** The order of ids after dropping `dragged` before or after `target`. */
export function dropOrder(ids: readonly string[], dragged: string, target: string, after: boolean): string[] | null {
  if (dragged === target) return null;
  const rest = ids.filter((i) => i !== dragged);
  const at = rest.indexOf(target);
  if (at < 0) return null;
  rest.splice(after ? at + 1 : at, 0, dragged);
  return rest.join() === ids.join() ? null : rest;
}

export interface DragTarget {
  id: string;
  after: boolean;
}

/**
 * Drag handlers for the entries of one list: `group` keeps a drag inside its own list
 * (a shot moves only among its scene's shots). `onDrop` gets the dragged and target ids.
 */
export function useDragReorder(onDrop: (dragged: string, target: DragTarget) => void) {
  const [dragging, setDragging] = useState<{ id: string; group: string }>();
  const [over, setOver] = useState<DragTarget>();

  const handlers = (id: string, group = '', enabled = true) =>
    enabled
      ? {
          draggable: true,
          onDragStart: (e: DragEvent<HTMLElement>) => {
            e.dataTransfer.effectAllowed = 'move';
            e.dataTransfer.setData('text/plain', id);
            setDragging({ id, group });
          },
          onDragOver: (e: DragEvent<HTMLElement>) => {
            if (!dragging || dragging.group !== group || dragging.id === id) return;
            e.preventDefault();
            const box = e.currentTarget.getBoundingClientRect();
            const vertical = box.height > 0 && box.width / box.height < 3;
            const after = vertical ? e.clientX > box.left + box.width / 2 : e.clientY > box.top + box.height / 2;
            if (over?.id !== id || over.after !== after) setOver({ id, after });
          },
          onDrop: (e: DragEvent<HTMLElement>) => {
            e.preventDefault();
            if (dragging && over && dragging.group === group) onDrop(dragging.id, over);
            setDragging(undefined);
            setOver(undefined);
          },
          onDragEnd: () => {
            setDragging(undefined);
            setOver(undefined);
          },
        }
      : {};

  /** The class a drop target shows: a line before or after it. */
  const dropClass = (id: string) => (over?.id === id ? (over.after ? 'drop-after' : 'drop-before') : dragging?.id === id ? 'dragging' : '');
  return { handlers, dropClass };
}

/**
 * Focus that follows the list: `focus(id)` moves focus to the element with `data-<attr>="id"`
 * once React has drawn the change that asked for it (a moved row, a new card), so a reorder
 * keeps focus on what moved and no late focus steals it from a field opened meanwhile.
 */
export function useFocusAfterRender(attr: 'shot-id' | 'scene-id') {
  const [request, setRequest] = useState<{ id: string }>();
  useLayoutEffect(() => {
    if (request) document.querySelector<HTMLElement>(`[data-${attr}="${CSS.escape(request.id)}"]`)?.focus();
  }, [request, attr]);
  return useCallback((id: string) => setRequest({ id }), []);
}
