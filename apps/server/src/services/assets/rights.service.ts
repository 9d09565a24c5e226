/**
 * Clearance and consent, and what they mean for shots: a shot that references an asset at risk
 * (restricted, a clearance withdrawn, a real likeness without valid consent) is at risk itself.
 * Risk is worked out when asked — on every use — from the records, so it is never stale.
 */
import type { ClearanceState } from '@backlot/contracts';
import { projectChain } from '../../domain/audit/audit-chain.ts';
import { consentEdits, pastExpiryProblem, splitConsents, type ConsentTerms } from '../../domain/assets/consent.rules.ts';
import { referenceNotes, rightsStatus } from '../../domain/assets/rights.rules.ts';
import { takeRights } from '../../domain/plan/shot-readiness.rules.ts';
import { fail } from '../../domain/errors.ts';
import { groupBy } from '../../domain/group-by.ts';
import type { AssetRecord, ConsentRecord } from '../../ports/asset-store.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Secrets } from '../../ports/crypto.ts';
import type { Ids } from '../../ports/ids.ts';
import type { StagedFile, Staging } from '../../ports/staging.ts';
import type { Store } from '../../ports/store.ts';
import type { TakeReferenceRecord } from '../../ports/take-store.ts';
import { appendAudit, type Actor } from '../audit/audit-append.ts';
import { takeCode } from '../generate/generate.service.ts';

export interface RightsDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
  secrets: Secrets;
  blobs: BlobStore;
  staging: Staging;
  /** Deletes at the providers the likeness assets of a consent no longer in force (likeness-assets.service.ts); failures are kept there and retried. */
  retireLikeness?: (consentId: string) => Promise<unknown>;
}

export interface ShotRights {
  atRisk: boolean;
  /** Why the shot is at risk, naming each asset. */
  reasons: string[];
  /** Everything a planner should know about the references: unlocked, not cleared yet, at risk. */
  notes: string[];
  /** The shot's approved take, when the references it was made with are at risk now. */
  approvedTakeRisk: { takeId: string; code: string; reasons: string[] } | null;
}

/** How an edited term reads in the audit log. */
const FIELD_WORDS = { person: 'person', scope: 'scope', expiresOn: 'expiry' } as const;

/** A date that parses and is the same day back (2027-02-30 is refused). */
function assertRealDate(day: string) {
  const t = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== day) fail('request.invalid', 'expiresOn: must be a real date like 2027-06-30', 'expiresOn');
}

export function createRightsService(deps: RightsDeps) {
  const today = () => deps.clock.now().toISOString().slice(0, 10);
  const consentValidToday = (expiresOn: string) => expiresOn >= today();

  /** Deletes a consent's provider assets; a failure is recorded on them and retried by the worker, never thrown here. */
  const retire = async (consentId: string) => {
    await deps.retireLikeness?.(consentId).catch(() => undefined);
  };

  /** The risk of each asset, from its records and today's date. */
  async function riskOf(assets: AssetRecord[]) {
    const consents = await deps.store.read.assets.consents(assets.map((a) => a.id));
    const byAsset = new Map<string, ConsentRecord[]>();
    for (const c of consents) byAsset.set(c.assetId, [...(byAsset.get(c.assetId) ?? []), c]);
    const day = today();
    return new Map(assets.map((a) => [a.id, rightsStatus({ name: a.name, clearance: a.clearance, flags: a.flags, everCleared: a.everCleared, ...splitConsents(byAsset.get(a.id) ?? []) }, day)]));
  }

  /** The rights of each take from the asset versions it was made with, as of today. */
  async function forTakes(projectId: string, takeIds: string[], known?: TakeReferenceRecord[]): Promise<Map<string, { atRisk: boolean; reasons: string[] }>> {
    const refs = known ?? (await deps.store.read.takes.references(takeIds));
    const assets = await deps.store.read.assets.findMany(projectId, [...new Set(refs.map((r) => r.assetId))]);
    const risk = await riskOf(assets);
    const refsOf = groupBy(refs, (r) => r.takeId);
    return new Map(
      takeIds.map((id) => [
        id,
        takeRights(
          (refsOf.get(id) ?? []).map((r) => r.assetId),
          (assetId) => risk.get(assetId),
        ),
      ]),
    );
  }

  return {
    riskOf,
    forTakes,
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
        const flagged =
          (to === 'restricted' || (asset.everCleared && to !== 'cleared')) && usage.length
            ? ` — ${usage.length} shot${usage.length === 1 ? '' : 's'} now at risk (${usage.map((u) => u.code).join(', ')})`
            : '';
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
    async recordConsent(actor: Actor, projectId: string, assetId: string, input: ConsentTerms & { confirmExpired?: boolean }, document?: StagedFile) {
      const asset = (await deps.store.read.assets.findById(projectId, assetId)) ?? fail('asset.not_found', 'No such reference in this project.');
      if (!asset.flags.includes('likeness')) fail('request.invalid', `${asset.name} is not marked as a real person's likeness; mark it first.`, 'flags');
      assertRealDate(input.expiresOn);
      const past = pastExpiryProblem(input.expiresOn, today(), input.confirmExpired === true);
      if (past) fail('consent.expiry_past', past, 'expiresOn');
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
          withdrawnAt: null,
          withdrawnBy: null,
          withdrawalReason: null,
        };
        await tx.assets.insertConsent(consent);
        await appendAudit(tx, deps, {
          chain: projectChain(projectId),
          actor,
          action: 'asset.consent_recorded',
          targetType: 'asset',
          targetId: assetId,
          summary: `${actor.name} recorded ${input.person}'s consent for ${asset.name} until ${input.expiresOn}${document ? ` (signed document ${document.originalName ?? 'attached'})` : ''}${consentValidToday(input.expiresOn) ? '' : ' (already expired, confirmed)'}`,
        });
        return consent;
      });
    },

    /**
     * Edits a consent's terms (person, scope, expiry), saying why; each change is kept in the
     * consent's history and the audit log. A withdrawn consent is kept as it was withdrawn. A new
     * expiry in the past needs `confirmExpired`. Sending the current terms changes nothing.
     */
    async editConsent(actor: Actor, projectId: string, assetId: string, consentId: string, input: Partial<ConsentTerms> & { reason: string; confirmExpired?: boolean }) {
      if (input.expiresOn !== undefined) assertRealDate(input.expiresOn);
      const edited = await deps.store.transaction(async (tx) => {
        const asset = (await tx.assets.findById(projectId, assetId)) ?? fail('asset.not_found', 'No such reference in this project.');
        const consent = (await tx.assets.consentForUpdate(assetId, consentId)) ?? fail('consent.not_found', `No such consent on ${asset.name}.`);
        if (consent.withdrawnAt)
          fail('consent.withdrawn', `${consent.person}'s consent for ${asset.name} was withdrawn on ${consent.withdrawnAt.slice(0, 10)} and is kept as it was; record a new consent instead.`);
        const edits = consentEdits(consent, input);
        if (!edits.length) return consent;
        const newExpiry = edits.find((e) => e.field === 'expiresOn');
        const past = newExpiry && pastExpiryProblem(newExpiry.to, today(), input.confirmExpired === true);
        if (past) fail('consent.expiry_past', past, 'expiresOn');
        const now = deps.clock.now().toISOString();
        await tx.assets.updateConsent(consentId, Object.fromEntries(edits.map((e) => [e.field, e.to])));
        await tx.assets.insertConsentChange({ id: deps.ids.next(), consentId, action: 'edited', changes: edits, reason: input.reason, actorName: actor.name, at: now });
        const what = edits.map((e) => `${FIELD_WORDS[e.field]} from "${e.from}" to "${e.to}"`).join(', ');
        await appendAudit(tx, deps, {
          chain: projectChain(projectId),
          actor,
          action: 'asset.consent_edited',
          targetType: 'asset',
          targetId: assetId,
          summary: `${actor.name} edited ${consent.person}'s consent for ${asset.name}: ${what}: ${input.reason}`,
          data: { consentId, changes: edits, reason: input.reason },
        });
        return (await tx.assets.consentForUpdate(assetId, consentId))!;
      });
      // An expiry moved into the past ends the consent now: its provider assets go at once.
      if (!consentValidToday(edited.expiresOn)) await retire(consentId);
      return edited;
    },

    /**
     * Records that the person withdrew their consent, saying why. The consent stays on record as
     * withdrawn; shots and takes that depend on it are at risk from now on (rights.rules.ts), and
     * the audit summary names the shots. Withdrawing twice changes nothing.
     */
    async withdrawConsent(actor: Actor, projectId: string, assetId: string, consentId: string, reason: string) {
      const withdrawn = await deps.store.transaction(async (tx) => {
        const asset = (await tx.assets.findById(projectId, assetId)) ?? fail('asset.not_found', 'No such reference in this project.');
        const consent = (await tx.assets.consentForUpdate(assetId, consentId)) ?? fail('consent.not_found', `No such consent on ${asset.name}.`);
        if (consent.withdrawnAt) return consent;
        const now = deps.clock.now().toISOString();
        await tx.assets.updateConsent(consentId, { withdrawnAt: now, withdrawnBy: actor.name, withdrawalReason: reason });
        await tx.assets.insertConsentChange({ id: deps.ids.next(), consentId, action: 'withdrawn', changes: [], reason, actorName: actor.name, at: now });
        const usage = await tx.references.usage(assetId);
        // Still covered when another consent is in force and not expired (rights.rules.ts).
        const left = (await tx.assets.consents([assetId])).filter((c) => c.id !== consentId && c.withdrawnAt === null && consentValidToday(c.expiresOn));
        const flagged = usage.length && !left.length ? ` — ${usage.length} shot${usage.length === 1 ? '' : 's'} now at risk (${usage.map((u) => u.code).join(', ')})` : '';
        await appendAudit(tx, deps, {
          chain: projectChain(projectId),
          actor,
          action: 'asset.consent_withdrawn',
          targetType: 'asset',
          targetId: assetId,
          summary: `${actor.name} recorded that ${consent.person} withdrew consent for ${asset.name}: ${reason}${flagged}`,
          data: { consentId, reason },
        });
        return (await tx.assets.consentForUpdate(assetId, consentId))!;
      });
      // The person's face is deleted from the providers' asset libraries now; the worker retries what fails.
      await retire(consentId);
      return withdrawn;
    },

    /** Every consent of an asset (withdrawn ones too) with its changes, oldest first, and its provider assets. */
    async consentsWithHistory(assetId: string) {
      const consents = await deps.store.read.assets.consents([assetId]);
      const changes = await deps.store.read.assets.consentChanges(consents.map((c) => c.id));
      const providerAssets = await deps.store.read.likenessAssets.forConsents(consents.map((c) => c.id));
      return consents.map((c) => ({ consent: c, changes: changes.filter((x) => x.consentId === c.id), providerAssets: providerAssets.filter((p) => p.consentId === c.id) }));
    },

    /**
     * The selected and approved takes of a project whose references are at risk now, with the
     * reasons: what the crew relies on that a withdrawn consent or a lost clearance undermines.
     */
    async takesAtRisk(projectId: string) {
      const takes = (await deps.store.read.takes.listReviewed(projectId, ['approved', 'selected'])).filter((t) => !t.outputHidden);
      const risk = await forTakes(
        projectId,
        takes.map((t) => t.id),
      );
      const atRisk = takes.filter((t) => risk.get(t.id)?.atRisk);
      const codes = new Map<string, string>();
      for (const shotId of new Set(atRisk.map((t) => t.shotId))) codes.set(shotId, (await deps.store.read.shots.findById(projectId, shotId))?.code ?? '');
      return atRisk.map((t) => ({
        takeId: t.id,
        code: takeCode(t.number),
        shotId: t.shotId,
        shotCode: codes.get(t.shotId) ?? '',
        review: t.review as 'approved' | 'selected',
        reasons: risk.get(t.id)!.reasons,
      }));
    },

    /** Rights of many shots at once, from the references of their current plans. */
    async forShots(projectId: string, shotIds: string[]): Promise<Map<string, ShotRights>> {
      const refs = await deps.store.read.references.currentForShots(shotIds);
      const assets = await deps.store.read.assets.findMany(projectId, [...new Set(refs.map((r) => r.assetId))]);
      const risk = await riskOf(assets);
      const byId = new Map(assets.map((a) => [a.id, a]));
      const out = new Map<string, ShotRights>(shotIds.map((id) => [id, { atRisk: false, reasons: [], notes: [], approvedTakeRisk: null }]));
      const approved = await deps.store.read.takes.approvedForShots(shotIds);
      const takeRisk = await forTakes(
        projectId,
        approved.map((t) => t.id),
      );
      for (const t of approved) {
        const r = takeRisk.get(t.id);
        const entry = out.get(t.shotId);
        if (r?.atRisk && entry) entry.approvedTakeRisk = { takeId: t.id, code: takeCode(t.number), reasons: r.reasons };
      }
      for (const r of refs) {
        const asset = byId.get(r.assetId);
        const entry = out.get(r.shotId);
        if (!asset || !entry) continue;
        const status = risk.get(asset.id)!;
        if (status.atRisk) {
          entry.atRisk = true;
          entry.reasons.push(...status.reasons.filter((x) => !entry.reasons.includes(x)));
        }
        entry.notes.push(
          ...referenceNotes({ name: asset.name, version: r.assetVersion, lockedVersion: asset.lockedVersion, clearance: asset.clearance }, status).filter((x) => !entry.notes.includes(x)),
        );
      }
      return out;
    },
  };
}

export type RightsService = ReturnType<typeof createRightsService>;
