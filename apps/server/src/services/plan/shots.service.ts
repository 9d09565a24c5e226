/** Shots and their plans: every saved edit is a new plan version; a locked plan is not edited until unlocked. */
import type { ShotPlan } from '@backlot/contracts';
import { projectChain } from '../../domain/audit/audit-chain.ts';
import { fail } from '../../domain/errors.ts';
import { diffPlans, nextShotCode } from '../../domain/plan/plan.rules.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Secrets } from '../../ports/crypto.ts';
import type { Ids } from '../../ports/ids.ts';
import type { PageWindow, ShotRecord, ShotView } from '../../ports/plan-store.ts';
import type { Repos, Store } from '../../ports/store.ts';
import { appendAudit, type Actor } from '../audit/audit-append.ts';

export interface ShotsDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
  secrets: Secrets;
}

export function createShotsService(deps: ShotsDeps) {
  const audit = (tx: Repos, projectId: string, actor: Actor, action: string, shot: Pick<ShotRecord, 'id' | 'code'>, summary: string, data?: Record<string, unknown>) =>
    appendAudit(tx, deps, { chain: projectChain(projectId), actor, action, targetType: 'shot', targetId: shot.id, summary, data });

  async function getOrThrow(tx: Repos, projectId: string, id: string): Promise<ShotView> {
    return (await tx.shots.findById(projectId, id)) ?? fail('shot.not_found', 'No such shot in this project.');
  }

  /**
   * Inserts a shot with its first plan version; used by the editor, coverage drafts and shot-list
   * import. The caller's transaction holds the project's lock, so the next free code stays free.
   */
  async function insertShot(tx: Repos, actor: Actor, projectId: string, sceneId: string, input: { code?: string; plan: ShotPlan; afterShotId?: string; note?: string }): Promise<ShotView> {
    const scene = (await tx.scenes.findById(projectId, sceneId)) ?? fail('scene.not_found', 'No such scene in this project.');
    const codes = await tx.shots.codes(projectId);
    const code = input.code ?? nextShotCode(scene.number, codes);
    if (codes.has(code)) fail('shot.code_taken', `The code ${code} is already used by another shot.`, 'code');
    const siblings = await tx.shots.list(projectId, sceneId);
    const after = input.afterShotId ? siblings.findIndex((s) => s.id === input.afterShotId) : siblings.length - 1;
    if (input.afterShotId && after < 0) fail('shot.not_found', 'The shot to insert after is not in this scene.', 'afterShotId');
    const now = deps.clock.now().toISOString();
    const shot: ShotRecord = { id: deps.ids.next(), projectId, sceneId, code, position: after + 1, status: 'planned', planVersion: 1, lockedAt: null, lockedBy: null, createdAt: now, updatedAt: now };
    await tx.shots.insert(shot);
    await tx.shots.insertVersion({ shotId: shot.id, version: 1, plan: input.plan, authorId: actor.accountId, authorName: actor.name, note: input.note ?? null, createdAt: now });
    const order = siblings.map((s) => s.id);
    order.splice(after + 1, 0, shot.id);
    await tx.shots.setPositions(sceneId, order);
    await audit(tx, projectId, actor, 'shot.created', shot, `${actor.name} added shot ${code} to scene ${scene.number}`);
    return getOrThrow(tx, projectId, shot.id);
  }

  /** Saves a plan version inside the caller's transaction (the editor, shot-list import). */
  async function savePlanIn(tx: Repos, actor: Actor, projectId: string, id: string, input: { plan: ShotPlan; baseVersion: number; note?: string }): Promise<ShotView> {
    const shot = await getOrThrow(tx, projectId, id);
    if (shot.lockedAt) fail('plan.locked', `The plan of ${shot.code} is locked; unlock it to edit.`);
    if (input.baseVersion !== shot.planVersion) {
      fail('plan.stale', `The plan of ${shot.code} was saved as version ${shot.planVersion} since you opened version ${input.baseVersion}; reload to see it before saving.`, 'baseVersion');
    }
    const changes = diffPlans(shot.plan, input.plan);
    if (changes.length === 0) return shot;
    const version = shot.planVersion + 1;
    const now = deps.clock.now().toISOString();
    await tx.shots.insertVersion({ shotId: id, version, plan: input.plan, authorId: actor.accountId, authorName: actor.name, note: input.note ?? null, createdAt: now });
    // The new version references the same asset versions as the one it was made from.
    const refs = await tx.references.forVersion(id, shot.planVersion);
    await tx.references.insertMany(refs.map((r) => ({ ...r, planVersion: version })));
    await tx.shots.update(id, { planVersion: version, updatedAt: now });
    await audit(tx, projectId, actor, 'plan.saved', shot, `${actor.name} saved version ${version} of ${shot.code}'s plan: ${changes.map((c) => c.label.toLowerCase()).join(', ')}`, {
      version,
      fields: changes.map((c) => c.field),
    });
    return getOrThrow(tx, projectId, id);
  }

  async function setLockedIn(tx: Repos, actor: Actor, projectId: string, id: string, locked: boolean, reason?: string): Promise<ShotView> {
    const shot = await getOrThrow(tx, projectId, id);
    if (locked === (shot.lockedAt !== null)) return shot;
    const now = deps.clock.now().toISOString();
    const status = locked ? (shot.status === 'planned' ? 'locked' : shot.status) : shot.status === 'locked' ? 'planned' : shot.status;
    await tx.shots.update(id, { lockedAt: locked ? now : null, lockedBy: locked ? actor.name : null, status, updatedAt: now });
    await audit(
      tx,
      projectId,
      actor,
      locked ? 'plan.locked' : 'plan.unlocked',
      shot,
      `${actor.name} ${locked ? 'locked' : 'unlocked'} the plan of ${shot.code} (version ${shot.planVersion})${reason ? `: ${reason}` : ''}`,
    );
    return getOrThrow(tx, projectId, id);
  }

  return {
    insertShot,
    savePlanIn,
    setLockedIn,

    list: (projectId: string, sceneId?: string) => deps.store.read.shots.list(projectId, sceneId),

    /** One page of the shots in order (one scene's with `sceneId`). */
    page: (projectId: string, window: PageWindow & { sceneId?: string }) => deps.store.read.shots.page(projectId, window),

    get: (projectId: string, id: string) => getOrThrow(deps.store.read, projectId, id),

    create: (actor: Actor, projectId: string, sceneId: string, input: { code?: string; plan: ShotPlan; afterShotId?: string }) =>
      deps.store.transaction(async (tx) => {
        await tx.projects.lock(projectId);
        return insertShot(tx, actor, projectId, sceneId, input);
      }),

    /** Renames a shot's code or sets its status (planned, in progress, omitted). */
    async update(actor: Actor, projectId: string, id: string, changes: { code?: string; status?: 'planned' | 'in_progress' | 'omitted' }): Promise<ShotView> {
      return deps.store.transaction(async (tx) => {
        if (changes.code !== undefined) await tx.projects.lock(projectId);
        const before = await getOrThrow(tx, projectId, id);
        const said: string[] = [];
        if (changes.code !== undefined && changes.code !== before.code) {
          if (await tx.shots.findByCode(projectId, changes.code)) fail('shot.code_taken', `The code ${changes.code} is already used by another shot.`, 'code');
          said.push(`renamed ${before.code} to ${changes.code}`);
        }
        if (changes.status !== undefined && changes.status !== before.status) {
          if (before.status === 'approved') fail('request.invalid', 'An approved shot keeps its status; revoke the approval first.', 'status');
          if (before.lockedAt && changes.status !== 'omitted') fail('plan.locked', `The plan of ${before.code} is locked; unlock it first.`, 'status');
          said.push(`set ${changes.code ?? before.code} to ${changes.status.replace('_', ' ')}`);
        }
        if (!said.length) return before;
        await tx.shots.update(id, { code: changes.code, status: changes.status, updatedAt: deps.clock.now().toISOString() });
        await audit(tx, projectId, actor, 'shot.updated', before, `${actor.name} ${said.join(' and ')}`, changes);
        return getOrThrow(tx, projectId, id);
      });
    },

    /**
     * Saves an edited plan as a new version. Refused while locked, and when someone saved a newer
     * version since `baseVersion` was read (their edit is never overwritten silently).
     */
    async savePlan(actor: Actor, projectId: string, id: string, input: { plan: ShotPlan; baseVersion: number; note?: string }): Promise<ShotView> {
      return deps.store.transaction(async (tx) => {
        // Two saves at once: the later reads the earlier's version under the lock and is told it is stale.
        await tx.projects.lock(projectId);
        return savePlanIn(tx, actor, projectId, id, input);
      });
    },

    /** Locks or unlocks a plan; both are audited, and a locked shot shows as locked. */
    setLocked: (actor: Actor, projectId: string, id: string, locked: boolean, reason?: string): Promise<ShotView> =>
      deps.store.transaction((tx) => setLockedIn(tx, actor, projectId, id, locked, reason)),

    /** Puts a scene's shots in the order given; every shot of the scene must be named once. */
    async reorder(actor: Actor, projectId: string, sceneId: string, ids: string[]): Promise<void> {
      await deps.store.transaction(async (tx) => {
        await tx.projects.lock(projectId);
        const scene = (await tx.scenes.findById(projectId, sceneId)) ?? fail('scene.not_found', 'No such scene in this project.');
        const shots = await tx.shots.list(projectId, sceneId);
        const known = new Set(shots.map((s) => s.id));
        if (ids.length !== shots.length || new Set(ids).size !== ids.length || !ids.every((i) => known.has(i))) {
          fail('request.invalid', 'The new order must name every shot of the scene exactly once.', 'ids');
        }
        await tx.shots.setPositions(sceneId, ids);
        await appendAudit(tx, deps, {
          chain: projectChain(projectId),
          actor,
          action: 'shot.reordered',
          targetType: 'scene',
          targetId: sceneId,
          summary: `${actor.name} reordered the shots of scene ${scene.number}`,
        });
      });
    },

    /** Every version of a plan, newest first, with the fields each one changed. */
    async versions(projectId: string, id: string) {
      const shot = await getOrThrow(deps.store.read, projectId, id);
      const versions = await deps.store.read.shots.versions(shot.id);
      return versions.map((v, i) => {
        const previous = versions[i + 1];
        return { ...v, changed: previous ? diffPlans(previous.plan, v.plan).map((c) => c.label) : ['first version'] };
      });
    },

    /** The field-by-field difference between any two versions. */
    async diff(projectId: string, id: string, from: number, to: number) {
      const shot = await getOrThrow(deps.store.read, projectId, id);
      const [a, b] = await Promise.all([deps.store.read.shots.version(shot.id, from), deps.store.read.shots.version(shot.id, to)]);
      if (!a) fail('plan.version_not_found', `${shot.code} has no plan version ${from}.`, 'from');
      if (!b) fail('plan.version_not_found', `${shot.code} has no plan version ${to}.`, 'to');
      return { from, to, changes: diffPlans(a.plan, b.plan) };
    },
  };
}

export type ShotsService = ReturnType<typeof createShotsService>;
