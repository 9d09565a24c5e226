/**
 * What the server said of the generation being set up: refusals first (each rule, and the
 * reference that broke it, linked), then the estimate against what is left of the budget, what
 * the model cannot honour, the seeds, and the exact request.
 */
import type { GenerationPreview as Preview } from '@backlot/contracts';
import { Link } from 'react-router-dom';
import { AdaptationList, RequestView } from './request-view.tsx';

/** Whether a decimal string is larger than another (both as the server writes them, e.g. "12.50"). */
export function exceeds(amount: string, limit: string): boolean {
  const scale = (s: string) => {
    const [whole, frac = ''] = s.split('.');
    return BigInt(whole + frac.padEnd(6, '0').slice(0, 6));
  };
  try {
    return scale(amount) > scale(limit);
  } catch {
    return false;
  }
}

export function Refusals({ projectId, preview }: { projectId: string; preview: Preview }) {
  if (preview.refusals.length === 0) return null;
  return (
    <div className="refusals" role="alert" aria-label="Refused">
      <div className="refusals-title">Backlot will not send this yet:</div>
      <ul>
        {preview.refusals.map((r, i) => (
          <li key={i}>
            {r.message}
            {r.assetId && (
              <>
                {' '}
                <Link to={`/projects/${projectId}/assets/${r.assetId}`}>Open {r.assetName ?? 'the reference'}</Link>
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Whether an estimate costs nothing at all (previs renders, say). */
export function isFree(preview: Preview | undefined): boolean {
  return !!preview?.estimate && !exceeds(preview.estimate.total, '0');
}

/**
 * The estimate for the takes asked for, against what is left of the budget, and whether they would
 * wait for a producer's sign-off. Takes that cost nothing say so; the provider's detail is per take,
 * and is said so.
 */
export function Estimate({ preview, count }: { preview: Preview; count: number }) {
  const { estimate, budget } = preview;
  if (!estimate) return null;
  const over = budget ? exceeds(estimate.total, budget.remaining) : false;
  const takes = `${count} ${count === 1 ? 'take' : 'takes'}`;
  return (
    <div className={over ? 'estimate estimate-over' : 'estimate'} role="status" aria-label="Estimate">
      {isFree(preview) ? (
        <div>{takes}, at no cost: nothing is charged or reserved.</div>
      ) : (
        <div>
          <span className="mono">{estimate.perTake}</span> {estimate.currency} a take
          {count > 1 && (
            <>
              {' · '}
              <span className="mono">{estimate.total}</span> {estimate.currency} for {count}
            </>
          )}
        </div>
      )}
      {budget && (
        <div className={over ? 'danger-text' : 'muted'}>
          {over ? '⚠ more than ' : ''}
          <span className="mono">{budget.remaining}</span> {budget.currency} left in the budget
        </div>
      )}
      {preview.signOff && (
        <div className="warn-text" data-slot="sign-off">
          Over the sign-off threshold of <span className="mono">{preview.signOff.threshold}</span> {preview.signOff.currency}: the {takes} will wait for a producer’s or owner’s sign-off before
          anything is reserved or sent.
        </div>
      )}
      {estimate.detail && !isFree(preview) && <div className="faint small">{count > 1 ? `Each take: ${estimate.detail}` : estimate.detail}</div>}
    </div>
  );
}

export function PreviewDetails({ preview }: { preview: Preview }) {
  return (
    <div className="preview-details">
      <div className="preview-line muted small">
        Plan <span className="mono">v{preview.planVersion}</span>
        {preview.seeds.length > 0 && (
          <>
            {' · '}
            {preview.seeds.length === 1 ? 'seed' : 'seeds'} <span className="mono">{preview.seeds.join(', ')}</span>
          </>
        )}
      </div>
      <div className="preview-block">
        <div className="preview-label">What the model cannot honour</div>
        <AdaptationList adaptations={preview.adaptations} />
      </div>
      <RequestView request={preview.request} />
    </div>
  );
}
