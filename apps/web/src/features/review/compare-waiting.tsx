/**
 * The takes of a comparison that have no picture (yet): each with its model and its generation
 * status, live — a take asked for across providers joins the players once it has rendered, and
 * one that failed says why in its provider's words, without holding up the others.
 */
import type { Take } from '@backlot/contracts';
import { Link } from 'react-router-dom';
import { GenerationStatus } from '../../shared/production/take-status.tsx';
import { providerName } from '../../shared/production/take-words.ts';

export function CompareWaiting({ projectId, takes }: { projectId: string; takes: Take[] }) {
  if (takes.length === 0) return null;
  return (
    <ul className="compare-waiting" aria-label="Takes without a picture yet">
      {takes.map((t) => (
        <li key={t.id} aria-label={`${t.code} ${t.model ?? ''}`.trim()}>
          <Link className="mono" to={`/projects/${projectId}/takes/${t.id}`}>
            {t.shotCode} {t.code}
          </Link>{' '}
          {t.provider && <span className="muted">{providerName(t.provider)}</span>} {t.model && <span className="mono faint small">{t.model}</span>} <GenerationStatus take={t} />
          {t.error && (
            <div className="danger-text small">
              {t.error.message} <span className="mono faint">({t.error.code})</span>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
