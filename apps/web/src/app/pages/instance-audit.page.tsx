/** The instance audit log (accounts, sign-ins, tokens, instance settings) and its checkpoints. */
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { Section } from '../../shared/ui/page.tsx';
import { AuditLog } from '../../features/audit/audit-log.tsx';
import { AuditCheckpoints } from '../../features/admin/audit-checkpoints.tsx';

export function InstanceAuditPage() {
  // Taking a checkpoint is itself an event of the instance chain: the log starts over to show it.
  const [round, setRound] = useState(0);
  return (
    <>
      <Section title="Audit checkpoints">
        <AuditCheckpoints onTaken={() => setRound((n) => n + 1)} />
      </Section>
      <Section title="Instance audit log">
        <AuditLog key={round} chainKey="instance" loadPage={(before) => api.instanceAudit({ query: { before, limit: 50 } })} verify={() => api.verifyInstanceAudit()} />
      </Section>
    </>
  );
}
