/**
 * The Takes section of a project: a grid of the takes the member may see (a viewer: the selected
 * and approved ones), posters first, in scene and shot order, filtered by review state, scene and
 * shot (the filters live in the address, so a filtered view can be shared), a page at a time with
 * "Show more". Live: a take that changes anywhere in the project reloads the grid. Arrows or j/k
 * move between cards, Enter opens one.
 */
import { REVIEW_STATES, TAKE_PAGE_LIMIT, type ReviewState } from '@backlot/contracts';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useShortcuts } from '../../shared/shortcuts/shortcuts.tsx';
import { Button, LinkButton } from '../../shared/ui/button.tsx';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { LoadError, Loading, PageHeader } from '../../shared/ui/page.tsx';
import { moveFocus } from '../../shared/lib/grid-keys.ts';
import { NeedsPermission } from '../../shared/project/needs-permission.tsx';
import { useProject } from '../../shared/project/project-context.ts';
import { FilterPick } from '../../shared/ui/filter-pick.tsx';
import { projectTakesQuery } from './queries.ts';
import { TakeCard } from './take-card.tsx';
import { REVIEW_NAMES } from '../../shared/production/take-words.ts';

const FILTERS = ['state', 'scene', 'shot'] as const;

export function ProjectTakesPage() {
  return (
    <div className="page page-wide">
      <NeedsPermission action="take.read" what="see takes">
        <TakesGrid />
      </NeedsPermission>
    </div>
  );
}

function TakesGrid() {
  const { project, can } = useProject();
  const projectId = project.id;
  const generates = can('take.generate');
  const [search, setSearch] = useSearchParams();
  const state = (search.get('state') ?? '') as ReviewState | '';
  const sceneId = search.get('scene') ?? '';
  const shotId = search.get('shot') ?? '';
  const filtered = FILTERS.some((f) => search.get(f));
  // How many takes are shown: the first page, and each "Show more" adds one.
  const [shown, setShown] = useState<number>(TAKE_PAGE_LIMIT.default);
  const grid = useRef<HTMLUListElement>(null);

  const page = useQuery(projectTakesQuery(projectId, { state, sceneId, shotId }, shown));

  const setFilter = (name: (typeof FILTERS)[number], value: string) => {
    setShown(TAKE_PAGE_LIMIT.default);
    setSearch(
      (s) => {
        const next = new URLSearchParams(s);
        if (value) next.set(name, value);
        else next.delete(name);
        // A shot belongs to one scene: picking another scene lets go of the shot.
        if (name === 'scene') next.delete('shot');
        return next;
      },
      { replace: true },
    );
  };

  useShortcuts([
    { keys: ['j', 'ArrowRight'], label: 'j / →', help: 'Next take', run: () => moveFocus(grid.current, 'next') },
    { keys: ['k', 'ArrowLeft'], label: 'k / ←', help: 'Previous take', run: () => moveFocus(grid.current, 'previous') },
    { keys: ['ArrowDown'], label: '↓', help: 'Take below', run: () => moveFocus(grid.current, 'down') },
    { keys: ['ArrowUp'], label: '↑', help: 'Take above', run: () => moveFocus(grid.current, 'up') },
    { keys: [], label: 'Enter', help: 'Open the focused take', run: () => {} },
  ]);

  if (page.error && !page.data) return <LoadError error={page.error} retry={() => void page.refetch()} />;
  if (!page.data) return <Loading what="Loading the takes" />;
  const { takes, shots, total, next } = page.data;
  const scenes = [...new Map(shots.map((s) => [s.sceneId, s.sceneNumber])).entries()];
  const shotsHere = sceneId ? shots.filter((s) => s.sceneId === sceneId) : shots;
  const sub = generates
    ? 'Every take of the project, in scene and shot order. Open a shot to generate more.'
    : 'The selected and approved takes of the project, in scene and shot order.';

  return (
    <>
      <PageHeader title="Takes" sub={sub} />
      {shots.length === 0 ? (
        generates ? (
          <EmptyState title="No takes yet" action={<LinkButton to={`/projects/${projectId}/shots`}>Go to Shots</LinkButton>}>
            Takes are generated from shot plans: open a shot and generate its first takes.
          </EmptyState>
        ) : (
          <EmptyState title="Nothing to watch yet">
            The takes the team selects and approves show here, with their pictures. Nothing has been selected in {project.code} yet.
          </EmptyState>
        )
      ) : (
        <>
          <div className="filter-bar takes-filters" role="search" aria-label="Filter takes">
            <FilterPick label="State" value={state} onPick={(v) => setFilter('state', v)} any="Any state" options={REVIEW_STATES.filter((r) => generates || r === 'selected' || r === 'approved').map((r) => [r, REVIEW_NAMES[r]])} />
            <FilterPick label="Scene" value={sceneId} onPick={(v) => setFilter('scene', v)} any="All scenes" options={scenes.map(([id, number]) => [id, `Scene ${number}`])} />
            <FilterPick label="Shot" value={shotId} onPick={(v) => setFilter('shot', v)} any="All shots" options={shotsHere.map((s) => [s.id, s.code])} />
            {filtered && (
              <Button small variant="ghost" onClick={() => setSearch(new URLSearchParams(), { replace: true })}>
                Clear filters
              </Button>
            )}
            <span className="muted filter-count" role="status">
              {takes.length} of {total} {total === 1 ? 'take' : 'takes'}
            </span>
          </div>
          {takes.length === 0 ? (
            <EmptyState title="No take matches" action={<Button onClick={() => setSearch(new URLSearchParams(), { replace: true })}>Clear filters</Button>}>
              No take of this project matches these filters.
            </EmptyState>
          ) : (
            <ul className="take-grid" aria-label="Takes" ref={grid}>
              {takes.map((t) => (
                <TakeCard key={t.id} projectId={projectId} take={t} showShot />
              ))}
            </ul>
          )}
          {next !== null && (
            <div className="takes-more">
              <Button onClick={() => setShown(takes.length + TAKE_PAGE_LIMIT.default)} pending={page.isFetching}>
                Show more
              </Button>
              <span className="muted">{total - takes.length} more</span>
            </div>
          )}
        </>
      )}
    </>
  );
}
