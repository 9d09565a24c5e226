/**
 * The shot list of the project (or one scene): rows grouped by scene; j/k or ↑/↓ move, Enter opens
 * the plan, alt+↑/↓ or a drag reorders within the scene, e renames; add, draft coverage, export, import.
 */
import type { Scene, Shot } from '@backlot/contracts';
import { useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { listAllScenes, listAllShots } from '../../shared/api/client.ts';
import { keys } from '../../shared/api/keys.ts';
import { dropOrder, useFocusAfterRender } from '../../shared/lib/reorder.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { NeedsPermission } from '../../shared/project/needs-permission.tsx';
import { useProject } from '../../shared/project/project-context.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button, LinkButton } from '../../shared/ui/button.tsx';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { LoadError, Loading, PageHeader } from '../../shared/ui/page.tsx';
import { matchesWords, SearchBox, useSearchWords } from '../../shared/ui/search-box.tsx';
import { AddShotDialog } from './add-shot.dialog.tsx';
import { CoverageDialog } from './coverage.dialog.tsx';
import { SceneActions, ScenePicker } from './shot-list-parts.tsx';
import { ExportButtons, ImportShotListDialog } from './shot-list-transfer.tsx';
import { useShotPosters } from './shot-posters.ts';
import { ShotTable, type SceneGroup } from './shot-table.tsx';
import { useShotListKeys } from './use-shot-list-keys.ts';
import { useShotOrder } from './use-shot-order.ts';

export function ShotsPage() {
  return (
    <div className="page page-wide">
      <NeedsPermission action="project.read" what="read shots">
        <ShotList />
      </NeedsPermission>
    </div>
  );
}

function ShotList() {
  const { project, mayChange } = useProject();
  const editable = mayChange('plan.edit');
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const sceneFilter = search.get('scene') ?? '';
  const projectId = project.id;
  const key = [...keys.plan.shots(projectId), 'with-scenes'];
  const data = useLoad(key, () => Promise.all([listAllScenes(projectId), listAllShots(projectId)]).then(([s, t]) => ({ scenes: s.scenes, shots: t.shots })));
  const order = useShotOrder(projectId, key);
  const [selected, setSelected] = useState<string>();
  const [editingCode, setEditingCode] = useState<string>();
  const [adding, setAdding] = useState<Scene>();
  const [drafting, setDrafting] = useState<Scene>();
  const [importing, setImporting] = useState(false);
  const focusRow = useFocusAfterRender('shot-id');

  const scenes = data.data?.scenes ?? [];
  const shots = data.data?.shots ?? [];
  const posters = useShotPosters(projectId);
  const [words, setWords] = useSearchWords();
  const searchBox = useRef<HTMLInputElement>(null);
  const found = (s: Shot) => !words || matchesWords(words, [s.code, s.plan.job, s.plan.subjectAction, s.plan.environment]);
  const groups: SceneGroup[] = scenes
    .filter((s) => !sceneFilter || s.id === sceneFilter)
    .map((scene) => ({ scene, shots: shots.filter((s) => s.sceneId === scene.id && found(s)) }))
    .filter((g) => !words || g.shots.length > 0);
  const visible = groups.flatMap((g) => g.shots);
  const replaceShot = (shot: Shot) => data.setData((d) => ({ scenes: d!.scenes, shots: d!.shots.map((s) => (s.id === shot.id ? shot : s)) }));
  const selectedShot = visible.find((s) => s.id === selected);
  const move = useShotListKeys({
    projectId,
    editable,
    visible,
    shots,
    selected,
    select: setSelected,
    focusRow,
    searchBox,
    rename: setEditingCode,
    add: () => {
      const scene = (selectedShot && scenes.find((s) => s.id === selectedShot.sceneId)) ?? groups[0]?.scene;
      if (scene) setAdding(scene);
    },
    saveOrder: order.save,
  });

  if (data.error && !data.data) return <LoadError error={data.error} retry={data.reload} />;
  if (!data.data) return <Loading what="Loading the shot list" />;
  const filterScene = scenes.find((s) => s.id === sceneFilter);
  const where = filterScene ? ` in scene ${filterScene.number}` : ` in ${groups.length} ${groups.length === 1 ? 'scene' : 'scenes'}`;

  return (
    <>
      <PageHeader title="Shots" sub={`${visible.length} ${visible.length === 1 ? 'shot' : 'shots'}${where}`}>
        <ScenePicker scenes={scenes} />
        <ExportButtons projectId={projectId} sceneId={sceneFilter || undefined} />
        {editable && (
          <Button small onClick={() => setImporting(true)}>
            Import shot list
          </Button>
        )}
      </PageHeader>
      {order.problem && <Banner tone="error">{order.problem}</Banner>}
      {scenes.length > 0 && (
        <search className="filter-bar" aria-label="Search shots">
          <SearchBox ref={searchBox} label="Search shots" value={words} onChange={setWords} onDone={() => move(1)} />
        </search>
      )}
      {words && visible.length === 0 && (
        <EmptyState title="No shot matches" action={<Button onClick={() => setWords('')}>Clear the search</Button>}>
          No shot{filterScene ? ` in scene ${filterScene.number}` : ''} has “{words}” in its code, job, action or environment.
        </EmptyState>
      )}
      {scenes.length === 0 ? (
        <EmptyState title="No scenes yet" action={<LinkButton to={`/projects/${projectId}/scenes`}>Go to Scenes</LinkButton>}>
          Shots belong to scenes. {editable ? 'Import a screenplay or add a scene first, then break it into shots here.' : 'Once scenes are planned, their shots are listed here.'}
        </EmptyState>
      ) : (
        <ShotTable
          projectId={projectId}
          groups={groups}
          editable={editable}
          selected={selected}
          editingCode={editingCode}
          onSelect={setSelected}
          onOpen={(id) => navigate(`/projects/${projectId}/shots/${id}`)}
          onEditCode={(id) => (setEditingCode(id), !id && selected && focusRow(selected))}
          onRenamed={replaceShot}
          onDrop={(sceneId, dragged, target) => {
            const ids = dropOrder(
              shots.filter((s) => s.sceneId === sceneId).map((s) => s.id),
              dragged,
              target.id,
              target.after,
            );
            if (ids) order.save(sceneId, ids);
          }}
          sceneActions={(scene) => <SceneActions projectId={projectId} scene={scene} editable={editable} onAdd={() => setAdding(scene)} onDraft={() => setDrafting(scene)} />}
          posters={posters}
        />
      )}
      {adding && (
        <AddShotDialog
          projectId={projectId}
          scene={adding}
          shots={shots.filter((s) => s.sceneId === adding.id)}
          afterShotId={selectedShot?.sceneId === adding.id ? selectedShot.id : undefined}
          onClose={() => setAdding(undefined)}
          onAdded={(shot) => setSelected(shot.id)}
        />
      )}
      {drafting && <CoverageDialog scene={drafting} onClose={() => setDrafting(undefined)} />}
      {importing && <ImportShotListDialog projectId={projectId} onClose={() => setImporting(false)} />}
    </>
  );
}
