/**
 * The scene board: scenes in script order as cards. Click or Enter opens a scene beside the board;
 * alt+↑/↓ or a drag moves it; members who plan add scenes, import a screenplay, omit and restore.
 */
import type { Scene, ShotPoster } from '@backlot/contracts';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, listAllScenes } from '../../shared/api/client.ts';
import { useShortcuts } from '../../shared/shortcuts/shortcuts.tsx';
import { messageOf } from '../../shared/lib/errors.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { keys } from '../../shared/api/keys.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { ConfirmDialog } from '../../shared/ui/confirm-dialog.tsx';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { LoadError, Loading, PageHeader } from '../../shared/ui/page.tsx';
import { matchesWords, SearchBox, useSearchWords } from '../../shared/ui/search-box.tsx';
import { NeedsPermission } from '../../shared/project/needs-permission.tsx';
import { useProject } from '../../shared/project/project-context.ts';
import { dropOrder, stepOrder, useDragReorder, useFocusAfterRender } from '../../shared/lib/reorder.ts';
import { ImportScreenplayDialog } from './import-screenplay.dialog.tsx';
import { SceneNumbering } from './scene-numbering.tsx';
import { CoverageDialog } from './coverage.dialog.tsx';
import { useShotPosters } from './shot-posters.ts';
import { AddSceneDialog } from './add-scene.dialog.tsx';
import { SceneCard } from './scene-card.tsx';
import { ScenePanel } from './scene-panel.tsx';

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
  const [problem, setProblem] = useState<string>();
  const focusCard = useFocusAfterRender('scene-id');
  const everyScene = list.data?.scenes ?? [];
  const [words, setWords] = useSearchWords();
  const searchBox = useRef<HTMLInputElement>(null);
  // The board shows the scenes the search finds; reordering works on the whole board, so it waits until the search is cleared.
  const scenes = words ? everyScene.filter((s) => matchesWords(words, [s.number, s.heading, s.beat, s.characters.join(' ')])) : everyScene;
  const reorderable = editable && !words;
  const openScene = everyScene.find((s) => s.id === openId);
  const posters = useShotPosters(projectId);
  // A scene's picture: the first of its shots (in order) that has one.
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

  /** Shows the new order at once, then saves it; goes back and says why if the server refuses. */
  async function saveOrder(ids: string[]) {
    const before = everyScene;
    const rank = new Map(ids.map((id, i) => [id, i]));
    list.setData({ scenes: [...everyScene].sort((a, b) => rank.get(a.id)! - rank.get(b.id)!) });
    setProblem(undefined);
    try {
      await api.reorderScenes({ params: { projectId }, body: { ids } });
    } catch (err) {
      list.setData({ scenes: before });
      setProblem(`The new order was not saved: ${messageOf(err)}`);
    }
  }
  const drag = useDragReorder((dragged, target) => {
    const order = dropOrder(
      scenes.map((s) => s.id),
      dragged,
      target.id,
      target.after,
    );
    if (order) void saveOrder(order);
  });

  const focused = () => (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('[data-scene-id]')?.dataset.sceneId;
  const move = (step: number) => {
    if (!scenes.length) return;
    const at = scenes.findIndex((s) => s.id === focused());
    const next = at < 0 ? (step > 0 ? 0 : scenes.length - 1) : Math.max(0, Math.min(scenes.length - 1, at + step));
    focusCard(scenes[next].id);
  };
  const focusedScene = () => scenes.find((s) => s.id === focused());

  useShortcuts([
    { keys: ['/'], label: '/', help: 'Search scenes by number, heading, beat or character', run: () => searchBox.current?.focus() },
    { keys: ['j', 'ArrowDown', 'ArrowRight'], label: 'j / ↓', help: 'Next scene', run: () => move(1) },
    { keys: ['k', 'ArrowUp', 'ArrowLeft'], label: 'k / ↑', help: 'Previous scene', run: () => move(-1) },
    { keys: [], label: 'Enter', help: 'Open the scene beside the board', run: () => {} },
    { keys: ['Escape'], label: 'Esc', help: 'Close the scene panel', run: () => setOpen(undefined) },
    ...(editable
      ? [
          { keys: [] as string[], label: 'Alt+↑ / Alt+↓', help: 'Move the scene earlier or later', run: () => {} },
          { keys: ['a'], label: 'a', help: 'Add a scene', run: () => setAdding(true) },
          { keys: ['i'], label: 'i', help: 'Import a screenplay', run: () => setImporting(true) },
          {
            keys: ['c'],
            label: 'c',
            help: 'Draft coverage for the focused scene',
            run: () => {
              const s = focusedScene();
              if (s && !s.omitted) setDrafting(s);
            },
          },
        ]
      : []),
  ]);

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
  const addButton = (primary: boolean) => (
    <Button variant={primary ? 'primary' : 'plain'} onClick={() => setAdding(true)}>
      Add scene
    </Button>
  );
  const importButton = (
    <Button onClick={() => setImporting(true)}>Import screenplay</Button>
  );

  return (
    <>
      <PageHeader
        title="Scenes"
        sub={everyScene.length ? `${everyScene.length} ${everyScene.length === 1 ? 'scene' : 'scenes'}${omittedCount ? ` (${omittedCount} omitted)` : ''} · ${shotCount} ${shotCount === 1 ? 'shot' : 'shots'}` : undefined}
      >
        {everyScene.length > 0 && <SceneNumbering />}
        {editable && everyScene.length > 0 && (
          <>
            {importButton}
            {addButton(true)}
          </>
        )}
      </PageHeader>
      {problem && <Banner tone="error">{problem}</Banner>}
      {everyScene.length > 0 && (
        <div className="filter-bar" role="search" aria-label="Search scenes">
          <SearchBox ref={searchBox} label="Search scenes" value={words} onChange={setWords} onDone={() => move(1)} />
        </div>
      )}
      {words && scenes.length === 0 && (
        <EmptyState title="No scene matches" action={<Button onClick={() => setWords('')}>Clear the search</Button>}>
          No scene has “{words}” in its number, heading, beat or characters.
        </EmptyState>
      )}
      {everyScene.length === 0 ? (
        editable ? (
          <EmptyState
            title="Import a screenplay or add a scene"
            action={
              <div className="empty-buttons">
                {importButton}
                {addButton(true)}
              </div>
            }
          >
            A Fountain screenplay becomes numbered scenes with their headings, characters and script; re-importing a new draft says what changed. Or type the scenes in.
          </EmptyState>
        ) : (
          <EmptyState title="No scenes yet">Scenes appear here once a director or producer imports the screenplay or adds them.</EmptyState>
        )
      ) : (
        <div className={openScene ? 'scene-layout scene-layout-open' : 'scene-layout'}>
          <ol className="scene-board" aria-label="Scene board">
            {scenes.map((scene) => (
              <SceneCard
                key={scene.id}
                projectId={projectId}
                scene={scene}
                editable={editable}
                selected={scene.id === openId}
                poster={scenePoster.get(scene.id)}
                dropClass={drag.dropClass(scene.id)}
                dragHandlers={drag.handlers(scene.id, 'scenes', reorderable)}
                onOpen={() => setOpen(scene.id)}
                onDraft={() => setDrafting(scene)}
                onOmit={() => setOmitting(scene)}
                onKeyDown={(e) => {
                  if (e.target !== e.currentTarget) return;
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    setOpen(scene.id);
                  } else if (e.altKey && reorderable && (e.key === 'ArrowUp' || e.key === 'ArrowDown' || e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
                    e.preventDefault();
                    const order = stepOrder(
                      scenes.map((s) => s.id),
                      scene.id,
                      e.key === 'ArrowUp' || e.key === 'ArrowLeft' ? -1 : 1,
                    );
                    if (order) {
                      void saveOrder(order);
                      focusCard(scene.id);
                    }
                  }
                }}
              />
            ))}
          </ol>
          {openScene && (
            <ScenePanel
              key={openScene.id + openScene.updatedAt}
              projectId={projectId}
              scene={openScene}
              editable={editable}
              onSaved={replace}
              onClose={() => {
                setOpen(undefined);
                focusCard(openScene.id);
              }}
            />
          )}
        </div>
      )}
      {adding && (
        <AddSceneDialog
          projectId={projectId}
          after={focusedScene() ?? openScene}
          onClose={() => setAdding(false)}
          onAdded={(scene) => {
            added.current = scene.id;
          }}
        />
      )}
      {importing && <ImportScreenplayDialog projectId={projectId} onClose={() => setImporting(false)} />}
      {drafting && <CoverageDialog scene={drafting} onClose={() => setDrafting(undefined)} />}
      {omitting && (
        <ConfirmDialog
          title={omitting.omitted ? `Restore scene ${omitting.number}?` : `Omit scene ${omitting.number}?`}
          confirmLabel={omitting.omitted ? 'Restore scene' : 'Omit scene'}
          danger={!omitting.omitted}
          onClose={() => setOmitting(undefined)}
          onConfirm={async () => {
            replace(await api.updateScene({ params: { projectId, sceneId: omitting.id }, body: { omitted: !omitting.omitted } }));
          }}
        >
          {omitting.omitted
            ? `Scene ${omitting.number} — ${omitting.heading} — comes back into the running order with its ${omitting.shotCount} ${omitting.shotCount === 1 ? 'shot' : 'shots'}.`
            : `Scene ${omitting.number} — ${omitting.heading} — stays on the board, struck through, keeping its number and its ${omitting.shotCount} ${omitting.shotCount === 1 ? 'shot' : 'shots'}; it is out of the running order until restored. The change is recorded in the audit log.`}
        </ConfirmDialog>
      )}
    </>
  );
}
