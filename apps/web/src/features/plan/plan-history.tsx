/**
 * A plan's versions (who saved each, when, with what note and which fields changed) and the
 * field-by-field difference between any two of them. The pair compared is kept in the URL.
 */
import type { Shot } from '@backlot/contracts';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../shared/api/client.ts';
import { formatWhen } from '../../shared/lib/format.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { keys } from '../../shared/api/keys.ts';
import { Button } from '../../shared/ui/button.tsx';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { LoadError, Loading, Section } from '../../shared/ui/page.tsx';
import { Table } from '../../shared/ui/table.tsx';
import { Tag } from '../../shared/ui/tag.tsx';

export function PlanHistory({ projectId, shot }: { projectId: string; shot: Shot }) {
  const params = { projectId, shotId: shot.id };
  const [search, setSearch] = useSearchParams();
  const versions = useLoad(keys.plan.versions(projectId, shot.id, shot.planVersion), () => api.planVersions({ params }));
  const latest = shot.planVersion;
  const to = Math.min(Number(search.get('to')) || latest, latest);
  const from = Math.min(Number(search.get('from')) || Math.max(1, to - 1), latest);
  const diff = useLoad(keys.plan.diff(projectId, shot.id, from, to), () => (from === to ? Promise.resolve(null) : api.planDiff({ params, query: { from, to } })));

  const compare = (f: number, t: number) =>
    setSearch(
      (s) => {
        const next = new URLSearchParams(s);
        next.set('from', String(f));
        next.set('to', String(t));
        return next;
      },
      { replace: true },
    );
  const options = Array.from({ length: latest }, (_, i) => latest - i);

  return (
    <div className="history">
      <Section title="Versions">
        {versions.error ? <LoadError error={versions.error} retry={versions.reload} /> : null}
        {!versions.data && !versions.error && <Loading what="Loading versions" />}
        {versions.data && (
          <Table label="Plan versions" head={['Version', 'Saved', 'By', 'Note', 'What changed', '']}>
            {versions.data.versions.map((v) => (
              <tr key={v.version} className={v.version === from || v.version === to ? 'row-picked' : undefined}>
                <td className="mono nowrap">
                  <span>v{v.version}</span>
                  {v.version === latest && <Tag tone="muted">current</Tag>}
                </td>
                <td className="nowrap" title={v.at}>
                  {formatWhen(v.at)}
                </td>
                <td className="nowrap">{v.author.name}</td>
                <td>{v.note ?? <span className="muted">—</span>}</td>
                <td>{v.changed.join(', ')}</td>
                <td className="cell-actions">
                  {v.version > 1 && (
                    <Button small variant="ghost" aria-label={`Compare v${v.version} with v${v.version - 1}`} onClick={() => compare(v.version - 1, v.version)}>
                      Compare with previous
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </Table>
        )}
      </Section>

      <Section
        title="Compare versions"
        actions={
          <div className="compare-picks">
            <label className="inline-pick">
              From
              <select className="select select-small mono" aria-label="Compare from version" value={from} onChange={(e) => compare(Number(e.target.value), to)}>
                {options.map((v) => (
                  <option key={v} value={v}>
                    v{v}
                  </option>
                ))}
              </select>
            </label>
            <label className="inline-pick">
              to
              <select className="select select-small mono" aria-label="Compare to version" value={to} onChange={(e) => compare(from, Number(e.target.value))}>
                {options.map((v) => (
                  <option key={v} value={v}>
                    v{v}
                  </option>
                ))}
              </select>
            </label>
          </div>
        }
      >
        {latest === 1 ? (
          <EmptyState title="Only one version so far">Each save makes a new version; pick any two here to see what changed between them.</EmptyState>
        ) : from === to ? (
          <p className="muted">Pick two different versions to compare.</p>
        ) : diff.error ? (
          <LoadError error={diff.error} retry={diff.reload} />
        ) : !diff.data || diff.data.from !== from || diff.data.to !== to ? (
          <Loading what="Comparing" />
        ) : diff.data.changes.length === 0 ? (
          <p className="muted">
            v{from} and v{to} plan the shot the same way.
          </p>
        ) : (
          <Table label={`Changes from v${from} to v${to}`} head={['Field', `From · v${diff.data.from}`, `To · v${diff.data.to}`]}>
            {diff.data.changes.map((c) => (
              <tr key={c.field}>
                <th scope="row" className="diff-field">
                  {c.label}
                </th>
                <td className="diff-from">{c.from}</td>
                <td className="diff-to">{c.to}</td>
              </tr>
            ))}
          </Table>
        )}
      </Section>
    </div>
  );
}
