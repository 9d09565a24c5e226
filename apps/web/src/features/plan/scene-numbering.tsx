/**
 * Whether scene numbers are locked, and for owners and producers the switch: once locked, new
 * scenes are lettered (50A), cut scenes stay as OMITTED with their number, renumbering is refused.
 */
import { api } from '../../shared/api/client.ts';
import { messageOf } from '../../shared/lib/errors.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { keys } from '../../shared/api/keys.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Tag } from '../../shared/ui/tag.tsx';
import { useProject } from '../../shared/project/project-context.ts';

export function SceneNumbering() {
  const { project, mayChange } = useProject();
  const numbering = useLoad(keys.plan.numbering(project.id), () => api.getSceneNumbering({ params: { projectId: project.id } }));
  const toggle = useAction((locked: boolean) => api.setSceneNumbering({ params: { projectId: project.id }, body: { locked } }));
  const state = numbering.data;
  if (!state) return null;
  const when = state.lockedAt ? new Date(state.lockedAt).toLocaleDateString() : '';
  return (
    <span className="scene-numbering">
      {state.locked && (
        <Tag tone="warn" title={`Locked by ${state.lockedBy?.name ?? 'someone'} on ${when}: new scenes get lettered numbers (50A), cut scenes stay as OMITTED.`}>
          Numbering locked
        </Tag>
      )}
      {mayChange('project.edit_settings') && (
        <Button
          small
          variant="ghost"
          pending={toggle.pending}
          onClick={async () => {
            const next = await toggle.run(!state.locked);
            if (next) numbering.setData(next);
          }}
        >
          {state.locked ? 'Unlock numbering' : 'Lock numbering'}
        </Button>
      )}
      {toggle.error ? (
        <span role="alert" className="field-error">
          {messageOf(toggle.error)}
        </span>
      ) : null}
    </span>
  );
}
