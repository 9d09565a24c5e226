/** The scene board's keys: / searches, j/k (or arrows) move through the cards, Esc closes the open scene; for members who plan, a adds, i imports and c drafts coverage for the focused scene. */
import type { Scene } from '@backlot/contracts';
import type { RefObject } from 'react';
import { useShortcuts } from '../../shared/shortcuts/shortcuts.tsx';

export interface SceneBoardKeys {
  scenes: Scene[];
  editable: boolean;
  focusCard: (id: string) => void;
  searchBox: RefObject<HTMLInputElement | null>;
  close: () => void;
  add: () => void;
  importScreenplay: () => void;
  draft: (scene: Scene) => void;
}

/** Declares the keys; answers how to move the focus and which scene has it. */
export function useSceneBoardKeys({ scenes, editable, focusCard, searchBox, close, add, importScreenplay, draft }: SceneBoardKeys) {
  const focused = () => (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('[data-scene-id]')?.dataset.sceneId;
  const focusedScene = () => scenes.find((s) => s.id === focused());
  const move = (step: number) => {
    if (!scenes.length) return;
    const at = scenes.findIndex((s) => s.id === focused());
    const next = at < 0 ? (step > 0 ? 0 : scenes.length - 1) : Math.max(0, Math.min(scenes.length - 1, at + step));
    focusCard(scenes[next].id);
  };
  const draftFocused = () => {
    const s = focusedScene();
    if (s && !s.omitted) draft(s);
  };
  useShortcuts([
    { keys: ['/'], label: '/', help: 'Search scenes by number, heading, beat or character', run: () => searchBox.current?.focus() },
    { keys: ['j', 'ArrowDown', 'ArrowRight'], label: 'j / ↓', help: 'Next scene', run: () => move(1) },
    { keys: ['k', 'ArrowUp', 'ArrowLeft'], label: 'k / ↑', help: 'Previous scene', run: () => move(-1) },
    { keys: [], label: 'Enter', help: 'Open the scene beside the board', run: () => {} },
    { keys: ['Escape'], label: 'Esc', help: 'Close the scene panel', run: close },
    ...(editable
      ? [
          { keys: [] as string[], label: 'Alt+↑ / Alt+↓', help: 'Move the scene earlier or later', run: () => {} },
          { keys: ['a'], label: 'a', help: 'Add a scene', run: add },
          { keys: ['i'], label: 'i', help: 'Import a screenplay', run: importScreenplay },
          { keys: ['c'], label: 'c', help: 'Draft coverage for the focused scene', run: draftFocused },
        ]
      : []),
  ]);
  return { move, focusedScene };
}
