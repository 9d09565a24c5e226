/**
 * The shot list of the project (or one scene): rows grouped by scene; j/k or ↑/↓ move, Enter opens
 * the plan, alt+↑/↓ or a drag reorders within the scene, e renames; add, draft coverage, export, import.
 */
import type { Scene, Shot } from '@backlot/contracts';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api, listAllScenes, listAllShots } from '../../shared/api/client.ts';
import { useShortcuts } from '../../shared/shortcuts/shortcuts.tsx';
import { messageOf } from '../../shared/lib/errors.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { keys } from '../../shared/api/keys.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button, LinkButton } from '../../shared/ui/button.tsx';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { LoadError, Loading, PageHeader } from '../../shared/ui/page.tsx';
import { matchesWords, SearchBox, useSearchWords } from '../../shared/ui/search-box.tsx';
import { NeedsPermission } from '../../shared/project/needs-permission.tsx';
import { useProject } from '../../shared/project/project-context.ts';
import { dropOrder, stepOrder, useFocusAfterRender } from '../../shared/lib/reorder.ts';
import { AddShotDialog } from './add-shot.dialog.tsx';
import { CoverageDialog } from './coverage.dialog.tsx';
import { ExportButtons, ImportShotListDialog } from './shot-list-transfer.tsx';
import { useShotPosters } from './shot-posters.ts';
import { ShotTable, type SceneGroup } from './shot-table.tsx';

export function ShotsPage() {
  return (
    <div className="page page-wide">
      <NeedsPermission action="project.read" what="read shots">
        <ShotList />
      </NeedsPermission>
    </div>
  );
}

/** Whether a key press belongs to a field or an open dialog (alt+arrows are not page shortcuts). */
function busyElsewhere(e: KeyboardEvent) {
  const t = e.target as HTMLElement | null;
  return !!document.querySelector('dialog[open]') || !!t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));
}

function ShotList() {
  const { project, mayChange } = useProject();
  const editable = mayChange('plan.edit');
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const sceneFilter = search.get('scene') ?? '';
  const projectId = project.id;
  const data = useLoad([...keys.plan.shots(projectId), 'with-scenes'], () =>
    Promise.all([listAllScenes(projectId), listAllShots(projectId)]).then(([s, t]) => ({ scenes: s.scenes, shots: t.shots })),
  );
  const [selected, setSelected] = useState<string>();
  const [editingCode, setEditingCode] = useState<string>();
  const [adding, setAdding] = useState<Scene>();
  const [drafting, setDrafting] = useState<Scene>();
  const [importing, setImporting] = useState(false);
  const [problem, setProblem] = useState<string>();
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
  const setShots = (next: (shots: Shot[]) => Shot[]) => data.setData((d) => ({ scenes: d!.scenes, shots: next(d!.shots) }));
  const replaceShot = (shot: Shot) => setShots((all) => all.map((s) => (s.id === shot.id ? shot : s)));

  /** Puts a scene's shots in a new order on screen at once, then on the server; goes back if refused. */
  async function saveOrder(sceneId: string, ids: string[]) {
    const before = shots;
    const rank = new Map(ids.map((id, i) => [id, i]));
    setShots((all) => {
      const mine = all.filter((s) => s.sceneId === sceneId).sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
      let k = 0;
      return all.map((s) => (s.sceneId === sceneId ? mine[k++] : s));
    });
    setProblem(undefined);
    try {
      await api.reorderShots({ params: { projectId, sceneId }, body: { ids } });
    } catch (err) {
      setShots(() => before);
      setProblem(`The new order was not saved: ${messageOf(err)}`);
    }
  }

  const move = (step: number) => {
    if (visible.length === 0) return;
    const at = visible.findIndex((s) => s.id === selected);
    const next = at < 0 ? (step > 0 ? 0 : visible.length - 1) : Math.max(0, Math.min(visible.length - 1, at + step));
    setSelected(visible[next].id);
    focusRow(visible[next].id);
  };

  const open = (id: string) => navigate(`/projects/${projectId}/shots/${id}`);
  const selectedShot = visible.find((s) => s.id === selected);
  const sceneOfSelected = selectedShot && scenes.find((s) => s.id === selectedShot.sceneId);
  useShortcuts([
    { keys: ['/'], label: '/', help: 'Search shots by code, job or action', run: () => searchBox.current?.focus() },
    { keys: ['j', 'ArrowDown'], label: 'j / ↓', help: 'Next shot', run: () => move(1) },
    { keys: ['k', 'ArrowUp'], label: 'k / ↑', help: 'Previous shot', run: () => move(-1) },
    // Enter is handled by the focused row itself, so Enter on a button still presses the button.
    { keys: ['o'], label: 'Enter / o', help: 'Open the shot’s plan', run: () => selected && open(selected) },
    { keys: ['t'], label: 't', help: 'Open the shot’s takes', run: () => selected && navigate(`/projects/${projectId}/shots/${selected}/takes`) },
    ...(editable
      ? [
          { keys: [] as string[], label: 'Alt+↑ / Alt+↓', help: 'Move the shot earlier or later in its scene', run: () => {} },
          { keys: ['e'], label: 'e', help: 'Rename the shot’s code', run: () => selected && setEditingCode(selected) },
          {
            keys: ['n'],
            label: 'n',
            help: 'Add a shot to the selected shot’s scene',
            run: () => {
              const scene = sceneOfSelected ?? groups[0]?.scene;
              if (scene) setAdding(scene);
            },
          },
        ]
      : []),
  ]);

  // Alt+↑/↓ is not a page shortcut (those ignore modifier keys), so it has its own listener.
  const latest = useRef({ selectedShot, shots, editable, saveOrder, focusRow });
  latest.current = { selectedShot, shots, editable, saveOrder, focusRow };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') || busyElsewhere(e)) return;
      const { selectedShot: shot, shots: all, editable: can, saveOrder: save, focusRow: focus } = latest.current;
      if (!shot || !can) return;
      e.preventDefault();
      const ids = all.filter((s) => s.sceneId === shot.sceneId).map((s) => s.id);
      const order = stepOrder(ids, shot.id, e.key === 'ArrowUp' ? -1 : 1);
      if (order) {
        void save(shot.sceneId, order);
        focus(shot.id);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  if (data.error && !data.data) return <LoadError error={data.error} retry={data.reload} />;
  if (!data.data) return <Loading what="Loading the shot list" />;

  const filterScene = scenes.find((s) => s.id === sceneFilter);
  const sceneActions = (scene: Scene) => (
    <>
      {editable && !scene.omitted && (
        <>
          <Button small aria-label={`Add a shot to scene ${scene.number}`} onClick={() => setAdding(scene)}>
            Add shot
          </Button>
          <Button small aria-label={`Draft coverage for scene ${scene.number}`} onClick={() => setDrafting(scene)}>
            Draft coverage
          </Button>
        </>
      )}
      <LinkButton small variant="ghost" to={`/projects/${projectId}/scenes/${scene.id}/storyboard`} aria-label={`Storyboard of scene ${scene.number}`}>
        Storyboard
      </LinkButton>
    </>
  );

  return (
    <>
      <PageHeader title="Shots" sub={`${visible.length} ${visible.length === 1 ? 'shot' : 'shots'}${filterScene ? ` in scene ${filterScene.number}` : ` in ${groups.length} ${groups.length === 1 ? 'scene' : 'scenes'}`}`}>
        <label className="inline-pick">
          Scene
          <select
            className="select select-small"
            aria-label="Show scene"
            value={sceneFilter}
            onChange={(e) =>
              setSearch(
                (s) => {
                  const next = new URLSearchParams(s);
                  if (e.target.value) next.set('scene', e.target.value);
                  else next.delete('scene');
                  return next;
                },
                { replace: true },
              )
            }
          >
            <option value="">All scenes</option>
            {scenes.map((s) => (
              <option key={s.id} value={s.id}>
                {s.number} — {s.heading}
                {s.omitted ? ' (omitted)' : ''}
              </option>
            ))}
          </select>
        </label>
        <ExportButtons projectId={projectId} sceneId={sceneFilter || undefined} />
        {editable && (
          <Button small onClick={() => setImporting(true)}>
            Import shot list
          </Button>
        )}
      </PageHeader>
      {problem && <Banner tone="error">{problem}</Banner>}
      {scenes.length > 0 && (
        <div className="filter-bar" role="search" aria-label="Search shots">
          <SearchBox ref={searchBox} label="Search shots" value={words} onChange={setWords} onDone={() => move(1)} />
        </div>
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
          onOpen={open}
          onEditCode={(id) => {
            setEditingCode(id);
            if (!id && selected) focusRow(selected);
          }}
          onRenamed={replaceShot}
          onDrop={(sceneId, dragged, target) => {
            const order = dropOrder(
              shots.filter((s) => s.sceneId === sceneId).map((s) => s.id),
              dragged,
              target.id,
              target.after,
            );
            if (order) void saveOrder(sceneId, order);
          }}
          sceneActions={sceneActions}
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
