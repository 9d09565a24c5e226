/** A shot's takes as a grid of cards, newest first: arrows (or j/k) move between cards, Enter opens one; shift/ctrl-click pick several for triage. */
import type { Take } from '@backlot/contracts';
import { forwardRef, useEffect, useRef, type RefObject } from 'react';
import type { TakePicking } from '../../shared/production/take-pick.ts';
import { TakeCard } from './take-card.tsx';

export interface TakeGridProps {
  projectId: string;
  takes: Take[];
  onCancel?: (take: Take) => void;
  onRegenerate?: (take: Take) => void;
  /** Triage: which cards are picked, and the card events that pick them. */
  triage?: { isPicked: (id: string) => boolean; card: TakePicking };
}

export const TakeGrid = forwardRef<HTMLUListElement, TakeGridProps>(function TakeGrid({ projectId, takes, onCancel, onRegenerate, triage }, ref) {
  return (
    <ul className="take-grid" aria-label="Takes" ref={ref}>
      {takes.map((t) => (
        <TakeCard key={t.id} projectId={projectId} take={t} onCancel={onCancel} onRegenerate={onRegenerate} picked={triage?.isPicked(t.id)} pick={triage?.card} />
      ))}
    </ul>
  );
});

/** Gives the focus to one take's card once the grid shows it (opened from a take's page, so R/M/S/A apply to it at once); tries after each render until it has. */
export function useFocusTake(grid: RefObject<HTMLUListElement | null>, takeId: string | null) {
  const arrived = useRef(false);
  useEffect(() => {
    if (!takeId || arrived.current) return;
    const link = grid.current?.querySelector<HTMLElement>(`[data-take-id="${CSS.escape(takeId)}"] > a`);
    if (!link) return;
    link.focus();
    arrived.current = true;
  });
}
