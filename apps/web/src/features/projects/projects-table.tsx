/** The member's projects as a table: code, name (closed ones marked), their role, frame rate, timecode, resolution and when each was created; a row opens its project. */
import type { Project } from '@backlot/contracts';
import { Link, useNavigate } from 'react-router-dom';
import { formatDay, rateLabel, resolutionLabel } from '../../shared/lib/format.ts';
import { Table } from '../../shared/ui/table.tsx';
import { Tag } from '../../shared/ui/tag.tsx';

export function ProjectsTable({ projects }: { projects: Project[] }) {
  const navigate = useNavigate();
  return (
    <Table label="Projects" head={['Code', 'Name', 'Your role', 'Frame rate', 'Timecode', 'Resolution', 'Created']}>
      {projects.map((p) => (
        <tr key={p.id} className={p.closed ? 'row-link row-closed' : 'row-link'} onClick={() => navigate(`/projects/${p.id}`)}>
          <td className="mono">{p.code}</td>
          <td>
            <Link to={`/projects/${p.id}`} data-row-link onClick={(e) => e.stopPropagation()}>
              {p.name}
            </Link>
            {p.closed && <Tag tone="muted">Closed</Tag>}
          </td>
          <td>{p.myRole}</td>
          <td className="mono" title={p.frameRate}>
            {rateLabel(p.frameRate)}
          </td>
          <td className="mono">{p.timecodeMode.toUpperCase()}</td>
          <td className="mono">
            {resolutionLabel(p.resolution)} <span className="muted">{p.aspect}</span>
          </td>
          <td>{formatDay(p.createdAt)}</td>
        </tr>
      ))}
    </Table>
  );
}
