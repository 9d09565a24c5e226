/**
 * The scene board: scenes in script order as cards. Click or Enter opens a scene beside the board;
 * alt+↑/↓ or a drag moves it; members who plan add scenes, import a screenplay, omit and restore.
 */
import type { Scene, ShotPoster } from '@backlot/contracts';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { listAllScenes } from '../../shared/api/client.ts';
import { keys } from '../../shared/api/keys.ts';
import { useFocusAfterRender } from '../../shared/lib/reorder.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { NeedsPermission } from '../../shared/project/needs-permission.tsx';
import { useProject } from '../../shared/project/project-context.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button, LinkButton } from '../../shared/ui/button.tsx';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { LoadError, Loading, PageHeader } from '../../shared/ui/page.tsx';
import { matchesWords, SearchBox, useSearchWords } from '../../shared/ui/search-box.tsx';
import { AddSceneDialog } from './add-scene.dialog.tsx';
import { CoverageDialog } from './coverage.dialog.tsx';
import { ImportScreenplayDialog } from './import-screenplay.dialog.tsx';
import { OmitSceneDialog } from './omit-scene.dialog.tsx';
import { NoScenes, SceneBoardList } from './scene-board-list.tsx';
import { SceneNumbering } from './scene-numbering.tsx';
import { ScenePanel } from './scene-panel.tsx';
import { useShotPosters } from './shot-posters.ts';
import { useSceneBoardKeys } from './use-scene-board-keys.ts';
import { useSceneOrder } from './use-scene-order.ts';

export function ScenesPage() {
  return (
    <div className="page page-wide">
      <NeedsPermission action="project.read" what="read scenes">
        <SceneBoard />
      </NeedsPermission>
    </div>
  );
}

function SceneBoard() {
  const { project, mayChange } = useProject();
  const editable = mayChange('plan.edit');
  const projectId = project.id;
  const list = useLoad(keys.plan.scenes(projectId), () => listAllScenes(projectId));
  const [search, setSearch] = useSearchParams();
  const openId = search.get('scene') ?? undefined;
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const [drafting, setDrafting] = useState<Scene>();
  const [omitting, setOmitting] = useState<Scene>();
  const order = useSceneOrder(projectId);
  const focusCard = useFocusAfterRender('scene-id');
  const everyScene = list.data?.scenes ?? [];
  const [words, setWords] = useSearchWords();
  const searchBox = useRef<HTMLInputElement>(null);
  // The board shows the scenes the search finds; reordering works on the whole board, so it waits until the search is cleared.
  const scenes = words ? everyScene.filter((s) => matchesWords(words, [s.number, s.heading, s.beat, s.characters.join(' ')])) : everyScene;
  const openScene = everyScene.find((s) => s.id === openId);
  // A scene's picture: the first of its shots (in order) that has one.
  const posters = useShotPosters(projectId);
  const scenePoster = new Map<string, ShotPoster>();
  for (const p of posters.values()) if (!scenePoster.has(p.sceneId)) scenePoster.set(p.sceneId, p);
  const setOpen = (id: string | undefined) =>
    setSearch(
      (s) => {
        const next = new URLSearchParams(s);
        if (id) next.set('scene', id);
        else next.delete('scene');
        return next;
      },
      { replace: true },
    );
  const replace = (scene: Scene) => list.setData((d) => ({ scenes: d!.scenes.map((s) => (s.id === scene.id ? scene : s)) }));
  const { move, focusedScene } = useSceneBoardKeys({
    scenes,
    editable,
    focusCard,
    searchBox,
    close: () => setOpen(undefined),
    add: () => setAdding(true),
    importScreenplay: () => setImporting(true),
    draft: setDrafting,
  });
  // A scene just added gets focus once the reloaded board shows it.
  const added = useRef<string>(undefined);
  useEffect(() => {
    if (added.current && list.data?.scenes.some((s) => s.id === added.current)) {
      focusCard(added.current);
      added.current = undefined;
    }
  }, [list.data, focusCard]);

  if (list.error && !list.data) return <LoadError error={list.error} retry={list.reload} />;
  if (!list.data) return <Loading what="Loading scenes" />;
  const omittedCount = everyScene.filter((s) => s.omitted).length;
  const shotCount = everyScene.reduce((n, s) => n + s.shotCount, 0);
  const buttons = (
    <>
      <Button onClick={() => setImporting(true)}>Import screenplay</Button>
      <Button variant="primary" onClick={() => setAdding(true)}>
        Add scene
      </Button>
    </>
  );
  const sub = `${everyScene.length} ${everyScene.length === 1 ? 'scene' : 'scenes'}${omittedCount ? ` (${omittedCount} omitted)` : ''} · ${shotCount} ${shotCount === 1 ? 'shot' : 'shots'}`;

  return (
    <>
      <PageHeader title="Scenes" sub={everyScene.length ? sub : undefined}>
        {everyScene.length > 0 && <SceneNumbering />}
        {everyScene.length > 0 && (
          <LinkButton variant="ghost" small to={`/projects/${projectId}/revisions`}>
            Revisions
          </LinkButton>
        )}
        {editable && everyScene.length > 0 && buttons}
      </PageHeader>
      {order.problem && <Banner tone="error">{order.problem}</Banner>}
      {everyScene.length > 0 && (
        <search className="filter-bar" aria-label="Search scenes">
          <SearchBox ref={searchBox} label="Search scenes" value={words} onChange={setWords} onDone={() => move(1)} />
        </search>
      )}
      {words && scenes.length === 0 && (
        <EmptyState title="No scene matches" action={<Button onClick={() => setWords('')}>Clear the search</Button>}>
          No scene has “{words}” in its number, heading, beat or characters.
        </EmptyState>
      )}
      {everyScene.length === 0 ? (
        <NoScenes editable={editable} buttons={buttons} />
      ) : (
        <div className={openScene ? 'scene-layout scene-layout-open' : 'scene-layout'}>
          <SceneBoardList
            projectId={projectId}
            scenes={scenes}
            openId={openId}
            editable={editable}
            reorderable={editable && !words}
            posters={scenePoster}
            onOpen={(scene) => setOpen(scene.id)}
            onDraft={setDrafting}
            onOmit={setOmitting}
            onReorder={(ids, moved) => (order.save(ids), moved && focusCard(moved))}
          />
          {openScene && (
            <ScenePanel
              key={openScene.id + openScene.updatedAt}
              projectId={projectId}
              scene={openScene}
              editable={editable}
              onSaved={replace}
              onClose={() => (setOpen(undefined), focusCard(openScene.id))}
            />
          )}
        </div>
      )}
      {adding && <AddSceneDialog projectId={projectId} after={focusedScene() ?? openScene} onClose={() => setAdding(false)} onAdded={(scene) => (added.current = scene.id)} />}
      {importing && <ImportScreenplayDialog projectId={projectId} onClose={() => setImporting(false)} />}
      {drafting && <CoverageDialog scene={drafting} onClose={() => setDrafting(undefined)} />}
      {omitting && <OmitSceneDialog projectId={projectId} scene={omitting} onClose={() => setOmitting(undefined)} onSaved={replace} />}
    </>
  );
}
