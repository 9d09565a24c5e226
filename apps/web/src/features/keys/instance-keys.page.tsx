/** The instance's provider keys, for the admin: used by every project without a key of its own. */
import { api } from '../../shared/api/client.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { keys as queryKeys } from '../../shared/api/keys.ts';
import { LoadError, Loading, Section } from '../../shared/ui/page.tsx';
import { ProviderKeys } from './provider-keys.section.tsx';

export function InstanceKeysPage() {
  const keys = useLoad(queryKeys.providerKeys.instance, () => api.listInstanceProviderKeys());
  if (keys.error) return <LoadError error={keys.error} retry={keys.reload} />;
  if (!keys.data) return <Loading what="Loading provider keys" />;
  const byProvider = new Map(keys.data.keys.map((k) => [k.provider, k]));
  return (
    <Section title="Provider keys">
      <p className="muted">Keys here are used by every project that has none of its own. Owners can set a project's own key in its settings.</p>
      <ProviderKeys
        sealing={keys.data.sealing}
        scopeName="every project using it"
        rows={keys.data.providers.map((provider) => ({ provider, key: byProvider.get(provider) ?? null, own: byProvider.has(provider) }))}
        set={(provider, secret) => api.setInstanceProviderKey({ params: { provider }, body: { secret } })}
        remove={(provider) => api.deleteInstanceProviderKey({ params: { provider } })}
        test={(provider) => api.testInstanceProviderKey({ params: { provider } })}
        changed={keys.reload}
      />
    </Section>
  );
}
