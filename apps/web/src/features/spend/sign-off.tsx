/**
 * A producer's decision on a take waiting for sign-off: "Sign off" reserves its estimate and queues
 * it (refused, and kept waiting, when the budget or a cap no longer allows it — the server says
 * which); "Refuse…" asks why, in words the requester reads on their home, and cancels it. What it
 * changes (the take, the project's spend, home) is loaded again.
 */
import type { Take } from '@backlot/contracts';
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { keys } from '../../shared/api/keys.ts';
import { fieldOf, messageOf } from '../../shared/lib/errors.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { TextAreaField } from '../../shared/ui/text-area-field.tsx';

export interface SignOffTarget {
  id: string;
  /** "SC001_SH010 TK004". */
  name: string;
}

function useSignOff(projectId: string, takeId: string, onDone?: (take: Take) => void) {
  return useAction(
    async (decision: 'sign_off' | 'refuse', reason?: string) => {
      const take = await api.signOffTake({ params: { projectId, takeId }, body: { decision, reason } });
      onDone?.(take);
      return take;
    },
    { invalidates: [keys.spend.all(projectId), keys.takes.take(projectId, takeId), keys.takes.lists(projectId), keys.home] },
  );
}

/** The two buttons, and the refusal's dialog. */
export function SignOffActions({ projectId, take, onDone }: { projectId: string; take: SignOffTarget; onDone?: (take: Take) => void }) {
  const action = useSignOff(projectId, take.id, onDone);
  const [refusing, setRefusing] = useState(false);
  return (
    <div className="sign-off-actions">
      <Button small variant="primary" pending={action.pending} aria-label={`Sign off ${take.name}`} onClick={() => void action.run('sign_off')}>
        Sign off
      </Button>
      <Button small pending={action.pending} aria-label={`Refuse ${take.name}`} onClick={() => (action.clearError(), setRefusing(true))}>
        Refuse…
      </Button>
      {!refusing && action.error ? (
        <div className="sign-off-error" role="alert">
          {messageOf(action.error)}
        </div>
      ) : null}
      {refusing && <RefuseDialog projectId={projectId} take={take} onClose={() => setRefusing(false)} onDone={onDone} />}
    </div>
  );
}

function RefuseDialog({ projectId, take, onClose, onDone }: { projectId: string; take: SignOffTarget; onClose: () => void; onDone?: (take: Take) => void }) {
  const action = useSignOff(projectId, take.id, onDone);
  const [reason, setReason] = useState('');
  const refuse = async () => {
    if (await action.run('refuse', reason)) onClose();
  };
  return (
    <Dialog
      title={`Refuse ${take.name}?`}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Keep it waiting</Button>
          <Button variant="danger" pending={action.pending} onClick={() => void refuse()}>
            Refuse {take.name}
          </Button>
        </>
      }
    >
      <p className="confirm-text">The take is canceled and nothing is spent. Whoever asked for it reads your reason on their home.</p>
      <TextAreaField label="Why" name="reason" error={action.error} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus placeholder="e.g. Two takes of this are enough for previs" />
      {action.error && fieldOf(action.error) !== 'reason' ? <Banner tone="error">{messageOf(action.error)}</Banner> : null}
    </Dialog>
  );
}
