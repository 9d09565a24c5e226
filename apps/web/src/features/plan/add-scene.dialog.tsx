/** Adds a scene at the end of the board (or after the focused one). */
import type { Scene } from '@backlot/contracts';
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { touchedByPlanChange } from '../../shared/api/keys.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { Form, FormActions, FormError } from '../../shared/ui/form.tsx';
import { charactersOf, EMPTY_SCENE, SceneFields, type SceneDraft } from './scene-fields.tsx';

export function AddSceneDialog({ projectId, after, onClose, onAdded }: { projectId: string; after?: Scene; onClose: () => void; onAdded: (scene: Scene) => void }) {
  const [draft, setDraft] = useState<SceneDraft>(EMPTY_SCENE);
  const [placeAfter, setPlaceAfter] = useState(!!after);
  const add = useAction(
    () =>
      api.createScene({
        params: { projectId },
        body: {
          number: draft.number.trim() || undefined,
          heading: draft.heading,
          beat: draft.beat,
          characters: charactersOf(draft.characters),
          afterSceneId: placeAfter && after ? after.id : undefined,
        },
      }),
    { invalidates: touchedByPlanChange(projectId) },
  );
  return (
    <Dialog title="Add a scene" onClose={onClose} wide>
      <Form
        label="Add a scene"
        error={add.error}
        onSubmit={async () => {
          const scene = await add.run();
          if (!scene) return;
          onAdded(scene);
          onClose();
        }}
      >
        <SceneFields draft={draft} change={(p) => setDraft((d) => ({ ...d, ...p }))} error={add.error} />
        {after && (
          <label className="toggle">
            <input type="checkbox" checked={placeAfter} onChange={(e) => setPlaceAfter(e.target.checked)} />
            Place it after scene {after.number} (otherwise at the end)
          </label>
        )}
        <FormError />
        <FormActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" pending={add.pending}>
            Add scene
          </Button>
        </FormActions>
      </Form>
    </Dialog>
  );
}
