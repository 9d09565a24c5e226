/** Scenes of a project: create, edit, reorder, omit and restore. Every change is audited. */
import { projectChain } from '../../domain/audit/audit-chain.ts';
import { fail } from '../../domain/errors.ts';
import { nextSceneNumber } from '../../domain/plan/plan.rules.ts';
import { insertedSceneNumber } from '../../domain/screenplay/scene-numbers.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Secrets } from '../../ports/crypto.ts';
import type { Ids } from '../../ports/ids.ts';
import type { PageWindow, SceneRecord } from '../../ports/plan-store.ts';
import type { Repos, Store } from '../../ports/store.ts';
import { appendAudit, type Actor } from '../audit/audit-append.ts';

export interface ScenesDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
  secrets: Secrets;
}

export interface NewScene {
  number?: string;
  heading: string;
  beat: string;
  excerpt: string;
  characters: string[];
  afterSceneId?: string;
}

export type SceneChanges = Partial<{ number: string; heading: string; beat: string; excerpt: string; characters: string[]; omitted: boolean }>;

const label = (s: Pick<SceneRecord, 'number' | 'heading'>) => `scene ${s.number} ${s.heading}`;

export function createScenesService(deps: ScenesDeps) {
  async function getOrThrow(tx: Repos, projectId: string, id: string): Promise<SceneRecord> {
    return (await tx.scenes.findById(projectId, id)) ?? fail('scene.not_found', 'No such scene in this project.');
  }

  return {
    list: (projectId: string) => deps.store.read.scenes.list(projectId),

    /** One page of the scenes in order. */
    page: (projectId: string, window: PageWindow) => deps.store.read.scenes.page(projectId, window),

    get: (projectId: string, id: string) => getOrThrow(deps.store.read, projectId, id),

    /** One scene with its count of shots, as the scene list shows it. */
    async getWithCount(projectId: string, id: string): Promise<SceneRecord & { shotCount: number }> {
      const scene = await getOrThrow(deps.store.read, projectId, id);
      return { ...scene, shotCount: await deps.store.read.scenes.countShots(id) };
    },

    /**
     * Adds a scene (by hand: a re-import never omits it) at the end, or after another. Its number
     * defaults to the next free one; with numbering locked, to a lettered one after the scene before
     * it (50A, A1 before scene 1).
     */
    async create(actor: Actor, projectId: string, input: NewScene): Promise<SceneRecord> {
      return deps.store.transaction(async (tx) => {
        // Under the project's lock the list is the latest, so the next number is free when inserted.
        await tx.projects.lock(projectId);
        const scenes = await tx.scenes.list(projectId);
        const after = input.afterSceneId ? scenes.findIndex((s) => s.id === input.afterSceneId) : scenes.length - 1;
        if (input.afterSceneId && after < 0) fail('scene.not_found', 'The scene to insert after is not in this project.', 'afterSceneId');
        const locked = (await tx.revisions.numberingLock(projectId)) !== undefined;
        const numbers = scenes.map((s) => s.number);
        const number = input.number ?? (locked ? insertedSceneNumber(scenes[after]?.number ?? null, scenes[after + 1]?.number ?? null, new Set(numbers)) : nextSceneNumber(numbers));
        if (scenes.some((s) => s.number === number)) fail('scene.number_taken', `Scene ${number} already exists in this project.`, 'number');
        const now = deps.clock.now().toISOString();
        const scene: SceneRecord = {
          id: deps.ids.next(),
          projectId,
          number,
          heading: input.heading,
          beat: input.beat,
          excerpt: input.excerpt,
          characters: input.characters,
          position: after + 1,
          omittedAt: null,
          createdAt: now,
          updatedAt: now,
          origin: 'manual',
        };
        await tx.scenes.insert(scene);
        const order = scenes.map((s) => s.id);
        order.splice(after + 1, 0, scene.id);
        await tx.scenes.setPositions(projectId, order);
        await appendAudit(tx, deps, { chain: projectChain(projectId), actor, action: 'scene.created', targetType: 'scene', targetId: scene.id, summary: `${actor.name} added ${label(scene)}` });
        return scene;
      });
    },

    /** Edits a scene; `omitted` marks it omitted (kept, numbered, out of the running) or restores it. */
    async update(actor: Actor, projectId: string, id: string, changes: SceneChanges): Promise<SceneRecord & { shotCount: number }> {
      const scene = await deps.store.transaction(async (tx) => {
        if (changes.number !== undefined) await tx.projects.lock(projectId);
        const before = await getOrThrow(tx, projectId, id);
        if (changes.number !== undefined && changes.number !== before.number && (await tx.revisions.numberingLock(projectId))) {
          fail('scene.numbers_locked', `Scene numbering is locked: scene ${before.number} keeps its number. Unlock numbering to renumber scenes.`, 'number');
        }
        if (changes.number !== undefined && changes.number !== before.number && (await tx.scenes.findByNumber(projectId, changes.number))) {
          fail('scene.number_taken', `Scene ${changes.number} already exists in this project.`, 'number');
        }
        const now = deps.clock.now().toISOString();
        const fields = (['number', 'heading', 'beat', 'excerpt'] as const).filter((f) => changes[f] !== undefined && changes[f] !== before[f]);
        const charactersChanged = changes.characters !== undefined && JSON.stringify(changes.characters) !== JSON.stringify(before.characters);
        const omitChanged = changes.omitted !== undefined && changes.omitted !== (before.omittedAt !== null);
        if (!fields.length && !charactersChanged && !omitChanged) return before;
        await tx.scenes.update(id, {
          ...Object.fromEntries(fields.map((f) => [f, changes[f]])),
          ...(charactersChanged ? { characters: changes.characters } : {}),
          ...(omitChanged ? { omittedAt: changes.omitted ? now : null } : {}),
          updatedAt: now,
        });
        const what = [...fields, ...(charactersChanged ? ['characters'] : [])];
        const summary = omitChanged
          ? `${actor.name} ${changes.omitted ? 'omitted' : 'restored'} ${label(before)}${what.length ? ` and changed ${what.join(', ')}` : ''}`
          : `${actor.name} changed ${what.join(', ')} of ${label(before)}`;
        await appendAudit(tx, deps, {
          chain: projectChain(projectId),
          actor,
          action: omitChanged ? (changes.omitted ? 'scene.omitted' : 'scene.restored') : 'scene.updated',
          targetType: 'scene',
          targetId: id,
          summary,
          data: { fields: what },
        });
        return getOrThrow(tx, projectId, id);
      });
      return { ...scene, shotCount: await deps.store.read.scenes.countShots(scene.id) };
    },

    /** Puts the project's scenes in the order given; every scene must be named once. */
    async reorder(actor: Actor, projectId: string, ids: string[]): Promise<void> {
      await deps.store.transaction(async (tx) => {
        await tx.projects.lock(projectId);
        const scenes = await tx.scenes.list(projectId);
        const known = new Set(scenes.map((s) => s.id));
        if (ids.length !== scenes.length || new Set(ids).size !== ids.length || !ids.every((i) => known.has(i))) {
          fail('request.invalid', 'The new order must name every scene of the project exactly once.', 'ids');
        }
        await tx.scenes.setPositions(projectId, ids);
        await appendAudit(tx, deps, { chain: projectChain(projectId), actor, action: 'scene.reordered', targetType: 'project', targetId: projectId, summary: `${actor.name} reordered the scenes` });
      });
    },
  };
}

export type ScenesService = ReturnType<typeof createScenesService>;
