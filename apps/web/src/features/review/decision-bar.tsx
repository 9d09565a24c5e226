/**
 * Deciding on one take by mouse as well as by key: Reject / Maybe / Select / Approve, each naming
 * its key (R/M/S/A), and on an approved take Revoke (S) with a line saying how; a reason asked for
 * when the project wants one for that decision; the rights-risk refusal with "Approve anyway" for
 * those who may. The same `decide` serves the player's keys, so a key and a click do the same thing.
 */
import type { ReviewDecision, ReviewState, Take } from '@backlot/contracts';
import { ApiError } from '@backlot/contracts/client';
import { useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api/client.ts';
import { touchedByDecision } from '../../shared/api/keys.ts';
import { messageOf } from '../../shared/lib/errors.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { ApprovalRefusedDialog } from './approval-refused.dialog.tsx';
import { decisionOf, DECISION_VERBS, isAtRiskRefusal } from '../../shared/production/review-words.ts';

export type DecisionState = Exclude<ReviewState, 'unreviewed'>;

export interface DecisionsOptions {
  projectId: string;
  /** Undefined while the take loads: nothing is decided then. */
  take: Take | undefined;
  /** The project's review settings: decisions that need a reason. */
  reasonRequiredFor: readonly ReviewDecision[];
  mayOverride: boolean;
  onDecided: (take: Take) => void;
  /** The dailies session the decisions are made in (the session page): each is kept with it. */
  sessionId?: string;
}

export interface Decisions {
  /** A key or a button asks for a state; a reason is asked first where the project wants one. */
  decide: (state: DecisionState) => void;
  pending: boolean;
  /** What the last decision could not do, in the server's words. */
  trouble: string | undefined;
  /** The reason and refusal dialogs, to render once. */
  dialogs: ReactNode;
}

/** The decisions on one take, for its page: the player's keys and the bar's buttons both call `decide`. */
export function useDecisions({ projectId, take, reasonRequiredFor, mayOverride, onDecided, sessionId }: DecisionsOptions): Decisions {
  const [asking, setAsking] = useState<DecisionState>();
  const [refusal, setRefusal] = useState<string>();
  const [trouble, setTrouble] = useState<string>();
  const [pending, setPending] = useState(false);
  const queries = useQueryClient();

  const send = async (state: DecisionState, extra: { reason?: string; override?: boolean } = {}) => {
    if (!take) return;
    setPending(true);
    try {
      const changed = await api.setReview({ params: { projectId, takeId: take.id }, body: { state, ...extra, ...(sessionId ? { sessionId } : {}) } });
      onDecided(changed);
      for (const queryKey of touchedByDecision(projectId, changed)) void queries.invalidateQueries({ queryKey });
      setTrouble(undefined);
      setAsking(undefined);
      setRefusal(undefined);
    } catch (e) {
      setAsking(undefined);
      if (state === 'approved' && isAtRiskRefusal(e)) setRefusal(messageOf(e));
      // The take changed meanwhile (decided elsewhere) into a state where this decision needs a reason: ask for it.
      else if (e instanceof ApiError && e.field === 'reason' && !extra.reason) setAsking(state);
      else setTrouble(messageOf(e));
    } finally {
      setPending(false);
    }
  };

  // Always sent, even when the page believes the take is in that state already: the page may be
  // behind (decided in another window), and the server knows what the change really is.
  const decide = (state: DecisionState) => {
    if (!take) return;
    const decision = decisionOf(take.review, state);
    if (decision && reasonRequiredFor.includes(decision)) setAsking(state);
    else void send(state);
  };

  const dialogs = (
    <>
      {asking && take && (
        <ReasonDialog
          take={take}
          decision={decisionOf(take.review, asking) ?? decisionOf('unreviewed', asking)!}
          pending={pending}
          onClose={() => setAsking(undefined)}
          onSend={(reason) => void send(asking, { reason })}
        />
      )}
      {refusal && take && (
        <ApprovalRefusedDialog
          refusal={{ take, message: refusal }}
          pending={pending}
          onClose={() => setRefusal(undefined)}
          onOverride={mayOverride ? (reason) => void send('approved', { reason, override: true }) : undefined}
        />
      )}
    </>
  );
  return { decide, pending, trouble, dialogs };
}

/** Asks why, for a decision the project wants a reason for; the reason is kept in the take's history. */
function ReasonDialog({ take, decision, pending, onClose, onSend }: { take: Take; decision: ReviewDecision; pending: boolean; onClose: () => void; onSend: (reason: string) => void }) {
  const [reason, setReason] = useState('');
  const verb = DECISION_VERBS[decision];
  const formId = `reason-${take.id}`;
  return (
    <Dialog
      title={`${verb}: ${take.code}`}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" type="submit" form={formId} pending={pending} disabled={!reason.trim()}>
            {verb}
          </Button>
        </>
      }
    >
      <form
        id={formId}
        onSubmit={(e) => {
          e.preventDefault();
          if (reason.trim()) onSend(reason.trim());
        }}
      >
        <label className="field">
          <span className="field-label">Why? This project asks for a reason when you {verb.toLowerCase()} a take; it is kept in the take's history.</span>
          <textarea className="input" rows={3} value={reason} autoFocus maxLength={1000} onChange={(e) => setReason(e.target.value)} />
        </label>
      </form>
    </Dialog>
  );
}

/** Buttons keep the focus where it was (on the player), so space, the arrows and R/M/S/A stay the page's keys after a click. */
const keepFocus = (e: { preventDefault: () => void }) => e.preventDefault();

const BUTTONS: { state: DecisionState; key: string; label: string }[] = [
  { state: 'rejected', key: 'R', label: 'Reject' },
  { state: 'maybe', key: 'M', label: 'Maybe' },
  { state: 'selected', key: 'S', label: 'Select' },
  { state: 'approved', key: 'A', label: 'Approve' },
];

/** The decision buttons of a take, each with its key; an approved take offers Revoke (S) and says so. */
export function DecisionBar({ take, decisions, reasonRequiredFor }: { take: Take; decisions: Decisions; reasonRequiredFor: readonly ReviewDecision[] }) {
  const approved = take.review === 'approved';
  const asks = (d: ReviewDecision | null) => !!d && reasonRequiredFor.includes(d);
  return (
    <div className="decision-bar">
      <div className="decision-buttons" role="toolbar" aria-label="Decision">
        {approved ? (
          <Button
            aria-label="Revoke approval"
            aria-keyshortcuts="S"
            onMouseDown={keepFocus}
            pending={decisions.pending}
            onClick={() => decisions.decide('selected')}
            title={`Take the approval back: ${take.code} goes back to selected (S)${asks('revoke') ? '; a reason is asked' : ''}`}
          >
            Revoke approval <kbd>S</kbd>
          </Button>
        ) : (
          BUTTONS.map((b) => {
            const on = take.review === b.state;
            const blocked = b.state === 'approved' && take.review !== 'selected';
            return (
              <Button
                key={b.state}
                className={`decision decision-${b.state}${on ? ' is-on' : ''}`}
                aria-label={b.label}
                aria-keyshortcuts={b.key}
                aria-pressed={on}
                onMouseDown={keepFocus}
                disabled={decisions.pending || blocked}
                onClick={() => decisions.decide(b.state)}
                title={
                  blocked ? 'Only a selected take can be approved: select it first (S)' : `${b.label} ${take.code} (${b.key})${asks(decisionOf(take.review, b.state)) ? '; a reason is asked' : ''}`
                }
              >
                {b.label} <kbd>{b.key}</kbd>
              </Button>
            );
          })
        )}
      </div>
      {approved && (
        <p className="field-hint decision-hint">
          {take.code} is approved. To revoke the approval press <kbd>S</kbd> (or the button): it goes back to selected, and the shot is no longer approved.
        </p>
      )}
      {decisions.trouble && (
        <p className="field-error" role="alert">
          {decisions.trouble}
        </p>
      )}
    </div>
  );
}
