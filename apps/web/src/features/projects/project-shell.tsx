/** The frame of a project: its live event stream, breadcrumbs, the project switcher, the section navigation and the closed banner. */
import { Fragment, useMemo, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../shared/api/client.ts';
import { useShortcuts } from '../../shared/shortcuts/shortcuts.tsx';
import { isNotFound } from '../../shared/lib/errors.ts';
import { useDocumentTitle } from '../../shared/lib/use-document-title.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { keys } from '../../shared/api/keys.ts';
import { useProjectEvents } from '../../shared/events/project-events.ts';
import { LinkButton } from '../../shared/ui/button.tsx';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { LoadError, Loading } from '../../shared/ui/page.tsx';
import { ClosedBanner } from './closed-banner.tsx';
import { openProject, ProjectContext } from '../../shared/project/project-context.ts';
import { CrumbsContext, type Crumb } from '../../shared/project/project-crumbs.ts';
import { PROJECT_SECTIONS, sectionsFor } from './project-sections.ts';
import { ProjectSwitcher } from './project-switcher.tsx';

export function ProjectShell() {
  const { projectId = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const detail = useLoad(keys.projects.detail(projectId), () => api.getProject({ params: { projectId } }));
  useProjectEvents(projectId);
  const open = useMemo(() => (detail.data ? openProject(detail.data, (d) => detail.setData(d), detail.reload) : undefined), [detail.data, detail.setData, detail.reload]);
  const [trail, setTrail] = useState<Crumb[]>([]);
  const sections = open ? sectionsFor(open.permissions) : [];
  const here = PROJECT_SECTIONS.find((s) => location.pathname.startsWith(`/projects/${projectId}/${s.path}`));
  useDocumentTitle(here?.label, open?.project.code);

  useShortcuts(
    sections.map((s, i) => ({
      keys: [String(i + 1)],
      label: String(i + 1),
      help: `Go to ${s.label}`,
      run: () => navigate(`/projects/${projectId}/${s.path}`),
    })),
  );

  if (detail.error && !detail.data) {
    if (isNotFound(detail.error)) {
      return (
        <EmptyState title="No such project" action={<LinkButton to="/projects">Back to projects</LinkButton>}>
          This project does not exist, or you are not a member of it. Ask one of its owners for an invitation.
        </EmptyState>
      );
    }
    return <LoadError error={detail.error} retry={detail.reload} />;
  }
  if (!open) return <Loading what="Opening the project" />;

  const { project } = open;
  return (
    <ProjectContext.Provider value={open}>
      <div className="project-bar">
        <nav className="breadcrumbs" aria-label="Breadcrumbs">
          <Link to="/projects">Projects</Link>
          <span className="crumb-sep" aria-hidden>
            ›
          </span>
          <Link to={`/projects/${projectId}`}>
            <span className="mono">{project.code}</span> {project.name}
          </Link>
          {here && (
            <>
              <span className="crumb-sep" aria-hidden>
                ›
              </span>
              {trail.length ? <Link to={here.path}>{here.label}</Link> : <span aria-current="page">{here.label}</span>}
            </>
          )}
          {trail.map((c, i) => (
            <Fragment key={i}>
              <span className="crumb-sep" aria-hidden>
                ›
              </span>
              {c.to ? (
                <Link to={c.to} className={c.mono ? 'mono' : undefined}>
                  {c.label}
                </Link>
              ) : (
                <span aria-current="page" className={c.mono ? 'mono' : undefined}>
                  {c.label}
                </span>
              )}
            </Fragment>
          ))}
        </nav>
        <ProjectSwitcher current={project} />
      </div>
      <nav className="project-nav" aria-label="Project">
        {sections.map((s) => (
          <NavLink key={s.path} to={s.path}>
            {s.label}
          </NavLink>
        ))}
      </nav>
      {project.closed && <ClosedBanner />}
      <div className="project-page">
        <CrumbsContext.Provider value={setTrail}>
          <Outlet />
        </CrumbsContext.Provider>
      </div>
    </ProjectContext.Provider>
  );
}
