/** A project's provider keys, for its owners: its own keys, and where the instance's are used instead. */
import { api } from '../../shared/api/client.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { keys as queryKeys } from '../../shared/api/keys.ts';
import { LoadError, Loading, PageHeader, Section } from '../../shared/ui/page.tsx';
import { useProject } from '../../shared/project/project-context.ts';
import { SettingsTabs } from '../../shared/project/settings-tabs.tsx';
import { ProviderKeys } from './provider-keys.section.tsx';

export function ProjectKeysPage() {
  const { project } = useProject();
  const params = { projectId: project.id };
  const keys = useLoad(queryKeys.providerKeys.project(project.id), () => api.listProviderKeys({ params }));
  return (
    <div className="page">
      <PageHeader title="Settings" />
      <SettingsTabs />
      <Section title="Provider keys">
        <p className="muted">A key set here is used for this project's takes instead of the instance's. Generation with a provider that has no key is refused before anything is spent.</p>
        {keys.error ? <LoadError error={keys.error} retry={keys.reload} /> : null}
        {!keys.data && !keys.error && <Loading what="Loading provider keys" />}
        {keys.data && (
          <ProviderKeys
            sealing={keys.data.sealing}
            scopeName="this project"
            rows={keys.data.providers.map((p) => ({ provider: p.provider, key: p.inForce, own: p.project !== null, note: p.project === null && p.inForce ? "(the instance's)" : undefined }))}
            set={(provider, secret) => api.setProviderKey({ params: { ...params, provider }, body: { secret } })}
            remove={(provider) => api.deleteProviderKey({ params: { ...params, provider } })}
            test={(provider) => api.testProviderKey({ params: { ...params, provider } })}
            changed={keys.reload}
          />
        )}
      </Section>
    </div>
  );
}
