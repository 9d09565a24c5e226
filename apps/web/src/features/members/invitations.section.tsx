/** Pending invitations of a project, with revoke; the links themselves were shown once, when made. */
import type { Invitation } from '@backlot/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { api } from '../../shared/api/client.ts';
import { keys } from '../../shared/api/keys.ts';
import { formatDay, formatWhen } from '../../shared/lib/format.ts';
import type { Loaded } from '../../shared/lib/use-load.ts';
import { Button } from '../../shared/ui/button.tsx';
import { ConfirmDialog } from '../../shared/ui/confirm-dialog.tsx';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { LoadError, Loading, Section } from '../../shared/ui/page.tsx';
import { Table } from '../../shared/ui/table.tsx';
import { useProject } from '../../shared/project/project-context.ts';

interface Props {
  invitations: Loaded<{ invitations: Invitation[] }>;
  inviteButton: ReactNode;
}

export function InvitationsSection({ invitations, inviteButton }: Props) {
  const { project, mayChange } = useProject();
  const [revoking, setRevoking] = useState<Invitation>();
  const queries = useQueryClient();
  const manage = mayChange('members.manage');
  const pending = (invitations.data?.invitations ?? []).filter((i) => i.status === 'pending');

  let body: ReactNode;
  if (invitations.error) body = <LoadError error={invitations.error} retry={invitations.reload} />;
  else if (!invitations.data) body = <Loading what="Loading invitations" />;
  else if (pending.length === 0)
    body = (
      <EmptyState title="No pending invitations" action={inviteButton}>
        {manage ? 'Invite someone by email with a role; you get a one-time link to send them.' : 'The project is closed: reopen it to invite members.'}
      </EmptyState>
    );
  else
    body = (
      <Table label="Pending invitations" head={['Email', 'Role', 'Invited by', 'Sent', 'Expires', ...(manage ? [''] : [])]}>
        {pending.map((i) => (
          <tr key={i.id}>
            <td>{i.email}</td>
            <td>{i.role}</td>
            <td>{i.invitedBy}</td>
            <td>{formatDay(i.createdAt)}</td>
            <td>{formatWhen(i.expiresAt)}</td>
            {manage && (
              <td className="cell-actions">
                <Button small variant="ghost" onClick={() => setRevoking(i)} aria-label={`Revoke the invitation for ${i.email}`}>
                  Revoke
                </Button>
              </td>
            )}
          </tr>
        ))}
      </Table>
    );

  return (
    <Section title="Pending invitations">
      {body}
      {revoking && (
        <ConfirmDialog
          title={`Revoke the invitation for ${revoking.email}?`}
          confirmLabel="Revoke invitation"
          danger
          onClose={() => setRevoking(undefined)}
          onConfirm={async () => {
            await api.revokeInvitation({ params: { projectId: project.id, invitationId: revoking.id } });
            await queries.invalidateQueries({ queryKey: keys.members.invitations(project.id) });
          }}
        >
          The link sent to {revoking.email} stops working. You can invite them again later.
        </ConfirmDialog>
      )}
    </Section>
  );
}
