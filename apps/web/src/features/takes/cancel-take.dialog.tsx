/** Asks once before canceling a take, saying what it costs: nothing while queued, possibly the render once the provider has it. */
import type { Take } from '@backlot/contracts';
import { api } from '../../shared/api/client.ts';
import { ConfirmDialog } from '../../shared/ui/confirm-dialog.tsx';

export function CancelTakeDialog({ projectId, take, onClose, onCanceled }: { projectId: string; take: Take; onClose: () => void; onCanceled: (take: Take) => void }) {
  const sent = take.status === 'submitted' || take.status === 'running';
  return (
    <ConfirmDialog
      title={`Cancel ${take.code}?`}
      confirmLabel={`Cancel ${take.code}`}
      danger
      onClose={onClose}
      onConfirm={async () => onCanceled(await api.cancelTake({ params: { projectId, takeId: take.id } }))}
    >
      {sent
        ? `${take.code} is already with ${take.provider}. Backlot asks it to stop; where the provider cannot stop, the take ends canceled when it finishes and whatever was charged is settled.`
        : `${take.code} has not been sent yet: canceling returns its reservation to the budget and nothing is charged.`}
    </ConfirmDialog>
  );
}
