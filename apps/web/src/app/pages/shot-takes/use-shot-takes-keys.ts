/** The keys of a shot's takes: moving through the grid (with shift, picking), R/M/S/A on the picked takes, C to compare, P for the plan, g and i to generate and import, Esc. */
import type { RefObject } from 'react';
import { moveFocus } from '../../../shared/lib/grid-keys.ts';
import { DECISION_KEYS } from '../../../shared/production/review-words.ts';
import { useShortcuts, type Shortcut } from '../../../shared/shortcuts/shortcuts.tsx';
import type { Triage } from '../../../features/review/use-triage.ts';

export interface ShotTakesKeys {
  grid: RefObject<HTMLUListElement | null>;
  triage: Triage;
  mayDecide: boolean;
  mayReadPlan: boolean;
  mayGenerate: boolean;
  panelOpen: boolean;
  compare: () => void;
  togglePlan: () => void;
  generate: () => void;
  importTake: () => void;
  closePanel: () => void;
}

/** Declares the keys of a shot's takes. */
export function useShotTakesKeys(k: ShotTakesKeys) {
  const { triage } = k;
  const go = (step: 'next' | 'previous' | 'down' | 'up') => (e: KeyboardEvent) => triage.move(e.shiftKey, () => moveFocus(k.grid.current, step));
  const decide = (key: keyof typeof DECISION_KEYS) => () => void triage.decide(DECISION_KEYS[key]);
  const keys: Shortcut[] = [
    { keys: ['ArrowRight', 'j'], label: 'j / →', help: 'Next take (Shift: pick it too)', run: go('next') },
    { keys: ['ArrowLeft', 'k'], label: 'k / ←', help: 'Previous take (Shift: pick it too)', run: go('previous') },
    { keys: ['ArrowDown'], label: '↓', help: 'Take below (Shift: pick the run)', run: go('down') },
    { keys: ['ArrowUp'], label: '↑', help: 'Take above (Shift: pick the run)', run: go('up') },
    { keys: [], label: 'Enter', help: 'Open the focused take', run: () => {} },
  ];
  if (k.mayDecide) {
    keys.push(
      { keys: ['r', 'R'], label: 'R', help: 'Reject the picked takes', run: decide('r') },
      { keys: ['m', 'M'], label: 'M', help: 'Maybe for the picked takes', run: decide('m') },
      { keys: ['s', 'S'], label: 'S', help: 'Select the picked takes', run: decide('s') },
      { keys: ['a', 'A'], label: 'A', help: 'Approve the focused take (one at a time)', run: decide('a') },
    );
  }
  keys.push({ keys: ['c', 'C'], label: 'C', help: 'Compare the picked takes (2 to 4)', run: k.compare });
  if (k.mayReadPlan) keys.push({ keys: ['p', 'P'], label: 'P', help: 'Show or hide the plan and its references', run: k.togglePlan });
  if (k.mayGenerate) {
    keys.push(
      { keys: ['g'], label: 'g', help: 'Generate takes', run: k.generate },
      { keys: ['i'], label: 'i', help: 'Import an external take', run: k.importTake },
      { keys: ['Escape'], label: 'Esc', help: 'Close the generate panel, or let go of the picked takes', run: () => (k.panelOpen ? k.closePanel() : triage.clear()) },
    );
  } else keys.push({ keys: ['Escape'], label: 'Esc', help: 'Let go of the picked takes', run: () => triage.clear() });
  useShortcuts(keys);
}
