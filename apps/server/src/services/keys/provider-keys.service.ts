/**
 * Provider keys: one per provider for the instance, and optionally a project's own, which wins.
 * A key is sealed by the secret box before it reaches the database and opened only to call the
 * provider; answers, audit events and logs carry its last characters at most.
 */
import { toStoredText, type ConnectionTest, type InstanceProviderKeyList, type ProviderKey, type ProviderKeyList, type ProviderName } from '@backlot/contracts';
import { INSTANCE_CHAIN, projectChain } from '../../domain/audit/audit-chain.ts';
import { fail } from '../../domain/errors.ts';
import type { SecretBox } from '../../ports/crypto.ts';
import type { ProviderKeyRecord, Store } from '../../ports/store.ts';
import type { AssetCredential, ProviderRegistry } from '../../ports/video-provider.ts';
import { appendAudit, type Actor, type AuditDeps } from '../audit/audit-append.ts';

export interface ProviderKeysDeps extends AuditDeps {
  store: Store;
  box: SecretBox;
  providers: ProviderRegistry;
  /** How long a connection test may take. */
  testTimeoutMs?: number;
}

/** Where a key belongs: the instance, or one project. */
export type KeyOwner = { kind: 'instance' } | { kind: 'project'; projectId: string };

const scopeOf = (owner: KeyOwner) => (owner.kind === 'instance' ? 'instance' : owner.projectId);
const chainOf = (owner: KeyOwner) => (owner.kind === 'instance' ? INSTANCE_CHAIN : projectChain(owner.projectId));
/** What the sealed value is bound to: the same key moved onto another row does not open. */
const contextOf = (scope: string, provider: string) => `provider-key:${scope}:${provider}`;
/** The same for the asset credential kept beside the key. */
const assetContextOf = (scope: string, provider: string) => `provider-asset-key:${scope}:${provider}`;

/** The last four characters, enough to recognise a key and far too few to use one. */
export function hintOf(secret: string): string {
  return `…${secret.slice(-4)}`;
}

function present(k: ProviderKeyRecord): ProviderKey {
  return {
    provider: k.provider as ProviderName,
    scope: k.scope === 'instance' ? 'instance' : 'project',
    hint: k.hint,
    assetKeyHint: k.assetHint,
    setBy: k.setByName,
    setAt: k.setAt,
    lastTest: k.test,
  };
}

/** A provider's message with the key cut out, should a provider ever echo it back. */
function withoutSecret(message: string, secret: string): string {
  const cut = secret.length >= 4 ? message.split(secret).join('[key]') : message;
  return toStoredText(cut).slice(0, 500);
}

export function createProviderKeysService(deps: ProviderKeysDeps) {
  const testTimeoutMs = deps.testTimeoutMs ?? 15_000;

  /** Providers of this instance that need a key, in the registry's order. */
  const keyed = (): ProviderName[] =>
    deps.providers
      .all()
      .filter((a) => a.needsKey)
      .map((a) => a.provider);

  function requireKeyed(provider: ProviderName): void {
    const adapter = deps.providers.get(provider);
    if (!adapter) fail('provider.unknown', `${provider} is not offered by this Backlot (no adapter is configured for it)`, 'provider');
    if (!adapter.needsKey) fail('provider.needs_no_key', `${provider} needs no key`, 'provider');
  }

  function requireSealing(): void {
    if (!deps.box.configured) {
      fail('secrets.not_configured', 'Provider keys cannot be stored: the operator has not set BACKLOT_SECRET_KEY, the key that seals them. Ask the instance admin to set it and restart Backlot.');
    }
  }

  /** The key in force for a project: its own, else the instance's. */
  async function inForce(projectId: string, provider: string): Promise<ProviderKeyRecord | undefined> {
    return (await deps.store.read.providerKeys.find(projectId, provider)) ?? (await deps.store.read.providerKeys.find('instance', provider));
  }

  async function testRecord(actor: Actor, owner: KeyOwner, record: ProviderKeyRecord): Promise<ConnectionTest> {
    const adapter = deps.providers.get(record.provider)!;
    const secret = deps.box.open(record.sealed, contextOf(record.scope, record.provider));
    let result: { ok: boolean; message: string };
    if (!adapter.testConnection) result = { ok: false, message: `Backlot cannot test ${record.provider} keys without spending; the key is stored` };
    else {
      try {
        result = await adapter.testConnection(secret, AbortSignal.timeout(testTimeoutMs));
      } catch (err) {
        const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
        result = {
          ok: false,
          message: timedOut
            ? `${record.provider} did not answer within ${Math.round(testTimeoutMs / 1000)} s`
            : `could not reach ${record.provider}: ${err instanceof Error ? err.message : String(err)}`,
        };
      }
    }
    const test: ConnectionTest = { at: deps.clock.now().toISOString(), ok: result.ok, message: withoutSecret(result.message, secret) };
    await deps.store.transaction(async (tx) => {
      await tx.providerKeys.recordTest(record.id, test);
      await appendAudit(tx, deps, {
        chain: chainOf(owner),
        actor,
        action: 'provider_key.tested',
        targetType: 'provider_key',
        targetId: record.id,
        summary: `${actor.name} tested the ${record.provider} key ${record.hint}${record.scope === 'instance' && owner.kind === 'project' ? " (the instance's)" : ''}: ${test.ok ? 'accepted' : 'refused'}`,
        data: { provider: record.provider, scope: record.scope, hint: record.hint, ok: test.ok },
      });
    });
    return test;
  }

  return {
    /** Whether new keys can be stored. */
    get sealing(): boolean {
      return deps.box.configured;
    },

    async listForProject(projectId: string): Promise<ProviderKeyList> {
      const own = new Map((await deps.store.read.providerKeys.list(projectId)).map((k) => [k.provider, k]));
      const instance = new Map((await deps.store.read.providerKeys.list('instance')).map((k) => [k.provider, k]));
      return {
        sealing: deps.box.configured,
        providers: keyed().map((provider) => {
          const project = own.get(provider);
          const fallback = instance.get(provider);
          const force = project ?? fallback;
          return { provider, inForce: force ? present(force) : null, project: project ? present(project) : null, instanceKey: fallback !== undefined };
        }),
      };
    },

    async listInstance(): Promise<InstanceProviderKeyList> {
      return { sealing: deps.box.configured, keys: (await deps.store.read.providerKeys.list('instance')).map(present), providers: keyed() };
    },

    /**
     * Seals and stores the key (and the provider's asset credential, when given), replacing what is
     * there; audited with their last characters only.
     */
    async set(actor: Actor, owner: KeyOwner, provider: ProviderName, secret: string, assetKey?: AssetCredential): Promise<ProviderKey> {
      requireKeyed(provider);
      requireSealing();
      if (assetKey && !deps.providers.get(provider)?.likenessAssets) fail('request.invalid', `assetKey: ${provider} has no asset library that Backlot uses; send the key alone`, 'assetKey');
      const scope = scopeOf(owner);
      const sealed = deps.box.seal(secret, contextOf(scope, provider));
      const record: ProviderKeyRecord = {
        id: deps.ids.next(),
        scope,
        projectId: owner.kind === 'project' ? owner.projectId : null,
        provider,
        sealed,
        sealedWith: deps.box.keyId!,
        hint: hintOf(secret),
        assetSealed: assetKey ? deps.box.seal(JSON.stringify(assetKey), assetContextOf(scope, provider)) : null,
        assetHint: assetKey ? hintOf(assetKey.accessKeyId) : null,
        setById: actor.accountId,
        setByName: actor.name,
        setAt: deps.clock.now().toISOString(),
        test: null,
      };
      return deps.store.transaction(async (tx) => {
        const before = await tx.providerKeys.find(scope, provider);
        await tx.providerKeys.put(record);
        await appendAudit(tx, deps, {
          chain: chainOf(owner),
          actor,
          action: 'provider_key.set',
          targetType: 'provider_key',
          targetId: before?.id ?? record.id,
          summary:
            (before
              ? `${actor.name} replaced the ${provider} key ${before.hint} with ${record.hint}`
              : `${actor.name} set the ${owner.kind === 'instance' ? "instance's" : "project's"} ${provider} key ${record.hint}`) +
            (record.assetHint ? ` with the asset-library access key ${record.assetHint}` : ''),
          data: { provider, scope: owner.kind, hint: record.hint, replaced: before?.hint ?? null, assetKeyHint: record.assetHint },
        });
        return present({ ...record, id: before?.id ?? record.id });
      });
    },

    async remove(actor: Actor, owner: KeyOwner, provider: ProviderName): Promise<void> {
      const scope = scopeOf(owner);
      await deps.store.transaction(async (tx) => {
        const before = await tx.providerKeys.find(scope, provider);
        if (!before || !(await tx.providerKeys.remove(scope, provider))) {
          fail('provider_key.not_found', `${owner.kind === 'instance' ? 'The instance' : 'This project'} has no ${provider} key`, 'provider');
        }
        await appendAudit(tx, deps, {
          chain: chainOf(owner),
          actor,
          action: 'provider_key.removed',
          targetType: 'provider_key',
          targetId: before.id,
          summary: `${actor.name} removed the ${provider} key ${before.hint}`,
          data: { provider, scope: owner.kind, hint: before.hint },
        });
      });
    },

    /** Tests the key in force (a project's own, else the instance's) against the provider, spending nothing. */
    async test(actor: Actor, owner: KeyOwner, provider: ProviderName): Promise<ConnectionTest> {
      requireKeyed(provider);
      const record = owner.kind === 'project' ? await inForce(owner.projectId, provider) : await deps.store.read.providerKeys.find('instance', provider);
      if (!record) fail('provider_key.not_found', `There is no ${provider} key to test; add one first`, 'provider');
      return testRecord(actor, owner, record);
    },

    /** Whether the project has a key for the provider, its own or the instance's. */
    async has(projectId: string, provider: string): Promise<boolean> {
      return (await inForce(projectId, provider)) !== undefined;
    },

    /** The key to call the provider with for a project's take; refuses naming the provider when there is none. */
    async credentialFor(projectId: string, provider: string): Promise<string> {
      return (await this.keyFor(projectId, provider)).secret;
    },

    /** The key in force for a project's take and whose it is (`instance` or the project's id), for counting its places at the provider. */
    async keyFor(projectId: string, provider: string): Promise<{ secret: string; scope: string }> {
      const record = await inForce(projectId, provider);
      if (!record) fail('provider.key_missing', `No ${provider} key is set for this project or the instance; an owner adds one under Settings → Provider keys`, 'provider');
      return { secret: deps.box.open(record.sealed, contextOf(record.scope, record.provider)), scope: record.scope };
    },

    /** The asset-API credential in force for a project (with the key in force), or null when none was set. */
    async assetCredentialFor(projectId: string, provider: string): Promise<AssetCredential | null> {
      const record = await inForce(projectId, provider);
      if (!record?.assetSealed) return null;
      return JSON.parse(deps.box.open(record.assetSealed, assetContextOf(record.scope, record.provider))) as AssetCredential;
    },

    /**
     * Re-seals every stored key with the current operator key (after BACKLOT_SECRET_KEY changed and
     * the old one moved to BACKLOT_SECRET_KEY_PREVIOUS), in one transaction: all or none.
     */
    async rotate(actor: Actor): Promise<{ resealed: number; already: number }> {
      requireSealing();
      return deps.store.transaction(async (tx) => {
        let resealed = 0;
        let already = 0;
        for (const k of await tx.providerKeys.all()) {
          if (k.sealedWith === deps.box.keyId) {
            already++;
            continue;
          }
          const context = contextOf(k.scope, k.provider);
          const assetContext = assetContextOf(k.scope, k.provider);
          const assetSealed = k.assetSealed && deps.box.seal(deps.box.open(k.assetSealed, assetContext), assetContext);
          await tx.providerKeys.reseal(k.id, deps.box.seal(deps.box.open(k.sealed, context), context), deps.box.keyId!, assetSealed);
          resealed++;
        }
        await appendAudit(tx, deps, {
          chain: INSTANCE_CHAIN,
          actor,
          action: 'provider_key.rotated',
          targetType: 'provider_key',
          targetId: null,
          summary: `${actor.name} re-sealed ${resealed} provider ${resealed === 1 ? 'key' : 'keys'} with secret key ${deps.box.keyId}`,
          data: { resealed, already, keyId: deps.box.keyId },
        });
        return { resealed, already };
      });
    },
  };
}

export type ProviderKeysService = ReturnType<typeof createProviderKeysService>;

/**
 * What stops a process from starting: keys stored but no operator key to open them, or keys sealed
 * with a key that is neither the current one nor a previous one. Answers the problems, in sentences.
 */
export async function secretKeyProblems(store: Store, box: SecretBox): Promise<string[]> {
  const keys = await store.read.providerKeys.all();
  if (keys.length === 0) return [];
  if (!box.configured) {
    return [`BACKLOT_SECRET_KEY is not set, but ${keys.length} provider ${keys.length === 1 ? 'key is' : 'keys are'} stored sealed with it: set the key they were sealed with`];
  }
  const unknown = [...new Set(keys.map((k) => k.sealedWith).filter((id) => !box.keyIds.includes(id)))];
  return unknown.map((id) => {
    const n = keys.filter((k) => k.sealedWith === id).length;
    return `${n} provider ${n === 1 ? 'key is' : 'keys are'} sealed with secret key ${id}, which is neither BACKLOT_SECRET_KEY nor in BACKLOT_SECRET_KEY_PREVIOUS`;
  });
}
