/** Omitting a scene (struck through, kept with its number and shots, out of the running order) or restoring it, asked once. */
import type { Scene } from '@backlot/contracts';
import { api } from '../../shared/api/client.ts';
import { ConfirmDialog } from '../../shared/ui/confirm-dialog.tsx';

export function OmitSceneDialog({ projectId, scene, onClose, onSaved }: { projectId: string; scene: Scene; onClose: () => void; onSaved: (scene: Scene) => void }) {
  const shots = `${scene.shotCount} ${scene.shotCount === 1 ? 'shot' : 'shots'}`;
  return (
    <ConfirmDialog
      title={scene.omitted ? `Restore scene ${scene.number}?` : `Omit scene ${scene.number}?`}
      confirmLabel={scene.omitted ? 'Restore scene' : 'Omit scene'}
      danger={!scene.omitted}
      onClose={onClose}
      onConfirm={async () => onSaved(await api.updateScene({ params: { projectId, sceneId: scene.id }, body: { omitted: !scene.omitted } }))}
    >
      {scene.omitted
        ? `Scene ${scene.number} — ${scene.heading} — comes back into the running order with its ${shots}.`
        : `Scene ${scene.number} — ${scene.heading} — stays on the board, struck through, keeping its number and its ${shots}; it is out of the running order until restored. The change is recorded in the audit log.`}
    </ConfirmDialog>
  );
}
