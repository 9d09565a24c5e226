/** The instance audit log: accounts, sign-ins, tokens and instance settings. */
import { api } from '../../app/client.ts';
import { Section } from '../../ui/page.tsx';
import { AuditLog } from '../audit/audit-log.tsx';

export function InstanceAuditPage() {
  return (
    <Section title="Instance audit log">
      <AuditLog chainKey="instance" loadPage={(before) => api.instanceAudit({ query: { before, limit: 50 } })} verify={() => api.verifyInstanceAudit()} />
    </Section>
  );
}
