/** The project's audit log, for owners and producers. */
import { api } from '../../shared/api/client.ts';
import { PageHeader } from '../../shared/ui/page.tsx';
import { NeedsPermission } from '../../shared/project/needs-permission.tsx';
import { useProject } from '../../shared/project/project-context.ts';
import { AuditLog } from './audit-log.tsx';

export function ProjectAuditPage() {
  const { project } = useProject();
  const params = { projectId: project.id };
  return (
    <div className="page">
      <NeedsPermission action="audit.read" what="read the audit log">
        <PageHeader title="Audit" sub="Every change to this project: who, what and when, in a hash chain that shows any tampering." />
        <AuditLog key={project.id} chainKey={project.id} loadPage={(before) => api.projectAudit({ params, query: { before, limit: 50 } })} verify={() => api.verifyProjectAudit({ params })} />
      </NeedsPermission>
    </div>
  );
}
