/**
 * Beside a shot's grid while triaging: the focused take's picture, state, criteria checklist,
 * rating and verdict; the shot's best take so far and why; the plan and references under P.
 */
import type { Shot, Take } from '@backlot/contracts';
import { Link } from 'react-router-dom';
import { ReviewBadge } from '../../shared/production/take-status.tsx';
import { anchorOf } from './compare-players.tsx';
import { CriteriaForm } from './criteria-form.tsx';
import { PlanPanel } from './plan-panel.tsx';

export interface ReviewAsideProps {
  projectId: string;
  rate: string;
  /** Absent for members who may not read plans (viewers). */
  shot: Shot | undefined;
  takes: Take[];
  focused: Take | undefined;
  best: { takeId: string; why: string } | null | undefined;
  showPlan: boolean;
  mayDecide: boolean;
  onSaved: (take: Take) => void;
}

export function BestTake({ projectId, takes, best }: { projectId: string; takes: Take[]; best: ReviewAsideProps['best'] }) {
  const take = best ? takes.find((t) => t.id === best.takeId) : undefined;
  return (
    <section className="best-take" aria-label="Best take so far">
      <h2 className="side-panel-title">Best take so far</h2>
      {take && best ? (
        <p>
          <Link to={`/projects/${projectId}/takes/${take.id}`} className="mono">
            {take.code}
          </Link>{' '}
          <ReviewBadge review={take.review} /> <span className="muted">{best.why}</span>
        </p>
      ) : (
        <p className="muted small">None yet: select or rate a take.</p>
      )}
    </section>
  );
}

export function ReviewAside({ projectId, rate, shot, takes, focused, best, showPlan, mayDecide, onSaved }: ReviewAsideProps) {
  return (
    <aside className="review-aside" aria-label="Review">
      <BestTake projectId={projectId} takes={takes} best={best} />
      {focused ? (
        <section className="review-focus" aria-label={`Review of ${focused.code}`}>
          <div className="review-focus-picture">{focused.media ? <img src={focused.media.poster} alt={`${focused.code} poster`} /> : <span className="faint small">no picture</span>}</div>
          <div className="review-focus-head">
            <span className="mono take-code">{focused.code}</span>
            <ReviewBadge review={focused.review} />
          </div>
          {focused.media && anchorOf(focused) && (
            <Link to={`/projects/${projectId}/compare?ids=${focused.id}&anchor=1`} className="small">
              Compare with its start-frame anchor
            </Link>
          )}
          {/* A viewer reads no criteria, rating or verdict (DESIGN.md §8): the server sends none. */}
          {focused.criteria && <CriteriaForm key={focused.id} projectId={projectId} take={focused} criteria={shot?.plan.reviewCriteria ?? []} editable={mayDecide} onSaved={onSaved} />}
        </section>
      ) : (
        <p className="muted small">Focus a take (arrows or j/k) to check it against the plan's criteria.</p>
      )}
      {showPlan && shot && <PlanPanel projectId={projectId} shot={shot} rate={rate} />}
      {shot && (
        <Link to={`/projects/${projectId}/scenes/${shot.sceneId}/continuity`} className="small">
          Play scene {shot.sceneNumber} in order (continuity)
        </Link>
      )}
      {!showPlan && shot && (
        <p className="field-hint">
          <kbd>P</kbd> shows the plan and its references.
        </p>
      )}
    </aside>
  );
}
