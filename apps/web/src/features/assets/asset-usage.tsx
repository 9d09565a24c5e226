/** Where a reference is used: the shots whose current plan references it, in which role and version. */
import { Link } from 'react-router-dom';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { Table } from '../../shared/ui/table.tsx';
import { Tag } from '../../shared/ui/tag.tsx';
import type { AssetDetail } from './asset-detail.ts';
import { ROLE_NAMES } from '../../shared/production/asset-words.ts';

export function AssetUsage({ projectId, detail }: { projectId: string; detail: AssetDetail }) {
  const { asset, usage } = detail;
  if (usage.length === 0) {
    return <EmptyState title="Not used by any shot yet">Open a shot's plan and attach {asset.name} from its References; the shots that use it are listed here.</EmptyState>;
  }
  return (
    <Table label="Shots using this reference" head={['Shot', 'Role', 'Version']}>
      {usage.map((u) => (
        <tr key={`${u.shotId}-${u.role}`}>
          <td>
            <Link className="mono" to={`/projects/${projectId}/shots/${u.shotId}`}>
              {u.code}
            </Link>
          </td>
          <td>{ROLE_NAMES[u.role]}</td>
          <td className="nowrap">
            <span className="mono">v{u.version}</span>
            {asset.lockedVersion !== null && asset.lockedVersion !== u.version && <Tag tone="warn">not the locked version (v{asset.lockedVersion})</Tag>}
            {asset.lockedVersion === null && <Tag tone="warn">not locked</Tag>}
          </td>
        </tr>
      ))}
    </Table>
  );
}
