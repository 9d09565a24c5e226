/** Script revisions as a list, what each scene went through, and locking scene numbers. Locking is audited. */
import type { SceneNumbering, SceneRevisionMark, ScriptRevision } from '@backlot/contracts';
import { projectChain } from '../../domain/audit/audit-chain.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Secrets } from '../../ports/crypto.ts';
import type { Ids } from '../../ports/ids.ts';
import type { NumberingLockRecord } from '../../ports/revision-store.ts';
import type { Repos, Store } from '../../ports/store.ts';
import { appendAudit, type Actor } from '../audit/audit-append.ts';

export interface RevisionsDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
  secrets: Secrets;
}

function presentNumbering(lock: NumberingLockRecord | undefined): SceneNumbering {
  return lock ? { locked: true, lockedBy: { id: lock.lockedBy, name: lock.lockedByName }, lockedAt: lock.lockedAt } : { locked: false, lockedBy: null, lockedAt: null };
}

export function createRevisionsService(deps: RevisionsDeps) {
  return {
    numbering: async (projectId: string) => presentNumbering(await deps.store.read.revisions.numberingLock(projectId)),

    /** Locks or unlocks scene numbers; doing what is already so changes nothing. */
    async setNumbering(actor: Actor, projectId: string, locked: boolean): Promise<SceneNumbering> {
      return deps.store.transaction(async (tx: Repos) => {
        // The project's lock orders this against imports and new scenes that allocate numbers.
        await tx.projects.lock(projectId);
        const current = await tx.revisions.numberingLock(projectId);
        if ((current !== undefined) === locked) return presentNumbering(current);
        const lock = locked ? { projectId, lockedBy: actor.accountId, lockedByName: actor.name, lockedAt: deps.clock.now().toISOString() } : null;
        await tx.revisions.setNumberingLock(projectId, lock);
        await appendAudit(tx, deps, {
          chain: projectChain(projectId),
          actor,
          action: locked ? 'scene.numbering_locked' : 'scene.numbering_unlocked',
          targetType: 'project',
          targetId: projectId,
          summary: `${actor.name} ${locked ? 'locked' : 'unlocked'} scene numbering`,
        });
        return presentNumbering(lock ?? undefined);
      });
    },

    /** The project's revisions, first first, each with the scenes it touched. */
    async list(projectId: string): Promise<{ revisions: ScriptRevision[]; numbering: SceneNumbering }> {
      const [revisions, changes, lock] = await Promise.all([
        deps.store.read.revisions.list(projectId),
        deps.store.read.revisions.sceneChanges(projectId),
        deps.store.read.revisions.numberingLock(projectId),
      ]);
      return {
        numbering: presentNumbering(lock),
        revisions: revisions.map((r) => ({
          number: r.number,
          colour: r.colour,
          at: r.createdAt,
          fileName: r.fileName,
          title: r.title,
          author: { id: r.authorId, name: r.authorName },
          added: r.added,
          changed: r.changed,
          omitted: r.omitted,
          scenes: changes.filter((c) => c.revisionId === r.id).map((c) => ({ sceneId: c.sceneId, number: c.sceneNumber, heading: c.heading, change: c.change, parts: c.parts })),
        })),
      };
    },

    /** For each scene named, the revisions that added, changed or omitted it, oldest first. */
    async marks(projectId: string, sceneIds: string[]): Promise<Map<string, SceneRevisionMark[]>> {
      const out = new Map<string, SceneRevisionMark[]>(sceneIds.map((id) => [id, []]));
      const changes = await deps.store.read.revisions.sceneChanges(projectId, sceneIds.length > 200 ? undefined : sceneIds);
      for (const c of changes) out.get(c.sceneId)?.push({ revision: c.revisionNumber, colour: c.colour, at: c.createdAt, change: c.change, parts: c.parts });
      return out;
    },
  };
}

export type RevisionsService = ReturnType<typeof createRevisionsService>;
