/** A take page's keys: p hides the side panel, C compares with a neighbour, and ↑/↓ (when the player does not own them) open the shot's other takes. */
import type { Take } from '@backlot/contracts';
import { useNavigate } from 'react-router-dom';
import { useShortcuts } from '../../shared/shortcuts/shortcuts.tsx';

/** The take numbered `by` away from `takeId` among its shot's takes, if any. */
export function neighbourTake(siblings: Take[], takeId: string, by: -1 | 1): Take | undefined {
  const list = [...siblings].sort((a, b) => a.number - b.number);
  const at = list.findIndex((t) => t.id === takeId);
  return at < 0 ? undefined : list[at + by];
}

/** Declares the page's keys; answers `step`, which the player calls for ↑/↓ when it has the picture. */
export function useTakeKeys({ projectId, take, siblings, togglePanels }: { projectId: string; take: Take | undefined; siblings: Take[]; togglePanels: () => void }) {
  const navigate = useNavigate();
  const takeId = take?.id ?? '';
  /** The take numbered just before (-1) or after (+1) this one in its shot. */
  const step = (by: -1 | 1) => {
    const next = neighbourTake(siblings, takeId, by);
    if (next) navigate(`/projects/${projectId}/takes/${next.id}`);
  };
  /** C: this take beside the one before it in the shot (or after it, for the first). */
  const compareNeighbour = () => {
    const playable = siblings.filter((t) => t.media);
    const other = neighbourTake(playable, takeId, -1) ?? neighbourTake(playable, takeId, 1);
    if (other) navigate(`/projects/${projectId}/compare?ids=${takeId},${other.id}`);
  };
  useShortcuts([
    { keys: ['p'], label: 'p', help: 'Show or hide the side panel', run: togglePanels },
    { keys: ['c', 'C'], label: 'C', help: 'Compare with the take before it (or after it)', run: compareNeighbour },
    // With a picture, the player owns ↑/↓ (as onStep) beside its other keys.
    ...(take?.media
      ? []
      : [
          { keys: ['ArrowUp'], label: '↑', help: 'Previous take of the shot', run: () => step(-1) },
          { keys: ['ArrowDown'], label: '↓', help: 'Next take of the shot', run: () => step(1) },
        ]),
  ]);
  return step;
}
