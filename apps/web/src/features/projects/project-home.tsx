/** A project's address without a section opens the first section the member may see. */
import { Navigate } from 'react-router-dom';
import { useProject } from '../../shared/project/project-context.ts';
import { sectionsFor } from './project-sections.ts';

export function ProjectHome() {
  const { permissions } = useProject();
  const first = sectionsFor(permissions)[0];
  return <Navigate to={first ? first.path : 'settings'} replace />;
}
