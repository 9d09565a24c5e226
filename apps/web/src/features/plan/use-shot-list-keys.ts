/** The shot list's keys: / searches, j/k (or ↑/↓) move, o opens the plan and t the takes; for members who plan, e renames, n adds and alt+↑/↓ moves the shot within its scene. */
import type { Shot } from '@backlot/contracts';
import { useEffect, useRef, type RefObject } from 'react';
import { useNavigate } from 'react-router-dom';
import { stepOrder } from '../../shared/lib/reorder.ts';
import { useShortcuts } from '../../shared/shortcuts/shortcuts.tsx';

/** Whether a key press belongs to a field or an open dialog (alt+arrows are not page shortcuts). */
function busyElsewhere(e: KeyboardEvent) {
  const t = e.target as HTMLElement | null;
  return !!document.querySelector('dialog[open]') || (!!t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName)));
}

export interface ShotListKeys {
  projectId: string;
  editable: boolean;
  /** The shots shown, in order; and every shot, for reordering within a scene. */
  visible: Shot[];
  shots: Shot[];
  selected: string | undefined;
  select: (id: string) => void;
  focusRow: (id: string) => void;
  searchBox: RefObject<HTMLInputElement | null>;
  rename: (id: string) => void;
  /** The scene a new shot goes into (the selected shot's, else the first shown). */
  add: () => void;
  saveOrder: (sceneId: string, ids: string[]) => void;
}

/** Declares the keys; answers how to move the selection. */
export function useShotListKeys(k: ShotListKeys) {
  const navigate = useNavigate();
  const { projectId, visible, selected } = k;
  const move = (step: number) => {
    if (visible.length === 0) return;
    const at = visible.findIndex((s) => s.id === selected);
    const next = at < 0 ? (step > 0 ? 0 : visible.length - 1) : Math.max(0, Math.min(visible.length - 1, at + step));
    k.select(visible[next].id);
    k.focusRow(visible[next].id);
  };
  useShortcuts([
    { keys: ['/'], label: '/', help: 'Search shots by code, job or action', run: () => k.searchBox.current?.focus() },
    { keys: ['j', 'ArrowDown'], label: 'j / ↓', help: 'Next shot', run: () => move(1) },
    { keys: ['k', 'ArrowUp'], label: 'k / ↑', help: 'Previous shot', run: () => move(-1) },
    // Enter is handled by the focused row itself, so Enter on a button still presses the button.
    { keys: ['o'], label: 'Enter / o', help: 'Open the shot’s plan', run: () => selected && navigate(`/projects/${projectId}/shots/${selected}`) },
    { keys: ['t'], label: 't', help: 'Open the shot’s takes', run: () => selected && navigate(`/projects/${projectId}/shots/${selected}/takes`) },
    ...(k.editable
      ? [
          { keys: [] as string[], label: 'Alt+↑ / Alt+↓', help: 'Move the shot earlier or later in its scene', run: () => {} },
          { keys: ['e'], label: 'e', help: 'Rename the shot’s code', run: () => selected && k.rename(selected) },
          { keys: ['n'], label: 'n', help: 'Add a shot to the selected shot’s scene', run: k.add },
        ]
      : []),
  ]);

  // Alt+↑/↓ is not a page shortcut (those ignore modifier keys), so it has its own listener.
  const latest = useRef(k);
  latest.current = k;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') || busyElsewhere(e)) return;
      const { visible: shown, selected: id, shots: all, editable, saveOrder, focusRow } = latest.current;
      const shot = shown.find((s) => s.id === id);
      if (!shot || !editable) return;
      e.preventDefault();
      const ids = all.filter((s) => s.sceneId === shot.sceneId).map((s) => s.id);
      const order = stepOrder(ids, shot.id, e.key === 'ArrowUp' ? -1 : 1);
      if (order) {
        saveOrder(shot.sceneId, order);
        focusRow(shot.id);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return move;
}
