/**
 * A take's continuity checks as a table (check, result with icon and word, measured, expected,
 * threshold) and, for the frame checks, the take's frame beside the one it is compared with.
 */
import type { ContinuityResult } from '@backlot/contracts';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { Table } from '../../shared/ui/table.tsx';
import { ResultWord } from '../../shared/production/take-status.tsx';
import { CHECK_NAMES } from '../../shared/production/take-words.ts';

export function ContinuityTable({ results, finished }: { results: ContinuityResult[]; finished: boolean }) {
  if (results.length === 0) {
    return <EmptyState title="No continuity checks yet">{finished ? 'This take has no picture to check.' : 'They run once the take is rendered and stored.'}</EmptyState>;
  }
  const framed = results.filter((r) => r.frames);
  return (
    <>
      <Table label="Continuity" head={['Check', 'Result', 'Measured', 'Expected', 'Threshold']}>
        {results.map((r) => (
          <tr key={r.check} className={`continuity-${r.result}`}>
            <td className="nowrap">{CHECK_NAMES[r.check] ?? r.check}</td>
            <td className="nowrap">
              <ResultWord result={r.result} />
            </td>
            <td className="mono">{r.measured}</td>
            <td className="mono">{r.expected}</td>
            <td className="muted">{r.threshold}</td>
          </tr>
        ))}
      </Table>
      {framed.length > 0 && (
        <div className="frame-pairs">
          {framed.map((r) => (
            <figure key={r.check} className="frame-pair" aria-label={`${CHECK_NAMES[r.check] ?? r.check} compared`}>
              <figcaption className="frame-pair-caption">
                {CHECK_NAMES[r.check] ?? r.check} <ResultWord result={r.result} /> <span className="mono muted">{r.measured}</span>
              </figcaption>
              <div className="frame-pair-pictures">
                <div className="frame-pair-side">
                  <img src={r.frames!.take} alt={`The take's ${CHECK_NAMES[r.check]?.toLowerCase() ?? r.check}`} loading="lazy" />
                  <span className="frame-pair-label">This take</span>
                </div>
                <div className="frame-pair-side">
                  <img src={r.frames!.reference} alt={r.frames!.referenceLabel} loading="lazy" />
                  <span className="frame-pair-label">{r.frames!.referenceLabel}</span>
                </div>
              </div>
            </figure>
          ))}
        </div>
      )}
    </>
  );
}
