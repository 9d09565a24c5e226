/** References on shot plans: attaching or removing one saves a new plan version recording the exact asset versions. */
import type { PlanReference } from '@backlot/contracts';
import { projectChain } from '../../domain/audit/audit-chain.ts';
import { fail } from '../../domain/errors.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Secrets } from '../../ports/crypto.ts';
import type { Ids } from '../../ports/ids.ts';
import type { Store } from '../../ports/store.ts';
import { appendAudit, type Actor } from '../audit/audit-append.ts';

export interface ReferencesDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
  secrets: Secrets;
}

export function createReferencesService(deps: ReferencesDeps) {
  return {
    /** The references of a plan version (the current one by default). */
    async list(projectId: string, shotId: string, version?: number) {
      const shot = (await deps.store.read.shots.findById(projectId, shotId)) ?? fail('shot.not_found', 'No such shot in this project.');
      return deps.store.read.references.forVersion(shot.id, version ?? shot.planVersion);
    },

    /**
     * Replaces the plan's references; the plan gets a new version that records them. Unlocked or
     * uncleared assets may be attached while planning (the plan says so); a locked plan may not change.
     */
    async set(actor: Actor, projectId: string, shotId: string, refs: PlanReference[], baseVersion: number) {
      return deps.store.transaction(async (tx) => {
        await tx.projects.lock(projectId);
        const shot = (await tx.shots.findById(projectId, shotId)) ?? fail('shot.not_found', 'No such shot in this project.');
        if (shot.lockedAt) fail('plan.locked', `The plan of ${shot.code} is locked; unlock it to change its references.`);
        if (baseVersion !== shot.planVersion)
          fail('plan.stale', `The plan of ${shot.code} was saved as version ${shot.planVersion} since you opened version ${baseVersion}; reload first.`, 'baseVersion');
        const seen = new Set<string>();
        for (const [i, r] of refs.entries()) {
          const key = `${r.assetId}:${r.role}`;
          if (seen.has(key)) fail('request.invalid', `references.${i}: the same reference twice in the same role`, `references.${i}`);
          seen.add(key);
        }
        const assets = await tx.assets.findMany(projectId, [...new Set(refs.map((r) => r.assetId))]);
        const byId = new Map(assets.map((a) => [a.id, a]));
        for (const [i, r] of refs.entries()) {
          const a = byId.get(r.assetId) ?? fail('asset.not_found', `references.${i}: no such reference in this project`, `references.${i}.assetId`);
          if (r.version > a.currentVersion) fail('request.invalid', `references.${i}: ${a.name} has no version ${r.version}`, `references.${i}.version`);
        }
        const before = await tx.references.forVersion(shot.id, shot.planVersion);
        const describe = (list: { assetId: string; version?: number; assetVersion?: number; role: string }[]) =>
          list.map((r) => `${byId.get(r.assetId)?.name ?? r.assetId} v${r.version ?? r.assetVersion} as ${r.role}`).sort();
        const was = describe(before);
        const now = describe(refs);
        if (JSON.stringify(was) === JSON.stringify(now)) return { version: shot.planVersion };
        const version = shot.planVersion + 1;
        const at = deps.clock.now().toISOString();
        await tx.shots.insertVersion({ shotId: shot.id, version, plan: shot.plan, authorId: actor.accountId, authorName: actor.name, note: 'references changed', createdAt: at });
        await tx.references.insertMany(refs.map((r) => ({ shotId: shot.id, planVersion: version, assetId: r.assetId, assetVersion: r.version, role: r.role })));
        await tx.shots.update(shot.id, { planVersion: version, updatedAt: at });
        const added = now.filter((x) => !was.includes(x));
        const removed = was.filter((x) => !now.includes(x));
        await appendAudit(tx, deps, {
          chain: projectChain(projectId),
          actor,
          action: 'plan.references_changed',
          targetType: 'shot',
          targetId: shot.id,
          summary: `${actor.name} saved version ${version} of ${shot.code}'s plan: ${[added.length ? `attached ${added.join(', ')}` : '', removed.length ? `removed ${removed.join(', ')}` : ''].filter(Boolean).join('; ')}`,
          data: { version },
        });
        return { version };
      });
    },
  };
}

export type ReferencesService = ReturnType<typeof createReferencesService>;
