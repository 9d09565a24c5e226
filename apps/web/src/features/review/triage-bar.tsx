/** The line above a shot's grid while triaging: what is picked, the keys that decide, and what the last decision could not do. */
import type { Take } from '@backlot/contracts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import type { Triage } from './use-triage.ts';

export function TriageBar({ triage, takes, mayDecide, mayApprove, planKey }: { triage: Triage; takes: Take[]; mayDecide: boolean; mayApprove: boolean; planKey: boolean }) {
  const codes = triage.targets.map((id) => takes.find((t) => t.id === id)?.code).filter(Boolean);
  const count = codes.length;
  return (
    <>
      <div className="triage-bar" aria-live="polite" aria-label="Triage">
        <span className="triage-picked">
          {count === 0 ? 'No take focused' : triage.picking ? `${count} picked: ` : 'Focused: '}
          {count > 0 && <span className="mono">{count > 6 ? `${codes.slice(0, 6).join(', ')}…` : codes.join(', ')}</span>}
        </span>
        {mayDecide && (
          <span className="triage-keys faint">
            <kbd>R</kbd> reject · <kbd>M</kbd> maybe · <kbd>S</kbd> select{mayApprove && count === 1 && <> · <kbd>A</kbd> approve</>}
          </span>
        )}
        <span className="triage-keys faint">
          {count >= 2 && count <= 4 && (
            <>
              <kbd>C</kbd> compare ·{' '}
            </>
          )}
          {planKey && (
            <>
              <kbd>P</kbd> plan ·{' '}
            </>
          )}
          shift+arrows or shift/ctrl-click pick
        </span>
        {triage.picking && (
          <Button small variant="ghost" onClick={triage.clear}>
            Clear
          </Button>
        )}
        {triage.pending && <span className="faint">saving…</span>}
      </div>
      {triage.problem && (
        <Banner tone="error" action={<Button small variant="ghost" onClick={triage.dismiss}>Dismiss</Button>}>
          {triage.problem}
        </Banner>
      )}
    </>
  );
}
