/**
 * The Takes section of a project: every take the member may see (a member who does not generate:
 * the selected and approved ones) as a grid with posters, searched by prompt words (`/`), filtered
 * by provider, model, seed, status, review state, who asked, scene, shot and date, and ordered.
 * The whole filter lives in the address: a view can be shared, and Back returns to the search
 * before. Takes come a page at a time by cursor as the grid is scrolled (or with "Load more"), and
 * only the rows on screen are drawn, so tens of thousands stay quick. Saved searches bring a filter
 * back by name. Live: a take that changes anywhere in the project reloads the pages shown. Arrows
 * or j/k move between cards, Enter opens one.
 */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../shared/api/client.ts';
import { keys } from '../../shared/api/keys.ts';
import { messageOf, problemsOf } from '../../shared/lib/errors.ts';
import { moveFocus } from '../../shared/lib/grid-keys.ts';
import { NeedsPermission } from '../../shared/project/needs-permission.tsx';
import { useProject } from '../../shared/project/project-context.ts';
import { useShortcuts } from '../../shared/shortcuts/shortcuts.tsx';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button, LinkButton } from '../../shared/ui/button.tsx';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { Loading, PageHeader } from '../../shared/ui/page.tsx';
import { projectTakesInfinite } from './queries.ts';
import { SavedSearches } from './saved-searches.tsx';
import { TakeBrowserBar } from './take-browser-bar.tsx';
import { filterFromUrl, filterToQuery, filterToUrl, isFiltered, narrowFilter, refusalWords, searchAbilities, type TakeBrowserFilter } from './take-browser-filter.ts';
import { WindowedTakeGrid } from './windowed-take-grid.tsx';

/** The server's words for a failed search: each refused filter by its name in the bar, else its message. */
function refused(error: unknown): string {
  const problems = problemsOf(error);
  return problems.length ? `${refusalWords(problems)}.` : messageOf(error);
}

export function ProjectTakesPage() {
  return (
    <div className="page page-wide">
      <NeedsPermission action="take.read" what="see takes">
        <TakesBrowser />
      </NeedsPermission>
    </div>
  );
}

function TakesBrowser() {
  const { project, can, mayChange } = useProject();
  const projectId = project.id;
  const abilities = searchAbilities(can);
  const [search, setSearch] = useSearchParams();
  // What the member may not search by is let go (an address shared by someone with another role).
  const filter = narrowFilter(filterFromUrl(search), abilities);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the query is rebuilt when the filter's address changes, not on every render's new object
  const query = useMemo(() => filterToQuery(filter), [filterToUrl(filter).toString()]);
  const filtered = isFiltered(filter);
  const grid = useRef<HTMLUListElement>(null);
  const searchBox = useRef<HTMLInputElement>(null);

  const pages = useInfiniteQuery(projectTakesInfinite(projectId, query));
  const members = useQuery({ queryKey: keys.members.list(projectId), queryFn: () => api.listMembers({ params: { projectId } }), enabled: abilities.detail });
  const models = useQuery({ queryKey: keys.projects.models(projectId), queryFn: () => api.listModels({ params: { projectId } }), enabled: abilities.detail });

  /** Each change of filter is a step in the history: Back returns to the search before. */
  const show = (next: TakeBrowserFilter) => {
    setSearch(filterToUrl(next));
    window.scrollTo({ top: 0 });
  };
  const setFilter = (change: Partial<TakeBrowserFilter>) => show({ ...filter, ...change });
  const clear = () => show(narrowFilter(filterFromUrl(new URLSearchParams()), abilities));

  useShortcuts([
    ...(abilities.detail ? [{ keys: ['/'], label: '/', help: 'Search the prompts', run: () => searchBox.current?.focus() }] : []),
    { keys: ['j', 'ArrowRight'], label: 'j / →', help: 'Next take', run: () => moveFocus(grid.current, 'next') },
    { keys: ['k', 'ArrowLeft'], label: 'k / ←', help: 'Previous take', run: () => moveFocus(grid.current, 'previous') },
    { keys: ['ArrowDown'], label: '↓', help: 'Take below', run: () => moveFocus(grid.current, 'down') },
    { keys: ['ArrowUp'], label: '↑', help: 'Take above', run: () => moveFocus(grid.current, 'up') },
    { keys: [], label: 'Enter', help: 'Open the focused take', run: () => {} },
  ]);

  const first = pages.data?.pages[0];
  if (pages.error && !first) {
    // A filter the server refuses (a bad date range, a role's limit) is said in its words, with the way out.
    return (
      <>
        <PageHeader title="Takes" />
        <Banner tone="error" action={<Button onClick={clear}>Clear filters</Button>}>
          These takes cannot be shown. {refused(pages.error)}
        </Banner>
        <Button onClick={() => void pages.refetch()}>Try again</Button>
      </>
    );
  }
  if (!first) return <Loading what="Loading the takes" />;
  const takes = (pages.data?.pages ?? []).flatMap((p) => p.takes);
  const { shots, total } = first;
  // A page at a time, never while the pages shown are loading again (a live change), so none is asked twice.
  const busy = pages.isFetching;
  const more = () => {
    if (pages.hasNextPage && !busy) void pages.fetchNextPage();
  };
  const sub = abilities.generates
    ? 'Every take of the project: search the prompts, filter and order them. Open a shot to generate more.'
    : 'The selected and approved takes of the project, in scene and shot order unless you choose another.';
  const searching = pages.isPlaceholderData;

  return (
    <>
      <PageHeader title="Takes" sub={sub} />
      {shots.length === 0 ? (
        abilities.generates ? (
          <EmptyState title="No takes yet" action={<LinkButton to={`/projects/${projectId}/shots`}>Go to Shots</LinkButton>}>
            Takes are generated from shot plans: open a shot and generate its first takes.
          </EmptyState>
        ) : (
          <EmptyState title="Nothing to watch yet">The takes the team selects and approves show here, with their pictures. Nothing has been selected in {project.code} yet.</EmptyState>
        )
      ) : (
        <>
          <TakeBrowserBar
            ref={searchBox}
            filter={filter}
            setFilter={setFilter}
            clear={clear}
            filtered={filtered}
            abilities={abilities}
            shots={shots}
            members={members.data?.members ?? []}
            models={models.data?.models ?? []}
            count={searching ? 'Searching…' : `${takes.length} of ${total} ${total === 1 ? 'take' : 'takes'}`}
            onDone={() => moveFocus(grid.current, 'first')}
          />
          <SavedSearches projectId={projectId} filter={filter} maySave={mayChange('take.filter_save')} apply={show} />
          {pages.error ? <Banner tone="error">The takes could not be loaded again. {refused(pages.error)}</Banner> : null}
          {takes.length === 0 ? (
            <EmptyState title="No take matches" action={<Button onClick={clear}>Clear filters</Button>}>
              {filter.q ? `No take of this project has every word of “${filter.q}” in its prompt with these filters.` : 'No take of this project matches these filters.'}
            </EmptyState>
          ) : (
            <WindowedTakeGrid ref={grid} projectId={projectId} takes={takes} total={total} search={filter.q || undefined} busy={busy} onNearEnd={more} />
          )}
          {pages.hasNextPage && (
            <div className="takes-more">
              <Button onClick={more} pending={pages.isFetchingNextPage}>
                Load more
              </Button>
              <span className="muted">{total - takes.length} more</span>
            </div>
          )}
        </>
      )}
    </>
  );
}
