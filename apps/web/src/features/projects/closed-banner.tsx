/** Says a project is closed and read-only; an owner may reopen it from here. */
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { formatWhen } from '../../shared/lib/format.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { ConfirmDialog } from '../../shared/ui/confirm-dialog.tsx';
import { useProject } from '../../shared/project/project-context.ts';

export function ClosedBanner() {
  const { project, mayChange, update } = useProject();
  const [asking, setAsking] = useState(false);
  return (
    <>
      <Banner
        tone="warn"
        action={
          mayChange('project.close') && (
            <Button small onClick={() => setAsking(true)}>
              Reopen project
            </Button>
          )
        }
      >
        This project is closed and read-only (since {formatWhen(project.closedAt)}).
        {mayChange('project.close') ? ' Reopen it to make changes.' : ' An owner can reopen it.'}
      </Banner>
      {asking && (
        <ConfirmDialog
          title={`Reopen ${project.code}?`}
          confirmLabel="Reopen project"
          onClose={() => setAsking(false)}
          onConfirm={async () => update(await api.reopenProject({ params: { projectId: project.id } }))}
        >
          {project.name} returns to every member's project list and can be changed again.
        </ConfirmDialog>
      )}
    </>
  );
}
