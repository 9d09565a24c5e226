/** The projects the member belongs to: filter, show closed ones, move with j/k or ↑/↓ and open with Enter. */
import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useMe } from '../../shared/session/auth.tsx';
import { api } from '../../shared/api/client.ts';
import { useShortcuts } from '../../shared/shortcuts/shortcuts.tsx';
import { useDocumentTitle } from '../../shared/lib/use-document-title.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { keys } from '../../shared/api/keys.ts';
import { Button } from '../../shared/ui/button.tsx';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { LoadError, Loading, PageHeader } from '../../shared/ui/page.tsx';
import { BuildSampleButton } from '../../features/demo/build-sample.button.tsx';
import { CreateProjectDialog } from '../../features/projects/create-project.dialog.tsx';
import { ProjectsTable } from '../../features/projects/projects-table.tsx';

/** Moves focus to the next or previous project row. */
function moveFocus(step: number) {
  const links = [...document.querySelectorAll<HTMLAnchorElement>('[data-row-link]')];
  if (links.length === 0) return;
  const at = links.indexOf(document.activeElement as HTMLAnchorElement);
  const next = at === -1 ? (step > 0 ? 0 : links.length - 1) : Math.min(links.length - 1, Math.max(0, at + step));
  links[next].focus();
}

export function ProjectsPage() {
  const me = useMe();
  const [search, setSearch] = useSearchParams();
  const showClosed = search.get('closed') === '1';
  const filter = search.get('q') ?? '';
  const [creating, setCreating] = useState(false);
  useDocumentTitle('Projects');
  const searchBox = useRef<HTMLInputElement>(null);
  // Closed projects are always fetched, so the empty state can say when only closed ones exist.
  const list = useLoad(keys.projects.list('include'), () => api.listProjects({ query: { closed: 'include' } }));

  const setParam = (key: string, value: string | null) =>
    setSearch(
      (s) => {
        const next = new URLSearchParams(s);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  useShortcuts([
    { keys: ['j', 'ArrowDown'], label: 'j / ↓', help: 'Next project', run: () => moveFocus(1) },
    { keys: ['k', 'ArrowUp'], label: 'k / ↑', help: 'Previous project', run: () => moveFocus(-1) },
    { keys: [], label: 'Enter', help: 'Open the project', run: () => {} },
    { keys: ['/'], label: '/', help: 'Filter projects', run: () => searchBox.current?.focus() },
    ...(me.canCreateProjects ? [{ keys: ['n'], label: 'n', help: 'New project', run: () => setCreating(true) }] : []),
  ]);

  const needle = filter.trim().toLowerCase();
  const all = list.data?.projects ?? [];
  const hiddenClosed = showClosed ? 0 : all.filter((p) => p.closed).length;
  const projects = all.filter((p) => (showClosed || !p.closed) && (!needle || p.code.toLowerCase().includes(needle) || p.name.toLowerCase().includes(needle)));
  const newButton = me.canCreateProjects && (
    <Button variant="primary" onClick={() => setCreating(true)}>
      New project
    </Button>
  );

  return (
    <div className="page">
      <PageHeader title="Projects">
        <input
          ref={searchBox}
          className="input input-search"
          type="search"
          placeholder="Filter by code or name  /"
          aria-label="Filter projects"
          value={filter}
          onChange={(e) => setParam('q', e.target.value || null)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              moveFocus(1);
            }
          }}
        />
        <label className="toggle">
          <input type="checkbox" checked={showClosed} onChange={(e) => setParam('closed', e.target.checked ? '1' : null)} />
          Show closed
        </label>
        {newButton}
        {me.canCreateProjects && all.length > 0 && (
          // The sample stays at hand after the first project, for a new member to look around in.
          <details className="more-menu">
            <summary className="btn btn-plain">More</summary>
            <div className="more-menu-items">
              <BuildSampleButton />
            </div>
          </details>
        )}
      </PageHeader>

      {list.error ? <LoadError error={list.error} retry={list.reload} /> : null}
      {!list.data && !list.error && <Loading what="Loading projects" />}
      {list.data &&
        projects.length === 0 &&
        (needle ? (
          <EmptyState title={`No project matches “${filter}”`} action={<Button onClick={() => setParam('q', null)}>Clear the filter</Button>}>
            The filter looks at codes and names{showClosed ? '' : ' of open projects; closed ones are hidden'}.
          </EmptyState>
        ) : hiddenClosed > 0 ? (
          <EmptyState title="No open projects" action={<Button onClick={() => setParam('closed', '1')}>Show closed</Button>}>
            {hiddenClosed === 1 ? 'Your one project is closed.' : `All ${hiddenClosed} of your projects are closed.`} Closed projects are read-only; an owner can reopen them.
          </EmptyState>
        ) : me.canCreateProjects ? (
          <EmptyState
            title="No projects yet"
            action={
              <div className="empty-buttons demo-buttons">
                {newButton}
                <BuildSampleButton />
              </div>
            }
          >
            Create a project with its code, frame rate and resolution; you become its owner and can invite the crew. Or build the sample project to look around first: a short scene planned into shots,
            with references and previs takes.
          </EmptyState>
        ) : (
          <EmptyState title="No projects yet">You are not a member of any project. Ask a project owner to invite you.</EmptyState>
        ))}
      {projects.length > 0 && <ProjectsTable projects={projects} />}
      {creating && <CreateProjectDialog onClose={() => setCreating(false)} />}
    </div>
  );
}
