/** Per model: how the estimates of its settled takes compare with what they cost, so systematically wrong estimates stand out. */
import type { SpendDrift } from '@backlot/contracts';
import { providerName } from '../../shared/lib/format.ts';

/** Past this drift (either way) a model's estimates are flagged. */
const FLAG_PERCENT = 10;

export function DriftTable({ drift }: { drift: SpendDrift }) {
  if (drift.models.length === 0) return <p className="muted">No settled takes yet: the drift shows once takes have cost something.</p>;
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Estimate drift">
        <thead>
          <tr>
            <th scope="col">Provider</th>
            <th scope="col">Model</th>
            <th scope="col" className="num">
              Settled takes
            </th>
            <th scope="col" className="num">
              Estimated ({drift.currency})
            </th>
            <th scope="col" className="num">
              Actual ({drift.currency})
            </th>
            <th scope="col" className="num">
              Drift
            </th>
          </tr>
        </thead>
        <tbody>
          {drift.models.map((m) => {
            const off = m.driftPercent !== null && Math.abs(m.driftPercent) > FLAG_PERCENT;
            return (
              <tr key={`${m.provider}/${m.model}`} aria-label={`${m.provider}/${m.model}`}>
                <td>{providerName(m.provider)}</td>
                <td className="mono">{m.model}</td>
                <td className="num mono">{m.takes}</td>
                <td className="num mono">{m.estimated}</td>
                <td className="num mono">{m.actual}</td>
                <td className={off ? 'num mono drift-off' : 'num mono'}>
                  {m.driftPercent === null ? '—' : `${m.driftPercent > 0 ? '+' : ''}${m.driftPercent.toFixed(1)} %`}
                  {off && <span className="tag tag-warn">{m.driftPercent! > 0 ? 'under-estimated' : 'over-estimated'}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
