/** Invites someone by email with a role, then shows the one-time link to copy and whether it was mailed. */
import { ROLES, type Role } from '@backlot/contracts';
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { keys } from '../../shared/api/keys.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { Field, Form, FormActions, FormError, Input, Select } from '../../shared/ui/form.tsx';
import { OneTimeSecret } from '../../shared/ui/one-time-secret.tsx';
import { useProject } from '../../shared/project/project-context.ts';

const ROLE_HELP: Record<Role, string> = {
  owner: 'everything, including members and closing the project',
  producer: 'plans, assets, budgets and spend, approvals, settings',
  director: 'plans, generation, review and approval',
  editor: 'selected and approved takes, notes, handoff',
  viewer: 'watches approved takes and dailies; changes nothing',
};

export function InviteDialog({ onClose, onInvited }: { onClose: () => void; onInvited?: () => void }) {
  const { project } = useProject();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('director');
  const invite = useAction(() => api.createInvitation({ params: { projectId: project.id }, body: { email, role } }), { invalidates: [keys.members.invitations(project.id)] });
  const [made, setMade] = useState<Awaited<ReturnType<typeof api.createInvitation>>>();

  if (made) {
    return (
      <Dialog
        title={`Invitation for ${made.invitation.email}`}
        onClose={onClose}
        wide
        footer={
          <>
            <Button
              onClick={() => {
                setMade(undefined);
                setEmail('');
              }}
            >
              Invite someone else
            </Button>
            <Button variant="primary" onClick={onClose}>
              Done
            </Button>
          </>
        }
      >
        <OneTimeSecret label="Invitation link" value={made.url} copyLabel="Copy link" />
        {made.emailed ? (
          <Banner tone="ok">Mailed to {made.invitation.email}. You can also send the link yourself.</Banner>
        ) : (
          <Banner tone="info">This Backlot does not send mail: copy the link and send it to {made.invitation.email} yourself.</Banner>
        )}
        <p className="muted">The link works once, as {made.invitation.role}, until the invitation expires. Backlot shows it only now; if it is lost, revoke the invitation and invite again.</p>
      </Dialog>
    );
  }

  return (
    <Dialog title={`Invite a member to ${project.code}`} onClose={onClose}>
      <Form
        label="Invite a member"
        error={invite.error}
        onSubmit={async () => {
          const result = await invite.run();
          if (!result) return;
          setMade(result);
          onInvited?.();
        }}
      >
        <Field label="Email" name="email">
          <Input type="email" value={email} onChange={(e) => setEmail(e.target.value)} placeholder="name@studio.com" />
        </Field>
        <Field label="Role" name="role" hint={ROLE_HELP[role]}>
          <Select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </Select>
        </Field>
        <FormError />
        <FormActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" pending={invite.pending}>
            Create invitation
          </Button>
        </FormActions>
      </Form>
    </Dialog>
  );
}
