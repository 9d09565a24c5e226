/**
 * The requests waiting for a producer's sign-off, oldest first: each take with its poster slot,
 * who asked, when, and its estimate; those who manage spend sign off or refuse in the row. Live:
 * a new request or a decision made elsewhere reloads the list (keys.spend).
 */
import { Link } from 'react-router-dom';
import { formatWhen } from '../../shared/lib/format.ts';
import { useProject } from '../../shared/project/project-context.ts';
import { Section, LoadError, Loading } from '../../shared/ui/page.tsx';
import { moneyLabel } from './money.ts';
import { useSignOffs } from './queries.ts';
import { SignOffActions } from './sign-off.tsx';

export function SignOffsSection() {
  const { project, mayChange } = useProject();
  const waiting = useSignOffs(project.id);
  const mayDecide = mayChange('spend.manage');
  const threshold = project.generation.signOffAbove;
  const rule =
    threshold === null
      ? 'No sign-off threshold is set: every request is queued at once.'
      : `Requests estimated above ${moneyLabel(threshold, project.currency)} wait here until a producer or owner signs them off.`;
  return (
    <Section title={`Waiting for sign-off${waiting.data?.total ? ` (${waiting.data.total})` : ''}`} id="sign-offs-title">
      <p className="muted small">
        {rule} {mayChange('project.edit_settings') && <Link to={`/projects/${project.id}/settings`}>Change the threshold</Link>}
      </p>
      {waiting.error && !waiting.data ? (
        <LoadError error={waiting.error} retry={waiting.reload} />
      ) : !waiting.data ? (
        <Loading what="Loading the requests waiting" />
      ) : waiting.data.takes.length === 0 ? (
        <p className="muted">Nothing is waiting for sign-off.</p>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-label="Waiting for sign-off">
            <thead>
              <tr>
                <th scope="col">Take</th>
                <th scope="col">Model</th>
                <th scope="col">Asked by</th>
                <th scope="col">Asked</th>
                <th scope="col" className="num">
                  Estimate
                </th>
                {mayDecide && (
                  <th scope="col" className="cell-actions">
                    Decision
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {waiting.data.takes.map((t) => {
                const name = `${t.shotCode} ${t.code}`;
                return (
                  <tr key={t.id} aria-label={name}>
                    <td>
                      <Link to={`/projects/${project.id}/takes/${t.id}`} className="mono">
                        {name}
                      </Link>
                    </td>
                    <td className="mono">{t.model ?? '—'}</td>
                    <td>{t.requestedBy ?? '—'}</td>
                    <td className="nowrap">{formatWhen(t.timings?.requestedAt)}</td>
                    <td className="num mono">{t.cost ? moneyLabel(t.cost.estimated, t.cost.currency) : '—'}</td>
                    {mayDecide && (
                      <td className="cell-actions">
                        <SignOffActions projectId={project.id} take={{ id: t.id, name }} />
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
