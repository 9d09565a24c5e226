/**
 * A take's decisions, newest first: from and to (each as its badge), when, and — for members who
 * may read them — who decided and why (a viewer is told what changed and when, DESIGN.md §8).
 * Loaded again whenever the take's state changes.
 */
import type { Take } from '@backlot/contracts';
import { api } from '../../shared/api/client.ts';
import { formatWhen } from '../../shared/lib/format.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { keys } from '../../shared/api/keys.ts';
import { ReviewBadge } from '../../shared/production/take-status.tsx';

export function DecisionHistory({ projectId, take }: { projectId: string; take: Take }) {
  const history = useLoad([...keys.review.history(projectId, take.id), take.review], () => api.reviewHistory({ params: { projectId, takeId: take.id } }));
  const events = [...(history.data?.events ?? [])].reverse();
  return (
    <section className="decision-history" aria-labelledby="decision-history-title">
      <h2 className="side-panel-title" id="decision-history-title">
        Decisions
      </h2>
      {history.error && !history.data ? (
        <p className="field-error">The decisions could not be loaded just now.</p>
      ) : events.length === 0 ? (
        <p className="muted small">{history.data ? 'No decision yet.' : 'Loading…'}</p>
      ) : (
        <ol className="decision-list" aria-label="Decisions on this take">
          {events.map((e) => (
            <li key={e.id} className="decision-event">
              <div className="decision-change">
                <ReviewBadge review={e.from} />{' '}
                <span role="img" aria-label="to">
                  →
                </span>{' '}
                <ReviewBadge review={e.to} />
                {e.override && <span className="warn-text small"> overriding a rights risk</span>}
              </div>
              <div className="faint small">
                {e.by && <>{e.by} · </>}
                <time dateTime={e.at}>{formatWhen(e.at)}</time>
              </div>
              {e.reason && <div className="decision-reason">“{e.reason}”</div>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
