/**
 * The spend view as a table: one row per provider, model, member, scene, shot or day, with the
 * takes, their estimates, what is reserved now (held for takes in flight) and what is settled;
 * the cost of rejects (scenes and shots), seconds approved and the cost per approved second
 * (scenes and models), and each scene's own budget bar. Amounts are right-aligned, in tabular
 * figures, in the project's currency; the totals close the table. j/k or ↑/↓ move from row to
 * row, Enter opens a scene's shots or a shot's takes.
 */
import type { SpendGrouping, SpendRow, SpendView } from '@backlot/contracts';
import { useRef } from 'react';
import { Link } from 'react-router-dom';
import { useShortcuts } from '../../shared/shortcuts/shortcuts.tsx';
import { BudgetBar } from './budget-bar.tsx';

const FIRST_COLUMN: Record<SpendGrouping, string> = { provider: 'Provider', model: 'Model', member: 'Member', scene: 'Scene', shot: 'Shot', day: 'Day (UTC)' };

/** The columns a grouping has: rejects for scenes and shots, approved seconds for scenes and models, budgets for scenes. */
export function columnsOf(by: SpendGrouping) {
  return { rejects: by === 'scene' || by === 'shot', perSecond: by === 'scene' || by === 'model', budget: by === 'scene' };
}

function RowLabel({ projectId, by, row }: { projectId: string; by: SpendGrouping; row: SpendRow }) {
  if (by === 'scene') return <Link to={`/projects/${projectId}/shots?scene=${row.key}`}>{row.label}</Link>;
  if (by === 'shot')
    return (
      <Link to={`/projects/${projectId}/shots/${row.key}/takes`} className="mono">
        {row.label}
      </Link>
    );
  if (by === 'model' || by === 'day') return <span className="mono">{row.label}</span>;
  return <>{row.label}</>;
}

/** Focuses the next or previous row of a table's body (rows take the focus, not the tab order). */
function moveRow(body: HTMLElement | null, step: 1 | -1) {
  const rows = [...(body?.querySelectorAll<HTMLElement>(':scope > tr') ?? [])];
  if (!rows.length) return;
  const at = rows.findIndex((r) => r === document.activeElement || r.contains(document.activeElement));
  rows[at < 0 ? (step > 0 ? 0 : rows.length - 1) : Math.max(0, Math.min(rows.length - 1, at + step))].focus();
}

const seconds = (s: number | null) => (s === null ? '—' : `${s.toFixed(2)} s`);

export function SpendTable({ projectId, view }: { projectId: string; view: SpendView }) {
  const { by, currency, rows, totals } = view;
  const cols = columnsOf(by);
  const amount = (a: string | null) => (a === null ? '—' : a);
  const body = useRef<HTMLTableSectionElement>(null);
  useShortcuts([
    { keys: ['j', 'ArrowDown'], label: 'j / ↓', help: 'Next row', run: () => moveRow(body.current, 1) },
    { keys: ['k', 'ArrowUp'], label: 'k / ↑', help: 'Previous row', run: () => moveRow(body.current, -1) },
    { keys: [], label: 'Enter', help: "Open the row's scene or shot", run: () => {} },
  ]);
  return (
    <div className="table-wrap">
      <table className="table spend-table" aria-label={`Spend by ${by}`}>
        <thead>
          <tr>
            <th scope="col">{FIRST_COLUMN[by]}</th>
            <th scope="col" className="num">
              Takes
            </th>
            <th scope="col" className="num">
              Estimated
            </th>
            <th scope="col" className="num">
              Reserved now
            </th>
            <th scope="col" className="num">
              Settled
            </th>
            {cols.rejects && (
              <th scope="col" className="num">
                Cost of rejects
              </th>
            )}
            {cols.perSecond && (
              <th scope="col" className="num">
                Approved
              </th>
            )}
            {cols.perSecond && (
              <th scope="col" className="num">
                Per approved second
              </th>
            )}
            {cols.budget && <th scope="col">Scene budget</th>}
          </tr>
        </thead>
        <tbody ref={body}>
          {rows.map((r) => (
            <tr
              key={r.key}
              aria-label={r.label}
              tabIndex={-1}
              className="spend-row"
              onKeyDown={(e) => {
                if (e.key === 'Enter' && e.target === e.currentTarget) e.currentTarget.querySelector('a')?.click();
              }}
            >
              <th scope="row">
                <RowLabel projectId={projectId} by={by} row={r} />
              </th>
              <td className="num mono" data-col="takes">
                {r.takes}
              </td>
              <td className="num mono" data-col="estimated">
                {r.estimated}
              </td>
              <td className="num mono" data-col="held">
                {r.held}
              </td>
              <td className="num mono" data-col="settled">
                {r.settled}
              </td>
              {cols.rejects && (
                <td className="num mono" data-col="rejects">
                  {amount(r.rejects)}
                </td>
              )}
              {cols.perSecond && (
                <td className="num mono" data-col="approved-seconds">
                  {seconds(r.approvedSeconds)}
                </td>
              )}
              {cols.perSecond && (
                <td
                  className="num mono"
                  data-col="per-approved-second"
                  title={r.perApprovedSecond === null ? 'No approved take yet: nothing bought to divide by' : `${r.settled} ${currency} settled ÷ ${seconds(r.approvedSeconds)} approved`}
                >
                  {amount(r.perApprovedSecond)}
                </td>
              )}
              {cols.budget && <td data-col="budget">{r.budget ? <BudgetBar bar={r.budget} currency={currency} label={`Budget of ${r.label}`} /> : <span className="faint">none of its own</span>}</td>}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr aria-label="Total">
            <th scope="row">Total ({currency})</th>
            <td className="num mono" data-col="takes">
              {totals.takes}
            </td>
            <td className="num mono" data-col="estimated">
              {totals.estimated}
            </td>
            <td className="num mono" data-col="held">
              {totals.held}
            </td>
            <td className="num mono" data-col="settled">
              {totals.settled}
            </td>
            {cols.rejects && (
              <td className="num mono" data-col="rejects">
                {totals.rejects}
              </td>
            )}
            {cols.perSecond && <td />}
            {cols.perSecond && <td />}
            {cols.budget && <td />}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
