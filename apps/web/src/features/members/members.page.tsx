/** A project's members and their roles; owners change roles, remove members and invite new ones. */
import { useState } from 'react';
import { api } from '../../app/client.ts';
import { useLoad } from '../../lib/use-load.ts';
import { Button } from '../../ui/button.tsx';
import { PageHeader, Section } from '../../ui/page.tsx';
import { NeedsPermission } from '../projects/needs-permission.tsx';
import { useProject } from '../projects/project-context.ts';
import { SettingsTabs } from '../projects/settings-tabs.tsx';
import { InvitationsSection } from './invitations.section.tsx';
import { InviteDialog } from './invite.dialog.tsx';
import { MembersTable } from './members-table.tsx';

export function MembersPage() {
  const { project, can, mayChange } = useProject();
  const [inviting, setInviting] = useState(false);
  const mayManage = mayChange('members.manage');
  const invitations = useLoad(
    () => (can('members.manage') ? api.listInvitations({ params: { projectId: project.id } }) : Promise.resolve(undefined)),
    [project.id],
  );
  const inviteButton = mayManage && (
    <Button variant="primary" onClick={() => setInviting(true)}>
      Invite member
    </Button>
  );

  return (
    <div className="page">
      <PageHeader title="Settings" />
      <SettingsTabs />
      <NeedsPermission action="project.read" what="see the project's members">
        <Section title="Members" actions={inviteButton}>
          <MembersTable />
        </Section>
        {can('members.manage') && <InvitationsSection invitations={invitations} inviteButton={inviteButton} />}
      </NeedsPermission>
      {inviting && <InviteDialog onClose={() => setInviting(false)} onInvited={invitations.reload} />}
    </div>
  );
}
