/**
 * Clearance and consent, and what they mean for shots: a shot that references an asset at risk
 * (restricted, a clearance withdrawn, a real likeness without valid consent) is at risk itself.
 * Risk is worked out when asked — on every use — from the records, so it is never stale.
 */
import type { ClearanceState } from '@backlot/contracts';
import { projectChain } from '../../domain/audit/audit-chain.ts';
import { referenceNotes, rightsStatus } from '../../domain/assets/rights.rules.ts';
import { fail } from '../../domain/errors.ts';
import type { AssetRecord, ConsentRecord } from '../../ports/asset-store.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Secrets } from '../../ports/crypto.ts';
import type { Ids } from '../../ports/ids.ts';
import type { StagedFile, Staging } from '../../ports/staging.ts';
import type { Store } from '../../ports/store.ts';
import { appendAudit, type Actor } from '../audit/audit-append.ts';

export interface RightsDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
  secrets: Secrets;
  blobs: BlobStore;
  staging: Staging;
}

export interface ShotRights {
  atRisk: boolean;
  /** Why the shot is at risk, naming each asset. */
  reasons: string[];
  /** Everything a planner should know about the references: unlocked, not cleared yet, at risk. */
  notes: string[];
}

export function createRightsService(deps: RightsDeps) {
  const today = () => deps.clock.now().toISOString().slice(0, 10);

  /** The risk of each asset, from its records and today's date. */
  async function riskOf(assets: AssetRecord[]) {
    const consents = await deps.store.read.assets.consents(assets.map((a) => a.id));
    const byAsset = new Map<string, ConsentRecord[]>();
    for (const c of consents) byAsset.set(c.assetId, [...(byAsset.get(c.assetId) ?? []), c]);
    const day = today();
    return new Map(
      assets.map((a) => [a.id, rightsStatus({ name: a.name, clearance: a.clearance, flags: a.flags, consents: byAsset.get(a.id) ?? [], everCleared: a.everCleared }, day)]),
    );
  }

  return {
    riskOf,
    /** Today's date (UTC) by the injected clock: what "expired" means everywhere. */
    today,

    /** Changes an asset's clearance, with who, when and why kept in its history and the audit log. */
    async setClearance(actor: Actor, projectId: string, assetId: string, to: ClearanceState, reason: string): Promise<AssetRecord> {
      return deps.store.transaction(async (tx) => {
        const asset = (await tx.assets.findById(projectId, assetId)) ?? fail('asset.not_found', 'No such reference in this project.');
        if (asset.clearance === to) return asset;
        const now = deps.clock.now().toISOString();
        await tx.assets.update(assetId, { clearance: to, everCleared: asset.everCleared || to === 'cleared', updatedAt: now });
        await tx.assets.insertClearanceEvent({ id: deps.ids.next(), assetId, from: asset.clearance, to, reason, actorName: actor.name, at: now });
        const usage = await tx.references.usage(assetId);
        const flagged = (to === 'restricted' || (asset.everCleared && to !== 'cleared')) && usage.length ? ` — ${usage.length} shot${usage.length === 1 ? '' : 's'} now at risk (${usage.map((u) => u.code).join(', ')})` : '';
        await appendAudit(tx, deps, {
          chain: projectChain(projectId),
          actor,
          action: 'asset.clearance_changed',
          targetType: 'asset',
          targetId: assetId,
          summary: `${actor.name} changed the clearance of ${asset.name} from ${asset.clearance} to ${to}: ${reason}${flagged}`,
          data: { from: asset.clearance, to, reason },
        });
        return (await tx.assets.findById(projectId, assetId))!;
      });
    },

    /** Records a real person's consent (person, scope, expiry, and the signed document when given). */
    async recordConsent(actor: Actor, projectId: string, assetId: string, input: { person: string; scope: string; expiresOn: string }, document?: StagedFile) {
      const asset = (await deps.store.read.assets.findById(projectId, assetId)) ?? fail('asset.not_found', 'No such reference in this project.');
      if (!asset.flags.includes('likeness')) fail('request.invalid', `${asset.name} is not marked as a real person's likeness; mark it first.`, 'flags');
      if (Number.isNaN(Date.parse(`${input.expiresOn}T00:00:00Z`))) fail('request.invalid', 'expiresOn: must be a real date like 2027-06-30', 'expiresOn');
      let stored: { sha256: string; size: number } | undefined;
      if (document) {
        try {
          stored = await deps.blobs.put(deps.staging.open(document.path));
        } finally {
          await deps.staging.remove(document.path);
        }
      }
      return deps.store.transaction(async (tx) => {
        const now = deps.clock.now().toISOString();
        if (stored) await tx.blobs.record({ sha256: stored.sha256, size: stored.size, mediaType: 'application/octet-stream', createdAt: now });
        const consent: ConsentRecord = {
          id: deps.ids.next(),
          assetId,
          person: input.person,
          scope: input.scope,
          expiresOn: input.expiresOn,
          documentSha256: stored?.sha256 ?? null,
          documentName: document?.originalName ?? null,
          recordedBy: actor.name,
          recordedAt: now,
          revokedAt: null,
        };
        await tx.assets.insertConsent(consent);
        await appendAudit(tx, deps, {
          chain: projectChain(projectId),
          actor,
          action: 'asset.consent_recorded',
          targetType: 'asset',
          targetId: assetId,
          summary: `${actor.name} recorded ${input.person}'s consent for ${asset.name} until ${input.expiresOn}${document ? ` (signed document ${document.originalName ?? 'attached'})` : ''}`,
        });
        return consent;
      });
    },

    /** Rights of many shots at once, from the references of their current plans. */
    async forShots(projectId: string, shotIds: string[]): Promise<Map<string, ShotRights>> {
      const refs = await deps.store.read.references.currentForShots(shotIds);
      const assets = await deps.store.read.assets.findMany(projectId, [...new Set(refs.map((r) => r.assetId))]);
      const risk = await riskOf(assets);
      const byId = new Map(assets.map((a) => [a.id, a]));
      const out = new Map<string, ShotRights>(shotIds.map((id) => [id, { atRisk: false, reasons: [], notes: [] }]));
      for (const r of refs) {
        const asset = byId.get(r.assetId);
        const entry = out.get(r.shotId);
        if (!asset || !entry) continue;
        const status = risk.get(asset.id)!;
        if (status.atRisk) {
          entry.atRisk = true;
          entry.reasons.push(...status.reasons.filter((x) => !entry.reasons.includes(x)));
        }
        entry.notes.push(...referenceNotes({ name: asset.name, version: r.assetVersion, lockedVersion: asset.lockedVersion, clearance: asset.clearance }, status).filter((x) => !entry.notes.includes(x)));
      }
      return out;
    },
  };
}

export type RightsService = ReturnType<typeof createRightsService>;
