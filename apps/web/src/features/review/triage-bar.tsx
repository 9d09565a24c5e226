/**
 * The line above a shot's grid while triaging: what is picked, the decisions as buttons with their
 * keys (an approved take offers Revoke, S), Compare for two to four picked takes, and what the last
 * decision could not do.
 */
import type { Take } from '@backlot/contracts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import type { Triage } from './use-triage.ts';

/** Buttons keep the focus on the focused card, so the keys go on working after a click. */
const keepFocus = (e: { preventDefault: () => void }) => e.preventDefault();

export function TriageBar({
  triage,
  takes,
  mayDecide,
  mayApprove,
  planKey,
  onCompare,
}: {
  triage: Triage;
  takes: Take[];
  mayDecide: boolean;
  mayApprove: boolean;
  planKey: boolean;
  onCompare: () => void;
}) {
  const targets = triage.targets.map((id) => takes.find((t) => t.id === id)).filter((t): t is Take => !!t);
  const codes = targets.map((t) => t.code);
  const count = codes.length;
  const approvedOne = count === 1 && targets[0].review === 'approved';
  return (
    <>
      <fieldset className="triage-bar fieldset-bare" aria-label="Triage">
        {/* Only what is focused or picked is announced as it changes; the buttons are not. */}
        <output className="triage-picked">
          {count === 0 ? 'No take focused' : triage.picking ? `${count} picked: ` : 'Focused: '}
          {count > 0 && <span className="mono">{count > 6 ? `${codes.slice(0, 6).join(', ')}…` : codes.join(', ')}</span>}
        </output>
        {mayDecide && count > 0 && (
          <span className="triage-buttons" role="toolbar" aria-label="Decide">
            {approvedOne ? (
              mayApprove && (
                <Button
                  small
                  onMouseDown={keepFocus}
                  aria-label="Revoke approval"
                  aria-keyshortcuts="S"
                  title={`${codes[0]} is approved: S (or this button) revokes it, back to selected`}
                  onClick={() => void triage.decide('selected')}
                >
                  Revoke approval <kbd>S</kbd>
                </Button>
              )
            ) : (
              <>
                <Button small onMouseDown={keepFocus} aria-label="Reject" aria-keyshortcuts="R" onClick={() => void triage.decide('rejected')}>
                  Reject <kbd>R</kbd>
                </Button>
                <Button small onMouseDown={keepFocus} aria-label="Maybe" aria-keyshortcuts="M" onClick={() => void triage.decide('maybe')}>
                  Maybe <kbd>M</kbd>
                </Button>
                <Button small onMouseDown={keepFocus} aria-label="Select" aria-keyshortcuts="S" onClick={() => void triage.decide('selected')}>
                  Select <kbd>S</kbd>
                </Button>
                {mayApprove && count === 1 && (
                  <Button
                    small
                    onMouseDown={keepFocus}
                    aria-label="Approve"
                    aria-keyshortcuts="A"
                    disabled={targets[0].review !== 'selected'}
                    title={targets[0].review === 'selected' ? undefined : 'Only a selected take can be approved: select it first (S)'}
                    onClick={() => void triage.decide('approved')}
                  >
                    Approve <kbd>A</kbd>
                  </Button>
                )}
              </>
            )}
          </span>
        )}
        {count >= 2 && count <= 4 && (
          <Button small onMouseDown={keepFocus} aria-keyshortcuts="C" onClick={onCompare}>
            Compare {count} <kbd>C</kbd>
          </Button>
        )}
        <span className="triage-keys faint">
          {planKey && (
            <>
              <kbd>P</kbd> plan ·{' '}
            </>
          )}
          pick boxes, shift+arrows or shift/ctrl-click pick
        </span>
        {triage.picking && (
          <Button small variant="ghost" onClick={triage.clear}>
            Clear
          </Button>
        )}
        {triage.pending && <span className="faint">saving…</span>}
      </fieldset>
      {triage.problem && (
        <Banner
          tone="error"
          action={
            <Button small variant="ghost" onClick={triage.dismiss}>
              Dismiss
            </Button>
          }
        >
          {triage.problem}
        </Banner>
      )}
    </>
  );
}
