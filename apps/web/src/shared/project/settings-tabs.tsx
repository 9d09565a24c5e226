/** The tabs of a project's settings: General, Members, Provider keys, ComfyUI workflows and Retention for those who may see them. */
import { NavLink } from 'react-router-dom';
import { useProject } from './project-context.ts';

export function SettingsTabs() {
  const { can, project } = useProject();
  const base = `/projects/${project.id}/settings`;
  return (
    <nav className="tabs" aria-label="Settings">
      <NavLink to={base} end>
        General
      </NavLink>
      {can('project.read') && <NavLink to={`${base}/members`}>Members</NavLink>}
      {can('keys.manage') && <NavLink to={`${base}/keys`}>Provider keys</NavLink>}
      {can('project.read') && <NavLink to={`${base}/comfyui`}>ComfyUI workflows</NavLink>}
      {can('retention.preview') && <NavLink to={`${base}/retention`}>Retention</NavLink>}
    </nav>
  );
}
