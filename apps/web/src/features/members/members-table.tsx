/** The member list; for owners, a role select and a remove button on each row. */
import { ROLES, type Member, type Role } from '@backlot/contracts';
import { useState } from 'react';
import { useMe } from '../../shared/session/auth.tsx';
import { api } from '../../shared/api/client.ts';
import { messageOf } from '../../shared/lib/errors.ts';
import { formatDay } from '../../shared/lib/format.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { keys } from '../../shared/api/keys.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { ConfirmDialog } from '../../shared/ui/confirm-dialog.tsx';
import { LoadError, Loading } from '../../shared/ui/page.tsx';
import { Table } from '../../shared/ui/table.tsx';
import { Tag } from '../../shared/ui/tag.tsx';
import { useProject } from '../../shared/project/project-context.ts';

export function MembersTable() {
  const me = useMe();
  const { project, mayChange } = useProject();
  const manage = mayChange('members.manage');
  const members = useLoad(keys.members.list(project.id), () => api.listMembers({ params: { projectId: project.id } }));
  const [problem, setProblem] = useState<string>();
  const [removing, setRemoving] = useState<Member>();

  async function changeRole(m: Member, role: Role) {
    setProblem(undefined);
    try {
      const updated = await api.changeMemberRole({ params: { projectId: project.id, accountId: m.accountId }, body: { role } });
      members.setData((d) => ({ members: (d?.members ?? []).map((x) => (x.accountId === m.accountId ? updated : x)) }));
    } catch (err) {
      setProblem(`${m.name} keeps the ${m.role} role: ${messageOf(err)}`);
    }
  }

  if (members.error) return <LoadError error={members.error} retry={members.reload} />;
  if (!members.data) return <Loading what="Loading members" />;
  return (
    <>
      {problem && <Banner tone="error">{problem}</Banner>}
      <Table label="Members" head={['Name', 'Email', 'Role', 'Joined', ...(manage ? [''] : [])]}>
        {members.data.members.map((m) => (
          <tr key={m.accountId}>
            <td>
              {m.name} {m.accountId === me.account.id && <Tag tone="muted">you</Tag>}
            </td>
            <td>{m.email}</td>
            <td>
              {manage ? (
                <select className="select select-small" aria-label={`Role of ${m.name}`} value={m.role} onChange={(e) => void changeRole(m, e.target.value as Role)}>
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {r}
                    </option>
                  ))}
                </select>
              ) : (
                m.role
              )}
            </td>
            <td>{formatDay(m.joinedAt)}</td>
            {manage && (
              <td className="cell-actions">
                <Button small variant="ghost" onClick={() => setRemoving(m)} aria-label={`Remove ${m.name}`}>
                  Remove
                </Button>
              </td>
            )}
          </tr>
        ))}
      </Table>
      {removing && (
        <ConfirmDialog
          title={`Remove ${removing.name}?`}
          confirmLabel="Remove member"
          danger
          onClose={() => setRemoving(undefined)}
          onConfirm={async () => {
            await api.removeMember({ params: { projectId: project.id, accountId: removing.accountId } });
            members.setData((d) => ({ members: (d?.members ?? []).filter((x) => x.accountId !== removing.accountId) }));
          }}
        >
          {removing.name} ({removing.email}) loses access to {project.code} at once. What they did stays in the audit log; inviting them again restores access.
        </ConfirmDialog>
      )}
    </>
  );
}
