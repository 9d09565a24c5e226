/** Lock a plan before generation; unlocking asks once, says what it allows and that it is audited. */
import type { Shot } from '@backlot/contracts';
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { messageOf } from '../../shared/lib/errors.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { Button } from '../../shared/ui/button.tsx';
import { ConfirmDialog } from '../../shared/ui/confirm-dialog.tsx';
import { useProject } from '../../shared/project/project-context.ts';

export function LockControls({ shot, dirty, onChanged }: { shot: Shot; dirty: boolean; onChanged: (shot: Shot) => void }) {
  const { project, mayChange } = useProject();
  const [asking, setAsking] = useState(false);
  const params = { projectId: project.id, shotId: shot.id };
  const lock = useAction(async () => onChanged(await api.lockPlan({ params })));
  if (!mayChange('plan.edit')) return null;

  if (!shot.locked) {
    return (
      <>
        {lock.error ? <span className="field-error">{messageOf(lock.error)}</span> : null}
        <Button
          pending={lock.pending}
          disabled={dirty}
          title={dirty ? 'Save or discard your changes before locking' : 'Nobody can edit a locked plan until it is unlocked'}
          onClick={() => void lock.run()}
        >
          Lock plan
        </Button>
      </>
    );
  }
  return (
    <>
      <Button onClick={() => setAsking(true)}>Unlock plan</Button>
      {asking && (
        <ConfirmDialog
          title={`Unlock the plan of ${shot.code}?`}
          confirmLabel="Unlock plan"
          danger
          onClose={() => setAsking(false)}
          onConfirm={async () => onChanged(await api.unlockPlan({ params }))}
        >
          Version {shot.planVersion} of {shot.code}'s plan{shot.lockedBy ? `, locked by ${shot.lockedBy},` : ''} can then be edited again, and takes may be generated from a plan that changes. The
          unlock is recorded in the project's audit log under your name.
        </ConfirmDialog>
      )}
    </>
  );
}
