/** A shot's takes as a grid of cards, newest first: arrows (or j/k) move between cards, Enter opens one. */
import type { Take } from '@backlot/contracts';
import { forwardRef } from 'react';
import { TakeCard } from './take-card.tsx';

export interface TakeGridProps {
  projectId: string;
  takes: Take[];
  onCancel?: (take: Take) => void;
  onRegenerate?: (take: Take) => void;
}

export const TakeGrid = forwardRef<HTMLUListElement, TakeGridProps>(function TakeGrid({ projectId, takes, onCancel, onRegenerate }, ref) {
  return (
    <ul className="take-grid" aria-label="Takes" ref={ref}>
      {takes.map((t) => (
        <TakeCard key={t.id} projectId={projectId} take={t} onCancel={onCancel} onRegenerate={onRegenerate} />
      ))}
    </ul>
  );
});
