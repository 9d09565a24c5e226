/** The player's keys, declared through the app's shortcuts (so `?` lists them): the editing conventions reviewers expect (UI.md). */
import { useShortcuts, type Shortcut } from '../../shortcuts/shortcuts.tsx';
import { arrowStep } from './seek-engine.ts';

/** A review decision a key asks for. */
export type PlayerDecision = 'rejected' | 'maybe' | 'selected' | 'approved';

const DECISION_KEYS: Record<string, PlayerDecision> = { r: 'rejected', m: 'maybe', s: 'selected', a: 'approved' };

export interface PlayerKeyActions {
  /** One second in frames, for shift+←/→. */
  second: number;
  playPause: () => void;
  /** L forward, J backward; again doubles the speed. */
  shuttle: (direction: 'forward' | 'reverse') => void;
  stop: () => void;
  step: (by: number) => void;
  /** I and O; absent when the member may not set marks. */
  mark?: (which: 'in' | 'out') => void;
  /** R/M/S/A; absent when the member may not decide. */
  decide?: (state: PlayerDecision) => void;
  /** ↑/↓: the previous or next take. */
  stepTake?: (by: -1 | 1) => void;
  fullScreen: () => void;
  /** A player kept ready behind another (an A/B flip): it answers no key. */
  inactive?: boolean;
}

export function usePlayerKeys(a: PlayerKeyActions) {
  const keys: Shortcut[] = [
    { keys: [' '], label: 'Space', help: 'Play or pause', run: () => a.playPause() },
    { keys: ['l', 'L'], label: 'L', help: 'Play forward; again to double the speed', run: () => a.shuttle('forward') },
    { keys: ['k', 'K'], label: 'K', help: 'Stop', run: () => a.stop() },
    { keys: ['j', 'J'], label: 'J', help: 'Play backward; again to double the speed', run: () => a.shuttle('reverse') },
    { keys: ['ArrowRight'], label: '→ / Shift+→', help: `One frame (a second, ${a.second} frames, with Shift) later`, run: (e) => a.step(arrowStep('ArrowRight', e.shiftKey, a.second)) },
    { keys: ['ArrowLeft'], label: '← / Shift+←', help: `One frame (a second, ${a.second} frames, with Shift) earlier`, run: (e) => a.step(arrowStep('ArrowLeft', e.shiftKey, a.second)) },
    { keys: ['f', 'F'], label: 'F', help: 'Full screen', run: () => a.fullScreen() },
  ];
  const { mark, decide, stepTake } = a;
  if (mark) {
    keys.push({ keys: ['i', 'I'], label: 'I', help: 'Mark in on this frame (again to clear)', run: () => mark('in') });
    keys.push({ keys: ['o', 'O'], label: 'O', help: 'Mark out on this frame (again to clear)', run: () => mark('out') });
  }
  if (decide)
    keys.push({ keys: ['r', 'R', 'm', 'M', 's', 'S', 'a', 'A'], label: 'R / M / S / A', help: 'Reject, maybe, select or approve the take', run: (e) => decide(DECISION_KEYS[e.key.toLowerCase()]) });
  if (stepTake) {
    keys.push({ keys: ['ArrowUp'], label: '↑', help: 'Previous take of the shot', run: () => stepTake(-1) });
    keys.push({ keys: ['ArrowDown'], label: '↓', help: 'Next take of the shot', run: () => stepTake(1) });
  }
  useShortcuts(a.inactive ? [] : keys);
}
