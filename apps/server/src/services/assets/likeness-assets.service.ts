/**
 * Consented faces in providers' asset libraries (PROVIDERS.md §1.3.2, "Likeness assets" in §9): a
 * likeness is registered at a provider that takes real faces only as assets when a take first needs
 * it, and only while the person's consent covers today; it is deleted there once the consent is
 * withdrawn or has expired — at once on withdrawal, and by the worker's sweep otherwise, retried
 * with backoff and kept visible on the record until it succeeds. Every register and delete is audited.
 */
import { projectChain } from '../../domain/audit/audit-chain.ts';
import { fail } from '../../domain/errors.ts';
import { coveringConsent } from '../../domain/generate/likeness.rules.ts';
import type { LikenessAssetRecord, RetiringLikenessAsset } from '../../ports/asset-store.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Secrets } from '../../ports/crypto.ts';
import type { Ids } from '../../ports/ids.ts';
import type { Store } from '../../ports/store.ts';
import { ProviderFailure, type AssetCredential, type LikenessAssetLibrary, type ProviderRegistry, type VideoProviderAdapter } from '../../ports/video-provider.ts';
import { appendAudit, SYSTEM_ACTOR, type Actor } from '../audit/audit-append.ts';

export interface LikenessAssetsDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
  secrets: Secrets;
  providers: ProviderRegistry;
  /** The asset-API credential kept with a project's provider key (provider-keys.service.ts). */
  credentials: { assetCredentialFor(projectId: string, provider: string): Promise<AssetCredential | null> };
  /** How long a generation waits for a new asset to turn Active, and how often it looks (ms). */
  activeTimeoutMs?: number;
  pollMs?: number;
}

/** A claim to register older than this was left by a process that stopped; another may take it over. */
const STALE_CLAIM_MS = 120_000;
const EPOCH = '1970-01-01T00:00:00.000Z';

/** Seconds until deletion is tried again after `attempts` failures: 30 s doubling, at most an hour. */
export function deleteRetryMs(attempts: number): number {
  return Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const messageOf = (err: unknown) => (err instanceof ProviderFailure ? `${err.error.code}: ${err.error.message}` : err instanceof Error ? err.message : String(err)).slice(0, 500);

export function createLikenessAssetsService(deps: LikenessAssetsDeps) {
  const activeTimeoutMs = deps.activeTimeoutMs ?? 60_000;
  const pollMs = deps.pollMs ?? 1_000;
  const nowIso = () => deps.clock.now().toISOString();
  const labelOf = (adapter: VideoProviderAdapter) => adapter.models()[0]?.label.split(' ')[0] ?? adapter.provider;

  /** The record of a picture for a consent at a provider, if any. */
  async function recordOf(consentId: string, provider: string, imageSha256: string): Promise<LikenessAssetRecord | undefined> {
    return (await deps.store.read.likenessAssets.forConsents([consentId])).find((r) => r.provider === provider && r.imageSha256 === imageSha256);
  }

  /** Waits until the provider says Active (recorded and audited) or Failed (recorded, audited and refused). */
  async function untilActive(actor: Actor, library: LikenessAssetLibrary, label: string, rec: LikenessAssetRecord, what: { person: string; name: string }) {
    const deadline = Date.now() + activeTimeoutMs;
    for (;;) {
      const s = await library.status(rec.assetId!);
      if (s.status === 'Active' || s.status === 'Failed') {
        const active = s.status === 'Active';
        await deps.store.transaction(async (tx) => {
          // Several generations may wait on one asset: the first to see it settle records it, once.
          if (!(await tx.likenessAssets.settle(rec.id, active ? { state: 'active', registeredAt: nowIso() } : { state: 'failed', failure: s.reason ?? 'no reason given' }))) return;
          await appendAudit(tx, deps, {
            chain: projectChain(rec.projectId),
            actor,
            action: active ? 'asset.likeness_registered' : 'asset.likeness_refused',
            targetType: 'consent',
            targetId: rec.consentId,
            summary: active
              ? `${actor.name} registered ${what.person}'s likeness ${what.name} in ${label}'s asset library (asset ${rec.assetId}) to generate with it`
              : `${label} refused to register ${what.person}'s likeness ${what.name} in its asset library: ${s.reason ?? 'no reason given'}`,
            data: { provider: rec.provider, groupId: rec.groupId, assetId: rec.assetId, status: s.status },
          });
        });
        if (!active)
          fail('consent.asset_unavailable', `${label} refused to register ${what.person}'s likeness ${what.name} in its asset library: ${s.reason ?? 'no reason given'}. Nothing was reserved.`);
        return;
      }
      if (Date.now() > deadline)
        fail('consent.asset_unavailable', `${label} is still processing ${what.person}'s likeness ${what.name} in its asset library; try again in a minute. Nothing was reserved.`);
      await sleep(pollMs);
    }
  }

  /** Sends the picture into the person's group and records both ids; a claim that fails is let go for the next try. */
  async function register(library: LikenessAssetLibrary, rec: LikenessAssetRecord, ref: { assetId: string; name: string; image: { sha256: string; mediaType: string } }, person: string) {
    const groupId = (await deps.store.read.likenessAssets.groupOf(ref.assetId, person, rec.provider)) ?? null;
    let ids: { groupId: string; assetId: string };
    try {
      ids = await library.register({ groupId, person, image: ref.image });
    } catch (err) {
      await deps.store.transaction((tx) => tx.likenessAssets.update(rec.id, { claimedAt: EPOCH }));
      throw err;
    }
    await deps.store.transaction((tx) => tx.likenessAssets.update(rec.id, { state: 'processing', groupId: ids.groupId, assetId: ids.assetId }));
    return { ...rec, state: 'processing' as const, ...ids };
  }

  /** Makes sure one likeness is Active at the provider, registering it or waiting on whoever is. */
  async function ensure(
    actor: Actor,
    projectId: string,
    adapter: VideoProviderAdapter,
    library: LikenessAssetLibrary,
    ref: { assetId: string; name: string; image: { sha256: string; mediaType: string } },
    consent: { id: string; person: string },
  ) {
    const label = labelOf(adapter);
    const deadline = Date.now() + activeTimeoutMs;
    const what = { person: consent.person, name: ref.name };
    for (;;) {
      const rec = await recordOf(consent.id, adapter.provider, ref.image.sha256);
      if (!rec) {
        const fresh: LikenessAssetRecord = {
          id: deps.ids.next(),
          consentId: consent.id,
          projectId,
          provider: adapter.provider,
          imageSha256: ref.image.sha256,
          state: 'registering',
          groupId: null,
          assetId: null,
          failure: null,
          claimedAt: nowIso(),
          registeredAt: null,
          deletedAt: null,
          deleteAttempts: 0,
          deleteError: null,
          nextDeleteAt: null,
        };
        if (await deps.store.transaction((tx) => tx.likenessAssets.claim(fresh))) return untilActive(actor, library, label, await register(library, fresh, ref, consent.person), what);
        continue;
      }
      if (rec.state === 'active' || rec.state === 'failed' || rec.state === 'deleted') return;
      if (rec.state === 'processing') return untilActive(actor, library, label, rec, what);
      // Someone else is registering it: wait, or take over a claim its process left behind.
      if (deps.clock.now().getTime() - new Date(rec.claimedAt).getTime() > STALE_CLAIM_MS && (await deps.store.transaction((tx) => tx.likenessAssets.reclaim(rec.id, rec.claimedAt, nowIso())))) {
        return untilActive(actor, library, label, await register(library, rec, ref, consent.person), what);
      }
      if (Date.now() > deadline)
        fail('consent.asset_unavailable', `${consent.person}'s likeness ${ref.name} is still being registered in ${label}'s asset library; try again in a minute. Nothing was reserved.`);
      await sleep(Math.min(pollMs, 200));
    }
  }

  /** Deletes one asset at the provider and records it (audited once), or records the failure and when to try again. */
  async function retireOne(rec: RetiringLikenessAsset): Promise<'deleted' | 'failed'> {
    const adapter = deps.providers.get(rec.provider);
    const label = adapter ? labelOf(adapter) : rec.provider;
    const why = rec.withdrawnAt ? `${rec.person} withdrew consent on ${rec.withdrawnAt.slice(0, 10)}` : `${rec.person}'s consent expired on ${rec.expiresOn}`;
    let error: string | null = null;
    let outcome: 'deleted' | 'gone' = 'deleted';
    try {
      const credential = await deps.credentials.assetCredentialFor(rec.projectId, rec.provider).catch(() => null);
      if (!adapter?.likenessAssets) error = `this Backlot has no ${rec.provider} asset library configured any more`;
      else if (!credential) error = `no asset-library access key is set with the project's ${label} key; an owner adds one under Settings → Provider keys`;
      else outcome = await adapter.likenessAssets(credential).remove(rec.assetId!);
    } catch (err) {
      error = messageOf(err);
    }
    return deps.store.transaction(async (tx) => {
      const current = (await tx.likenessAssets.forConsents([rec.consentId])).find((r) => r.id === rec.id);
      if (!current || current.deletedAt) return 'deleted';
      const now = nowIso();
      if (error === null) {
        await tx.likenessAssets.update(rec.id, { state: 'deleted', deletedAt: now, deleteError: null, nextDeleteAt: null });
        await appendAudit(tx, deps, {
          chain: projectChain(rec.projectId),
          actor: SYSTEM_ACTOR,
          action: 'asset.likeness_deleted',
          targetType: 'consent',
          targetId: rec.consentId,
          summary: `Backlot deleted ${rec.person}'s likeness ${rec.assetName} from ${label}'s asset library (asset ${rec.assetId}${outcome === 'gone' ? `, already gone there` : ''}): ${why}`,
          data: { provider: rec.provider, assetId: rec.assetId, groupId: rec.groupId, attempts: current.deleteAttempts + 1 },
        });
        return 'deleted';
      }
      const attempts = current.deleteAttempts + 1;
      await tx.likenessAssets.update(rec.id, { deleteAttempts: attempts, deleteError: error, nextDeleteAt: new Date(deps.clock.now().getTime() + deleteRetryMs(attempts)).toISOString() });
      // The first failure is audited; later ones only update the record, which shows the last error.
      if (attempts === 1) {
        await appendAudit(tx, deps, {
          chain: projectChain(rec.projectId),
          actor: SYSTEM_ACTOR,
          action: 'asset.likeness_delete_failed',
          targetType: 'consent',
          targetId: rec.consentId,
          summary: `Backlot could not delete ${rec.person}'s likeness ${rec.assetName} from ${label}'s asset library (asset ${rec.assetId}) after ${why}: ${error}. It keeps trying.`,
          data: { provider: rec.provider, assetId: rec.assetId, error },
        });
      }
      return 'failed';
    });
  }

  return {
    /**
     * Before a generation at `provider`: every likeness of the shot's plan whose consent covers
     * today is registered (or waited on) until Active. Does nothing at providers that take faces
     * as pictures, nor when some likeness has no consent in force (the policy refuses that one).
     * Refuses `consent.asset_unavailable` when no asset credential is set or the provider refuses.
     */
    async prepare(actor: Actor, projectId: string, shotId: string, provider: string): Promise<void> {
      const adapter = deps.providers.get(provider);
      if (!adapter?.likenessAssets) return;
      const shot = await deps.store.read.shots.findById(projectId, shotId);
      if (!shot) return;
      const refs = await deps.store.read.references.forVersion(shot.id, shot.planVersion);
      const assets = (await deps.store.read.assets.findMany(projectId, [...new Set(refs.map((r) => r.assetId))])).filter((a) => a.flags.includes('likeness'));
      if (!assets.length) return;
      const consents = (await deps.store.read.assets.consents(assets.map((a) => a.id))).filter((c) => c.withdrawnAt === null);
      const today = deps.clock.now().toISOString().slice(0, 10);
      const work: { ref: { assetId: string; name: string; image: { sha256: string; mediaType: string } }; consent: { id: string; person: string } }[] = [];
      for (const a of assets) {
        const consent = coveringConsent(
          consents.filter((c) => c.assetId === a.id),
          today,
        );
        if (!consent) return;
        const version = refs.find((r) => r.assetId === a.id)!.assetVersion;
        const files = (await deps.store.read.assets.files(a.id)).filter((f) => f.version === version && f.kind === 'image');
        const file = files.find((f) => f.view === 'main') ?? files[0];
        if (file) work.push({ ref: { assetId: a.id, name: a.name, image: { sha256: file.sha256, mediaType: file.mediaType } }, consent });
      }
      const pending = [];
      for (const w of work) {
        const rec = await recordOf(w.consent.id, provider, w.ref.image.sha256);
        if (rec?.state !== 'active') pending.push(w);
      }
      if (!pending.length) return;
      const credential = await deps.credentials.assetCredentialFor(projectId, provider);
      const label = labelOf(adapter);
      if (!credential) {
        fail(
          'consent.asset_unavailable',
          `${pending[0].ref.name} shows a real person, and ${label} takes real faces only from its asset library, for which no access key is set with this project's ${label} key: an owner adds one under Settings → Provider keys. Nothing was sent or reserved.`,
          'provider',
        );
      }
      const library = adapter.likenessAssets(credential);
      for (const w of pending) {
        try {
          await ensure(actor, projectId, adapter, library, w.ref, w.consent);
        } catch (err) {
          // The asset library refused or could not be reached: a refusal naming the face, not a server fault.
          if (!(err instanceof ProviderFailure)) throw err;
          fail(
            'consent.asset_unavailable',
            `${w.consent.person}'s likeness ${w.ref.name} could not be registered in ${label}'s asset library: ${err.error.message.replace(/\.$/, '')}. Nothing was sent or reserved.`,
            err.error.category === 'auth' ? 'provider' : undefined,
          );
        }
      }
    },

    /**
     * Deletes at the provider every likeness asset whose consent was withdrawn or has expired
     * (only those of `consentId` when given) and whose next try is due; failures are recorded and
     * retried later. Answers how many were deleted and how many failed.
     */
    async sweep(consentId?: string): Promise<{ deleted: number; failed: number }> {
      const due = await deps.store.read.likenessAssets.dueForDeletion(deps.clock.now().toISOString().slice(0, 10), nowIso(), 50);
      let deleted = 0;
      let failed = 0;
      for (const rec of due.filter((r) => consentId === undefined || r.consentId === consentId)) {
        if ((await retireOne(rec)) === 'deleted') deleted++;
        else failed++;
      }
      return { deleted, failed };
    },
  };
}

export type LikenessAssetsService = ReturnType<typeof createLikenessAssetsService>;
