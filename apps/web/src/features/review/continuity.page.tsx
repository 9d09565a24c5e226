/**
 * A scene's continuity: its shots in order, each by its approved take (else its selected one),
 * played as one sequence — when one take ends the next starts, cut to cut — with a strip of the
 * shots below to jump to any of them. The picture shown is the frame counted (no poster over it):
 * at 00:00:00:00 it is the first take's frame 0, and "F n" is the take's own frame number, counted
 * from 0 as the player and the previs slate count (DESIGN.md §7). Space plays and pauses, ←/→ go to the previous or next shot.
 */
import { useParams } from 'react-router-dom';
import { api, listAllScenes, listAllShots } from '../../shared/api/client.ts';
import { useDocumentTitle } from '../../shared/lib/use-document-title.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { keys } from '../../shared/api/keys.ts';
import { Button } from '../../shared/ui/button.tsx';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { LoadError, Loading } from '../../shared/ui/page.tsx';
import { NeedsPermission } from '../../shared/project/needs-permission.tsx';
import { useProject } from '../../shared/project/project-context.ts';
import { useCrumbs } from '../../shared/project/project-crumbs.ts';
import { Sequence, takeForShot, type Cut } from './continuity-sequence.tsx';

export function ContinuityPage() {
  return (
    <div className="page page-wide">
      <NeedsPermission action="project.read" what="see a scene's shots">
        <Continuity />
      </NeedsPermission>
    </div>
  );
}

function Continuity() {
  const { project } = useProject();
  const projectId = project.id;
  const { sceneId = '' } = useParams();
  const data = useLoad(keys.review.continuity(projectId, sceneId), async () => {
    const [{ scenes }, { shots }] = await Promise.all([listAllScenes(projectId), listAllShots(projectId, sceneId)]);
    const live = shots.filter((s) => s.status !== 'omitted').sort((a, b) => a.position - b.position);
    const lists = await Promise.all(live.map((s) => api.listTakes({ params: { projectId, shotId: s.id } })));
    const cuts: Cut[] = live.map((shot, i) => ({ shot, take: takeForShot(lists[i].takes, lists[i].best) }));
    return { scene: scenes.find((s) => s.id === sceneId), cuts };
  });
  const scene = data.data?.scene;
  useDocumentTitle(scene ? `Scene ${scene.number} continuity` : 'Continuity', project.code);
  useCrumbs(scene ? [{ label: `Scene ${scene.number} · ${scene.heading}`, to: `/projects/${projectId}/shots?scene=${sceneId}` }, { label: 'Continuity' }] : []);

  if (data.error && !data.data) return <LoadError error={data.error} retry={data.reload} />;
  if (!data.data) return <Loading what="Loading the scene's takes" />;
  const { cuts } = data.data;
  const playable = cuts.filter((c) => c.take);
  return (
    <>
      <div className="page-header">
        <div>
          <h1 className="page-title">Scene {scene?.number ?? ''} continuity</h1>
          <div className="page-sub">
            {scene?.heading} · {playable.length} of {cuts.length} shots have an approved or selected take
          </div>
        </div>
        <div className="page-actions">
          <Button onClick={data.reload}>Load again</Button>
        </div>
      </div>
      {playable.length === 0 ? (
        <EmptyState title="Nothing to play yet">Select or approve a take of each shot of this scene, and they play here in order as one sequence.</EmptyState>
      ) : (
        <Sequence projectId={projectId} cuts={cuts} rate={project.frameRate} timecodeMode={project.timecodeMode} />
      )}
    </>
  );
}
