/** A project's members and their roles; owners change roles, remove members and invite new ones. */
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { keys } from '../../shared/api/keys.ts';
import { Button } from '../../shared/ui/button.tsx';
import { PageHeader, Section } from '../../shared/ui/page.tsx';
import { NeedsPermission } from '../../shared/project/needs-permission.tsx';
import { useProject } from '../../shared/project/project-context.ts';
import { SettingsTabs } from '../../shared/project/settings-tabs.tsx';
import { InvitationsSection } from './invitations.section.tsx';
import { InviteDialog } from './invite.dialog.tsx';
import { MembersTable } from './members-table.tsx';

export function MembersPage() {
  const { project, can, mayChange } = useProject();
  const [inviting, setInviting] = useState(false);
  const mayManage = mayChange('members.manage');
  const invitations = useLoad(keys.members.invitations(project.id), () => api.listInvitations({ params: { projectId: project.id } }), { enabled: can('members.manage') });
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
      {inviting && <InviteDialog onClose={() => setInviting(false)} />}
    </div>
  );
}
