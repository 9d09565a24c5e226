/**
 * Whether scene numbers are locked, and for owners and producers the switch, which asks once and
 * says what it means: once locked, a scene added between 50 and 51 becomes 50A, a scene cut from
 * the script stays as "50 OMITTED", and renumbering is refused. `explained` writes that out beside
 * the state (the revisions page); on the scene board it is the switch's confirmation that says it.
 */
import type { SceneNumbering as Numbering } from '@backlot/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { keys } from '../../shared/api/keys.ts';
import { formatDay } from '../../shared/lib/format.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { useProject } from '../../shared/project/project-context.ts';
import { Button } from '../../shared/ui/button.tsx';
import { ConfirmDialog } from '../../shared/ui/confirm-dialog.tsx';
import { Tag } from '../../shared/ui/tag.tsx';

/** What locked numbers mean, in a production office's words. */
export const LOCKED_MEANS =
  'New scenes are lettered after the scene they follow (a scene between 50 and 51 becomes 50A), a scene cut from the script stays in place as “50 OMITTED”, and renumbering is refused.';

function lockedLine(state: Numbering): string {
  return `Locked by ${state.lockedBy?.name ?? 'someone'} on ${formatDay(state.lockedAt)}`;
}

export function SceneNumbering({ explained = false }: { explained?: boolean }) {
  const { project, mayChange } = useProject();
  const client = useQueryClient();
  const numbering = useLoad(keys.plan.numbering(project.id), () => api.getSceneNumbering({ params: { projectId: project.id } }));
  const [asking, setAsking] = useState(false);
  const state = numbering.data;
  if (!state) return null;
  const toggle = async () => {
    const next = await api.setSceneNumbering({ params: { projectId: project.id }, body: { locked: !state.locked } });
    numbering.setData(next);
    await client.invalidateQueries({ queryKey: keys.plan.revisions(project.id) });
  };
  return (
    <fieldset className={explained ? 'scene-numbering scene-numbering-explained fieldset-bare' : 'scene-numbering fieldset-bare'} aria-label="Scene numbering">
      {state.locked ? (
        <Tag tone="warn" title={`${lockedLine(state)}. ${LOCKED_MEANS}`}>
          Numbering locked
        </Tag>
      ) : (
        explained && <Tag tone="muted">Numbering open</Tag>
      )}
      {explained && (
        <span className="field-hint">
          {state.locked
            ? `${lockedLine(state)}. ${LOCKED_MEANS}`
            : 'Scenes are numbered in script order and renumbered as the script changes. Lock the numbers once pages go out, as a production office does.'}
        </span>
      )}
      {mayChange('project.edit_settings') && (
        <Button small variant="ghost" onClick={() => setAsking(true)}>
          {state.locked ? 'Unlock numbering' : 'Lock numbering'}
        </Button>
      )}
      {asking && (
        <ConfirmDialog
          title={state.locked ? 'Unlock scene numbers?' : 'Lock scene numbers?'}
          confirmLabel={state.locked ? 'Unlock numbering' : 'Lock numbering'}
          danger={state.locked}
          onConfirm={toggle}
          onClose={() => setAsking(false)}
        >
          {state.locked ? (
            <p>
              Scenes can be renumbered again, and a re-import numbers new scenes in script order. Numbers already on call sheets and pages may then no longer match. Everyone on the project sees the
              change.
            </p>
          ) : (
            <p>The scene numbers stay as they are now. {LOCKED_MEANS}</p>
          )}
        </ConfirmDialog>
      )}
    </fieldset>
  );
}
