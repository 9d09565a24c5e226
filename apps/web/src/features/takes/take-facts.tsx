/**
 * What a take is made of, read-only: status, plan version, model, provider, seed, timings, cost,
 * lineage and the references used. A viewer's take carries only its state (DESIGN.md §8), so
 * the rest is shown where the server sent it.
 */
import type { Take } from '@backlot/contracts';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { formatWhen } from '../../shared/lib/format.ts';
import { AssetThumb } from '../../shared/production/asset-card.tsx';
import { ROLE_NAMES } from '../../shared/production/asset-words.ts';
import { GenerationStatus, ReviewBadge } from '../../shared/production/take-status.tsx';
import { elapsedLabel, money, providerName } from '../../shared/production/take-words.ts';

function Facts({ label, rows }: { label: string; rows: [string, ReactNode][] }) {
  return (
    <dl className="facts facts-compact take-facts" aria-label={label}>
      {rows.map(([k, v]) => (
        <div key={k} className="fact">
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

const since = (from: string | null, to: string | null) => (from && to ? ` (${elapsedLabel(Date.parse(to) - Date.parse(from))})` : '');

export function TakeFacts({ projectId, take }: { projectId: string; take: Take }) {
  const rows: [string, ReactNode][] = [
    ['Status', <GenerationStatus take={take} />],
    ['Review', <ReviewBadge review={take.review} />],
  ];
  if (take.planVersion !== undefined)
    rows.push([
      'Plan',
      <Link to={`/projects/${projectId}/shots/${take.shotId}?tab=history`} className="mono" title="History of the plan">
        v{take.planVersion}
      </Link>,
    ]);
  if (take.model !== undefined) rows.push(['Model', <span className="mono">{take.model}</span>]);
  if (take.provider !== undefined) rows.push(['Provider', take.external ? `${providerName(take.provider)} (made outside Backlot)` : providerName(take.provider)]);
  if (take.seed !== undefined) rows.push(['Seed', <span className="mono">{take.seed ?? '—'}</span>]);
  if (take.providerTaskId) rows.push(['Provider task', <span className="mono small">{take.providerTaskId}</span>]);
  if (take.requestedBy !== undefined) rows.push(['Requested by', take.requestedBy]);
  if (take.attempts !== undefined && take.attempts > 1) rows.push(['Attempts', <span className="mono">{take.attempts}</span>]);
  if (take.parentTakeId) rows.push(['Regenerates', <Link to={`/projects/${projectId}/takes/${take.parentTakeId}`}>the parent take</Link>]);
  return <Facts label="Take" rows={rows} />;
}

export function TakeTimings({ take }: { take: Take }) {
  const t = take.timings;
  if (!t) return null;
  return (
    <Facts
      label="Timings"
      rows={[
        ['Requested', formatWhen(t.requestedAt)],
        [
          'Submitted',
          <>
            {formatWhen(t.submittedAt)}
            <span className="faint">{since(t.requestedAt, t.submittedAt)}</span>
          </>,
        ],
        [
          'Finished',
          <>
            {formatWhen(t.finishedAt)}
            <span className="faint">{since(t.submittedAt ?? t.requestedAt, t.finishedAt)}</span>
          </>,
        ],
        ['Ingest', <span className="mono">{elapsedLabel(t.ingestMs)}</span>],
      ]}
    />
  );
}

export function TakeCost({ take }: { take: Take }) {
  if (!take.cost) return null;
  const c = take.cost;
  return (
    <>
      <Facts
        label="Cost"
        rows={[
          ['Estimated', <span className="mono">{money(c.estimated, c.currency)}</span>],
          ['Reserved', <span className="mono">{money(c.reserved, c.currency)}</span>],
          ['Actual', <span className="mono">{c.actual === null ? 'not settled yet' : money(c.actual, c.currency)}</span>],
        ]}
      />
      {c.detail && <p className="field-hint take-cost-detail">{c.detail}</p>}
    </>
  );
}

export function TakeReferences({ projectId, take }: { projectId: string; take: Take }) {
  if (!take.references) return null;
  if (take.references.length === 0) return <p className="muted small">No references: generated from the plan’s words alone.</p>;
  return (
    <ul className="ref-list take-refs" aria-label="References used">
      {take.references.map((r) => (
        <li key={`${r.assetId}-${r.role}`} className="take-ref">
          <AssetThumb url={r.thumbnailUrl} kind={r.kind as never} className="take-ref-thumb" />
          <div className="take-ref-text">
            <Link to={`/projects/${projectId}/assets/${r.assetId}`}>{r.name}</Link>
            <div className="muted small">
              {ROLE_NAMES[r.role] ?? r.role} · <span className="mono">v{r.version}</span>
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}
