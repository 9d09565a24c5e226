/** Jumps from one project to another, keeping the section (a section the member may not see there says so). */
import type { Project } from '@backlot/contracts';
import { useLocation, useNavigate } from 'react-router-dom';
import { api } from '../../shared/api/client.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { keys } from '../../shared/api/keys.ts';

export function ProjectSwitcher({ current }: { current: Project }) {
  const navigate = useNavigate();
  const location = useLocation();
  const list = useLoad(keys.projects.list('exclude'), () => api.listProjects({ query: { closed: 'exclude' } }));
  const projects = list.data?.projects ?? [];
  const others = projects.some((p) => p.id === current.id) ? projects : [current, ...projects];
  if (others.length < 2) return null;
  const section = location.pathname.split('/')[3] ?? '';
  return (
    <label className="switcher">
      <span className="visually-hidden">Switch project</span>
      <select className="select select-small" value={current.id} onChange={(e) => navigate(`/projects/${e.target.value}/${section}`)}>
        {others.map((p) => (
          <option key={p.id} value={p.id}>
            {p.code} — {p.name}
          </option>
        ))}
      </select>
    </label>
  );
}
