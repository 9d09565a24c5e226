/** Parts of the shot list: the scene picker in its head, and each scene's buttons (add a shot, draft coverage, storyboard). */
import type { Scene } from '@backlot/contracts';
import { useSearchParams } from 'react-router-dom';
import { Button, LinkButton } from '../../shared/ui/button.tsx';

/** Shows all scenes or one (`?scene=`). */
export function ScenePicker({ scenes }: { scenes: Scene[] }) {
  const [search, setSearch] = useSearchParams();
  const pick = (id: string) =>
    setSearch(
      (s) => {
        const next = new URLSearchParams(s);
        if (id) next.set('scene', id);
        else next.delete('scene');
        return next;
      },
      { replace: true },
    );
  return (
    <label className="inline-pick">
      Scene
      <select className="select select-small" aria-label="Show scene" value={search.get('scene') ?? ''} onChange={(e) => pick(e.target.value)}>
        <option value="">All scenes</option>
        {scenes.map((s) => (
          <option key={s.id} value={s.id}>
            {s.number} — {s.heading}
            {s.omitted ? ' (omitted)' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A scene's buttons: add a shot and draft coverage for members who plan (not on an omitted scene), and its storyboard for all. */
export function SceneActions({ projectId, scene, editable, onAdd, onDraft }: { projectId: string; scene: Scene; editable: boolean; onAdd: () => void; onDraft: () => void }) {
  return (
    <>
      {editable && !scene.omitted && (
        <>
          <Button small aria-label={`Add a shot to scene ${scene.number}`} onClick={onAdd}>
            Add shot
          </Button>
          <Button small aria-label={`Draft coverage for scene ${scene.number}`} onClick={onDraft}>
            Draft coverage
          </Button>
        </>
      )}
      <LinkButton small variant="ghost" to={`/projects/${projectId}/scenes/${scene.id}/storyboard`} aria-label={`Storyboard of scene ${scene.number}`}>
        Storyboard
      </LinkButton>
    </>
  );
}
