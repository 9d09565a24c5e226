/** The open project, the member's role and what they may do in it, shared by every page of the project. */
import { createContext, useContext } from 'react';
import type { Action, Project, ProjectDetail } from '@backlot/contracts';

export interface OpenProject {
  project: Project;
  permissions: Action[];
  /** Whether the member's role includes an action. */
  can: (action: Action) => boolean;
  /**
   * Whether the member may change something now: their role allows it and the project is open.
   * A closed project is read-only for everyone; only reopening is offered.
   */
  mayChange: (action: Action) => boolean;
  /** After a change the server answered with the project. */
  update: (detail: ProjectDetail) => void;
  reload: () => void;
}

export const ProjectContext = createContext<OpenProject | null>(null);

export function useProject(): OpenProject {
  const open = useContext(ProjectContext);
  if (!open) throw new Error('useProject outside a project page');
  return open;
}

export function openProject(detail: ProjectDetail, update: OpenProject['update'], reload: () => void): OpenProject {
  const can = (action: Action) => detail.permissions.includes(action);
  return {
    project: detail.project,
    permissions: detail.permissions,
    can,
    mayChange: (action) => can(action) && (action === 'project.close' || !detail.project.closed),
    update,
    reload,
  };
}
