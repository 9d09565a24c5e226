/** Scenes, shots and shot plan versions in SQL. */
import { ShotPlan } from '@backlot/contracts';
import type { Kysely, Selectable } from 'kysely';
import type { PlanVersionRecord, SceneRecord, SceneRepository, ShotRecord, ShotRepository, ShotView } from '../../../ports/plan-store.ts';
import type { DB, ScenesTable, ShotPlanVersionsTable, ShotsTable } from '../schema.ts';

/** Each id with its new position, in id order: the one order every writer locks rows in, so two reorders never deadlock. */
function inIdOrder(idsInOrder: string[]): { id: string; position: number }[] {
  return idsInOrder.map((id, position) => ({ id, position })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function toScene(r: Selectable<ScenesTable>): SceneRecord {
  return {
    id: r.id,
    projectId: r.project_id,
    number: r.number,
    heading: r.heading,
    beat: r.beat,
    excerpt: r.excerpt,
    characters: JSON.parse(r.characters) as string[],
    position: Number(r.position),
    omittedAt: r.omitted_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    origin: r.origin,
  };
}

export function createSceneRepository(db: Kysely<DB>): SceneRepository {
  /** Scenes in order, each with its count of shots that are not omitted. */
  const withCounts = (projectId: string) =>
    db
      .selectFrom('scenes as s')
      .selectAll('s')
      .select((eb) =>
        eb
          .selectFrom('shots')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('shots.scene_id', '=', 's.id')
          .where('shots.status', '!=', 'omitted')
          .as('shot_count'),
      )
      .where('s.project_id', '=', projectId)
      .orderBy('s.position')
      .orderBy('s.id');
  return {
    async page(projectId, { limit, offset }) {
      const [rows, count] = await Promise.all([
        withCounts(projectId).limit(limit).offset(offset).execute(),
        db
          .selectFrom('scenes')
          .select((e) => e.fn.countAll<number>().as('n'))
          .where('project_id', '=', projectId)
          .executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map((r) => ({ ...toScene(r), shotCount: Number(r.shot_count ?? 0) })), total: Number(count.n) };
    },
    async list(projectId) {
      const rows = await withCounts(projectId).execute();
      return rows.map((r) => ({ ...toScene(r), shotCount: Number(r.shot_count ?? 0) }));
    },
    async findById(projectId, id) {
      const r = await db.selectFrom('scenes').selectAll().where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
      return r && toScene(r);
    },
    async findByNumber(projectId, number) {
      const r = await db.selectFrom('scenes').selectAll().where('project_id', '=', projectId).where('number', '=', number).executeTakeFirst();
      return r && toScene(r);
    },
    async insert(s) {
      await db
        .insertInto('scenes')
        .values({
          id: s.id,
          project_id: s.projectId,
          number: s.number,
          heading: s.heading,
          beat: s.beat,
          excerpt: s.excerpt,
          characters: JSON.stringify(s.characters),
          position: s.position,
          omitted_at: s.omittedAt,
          created_at: s.createdAt,
          updated_at: s.updatedAt,
          origin: s.origin ?? 'imported',
        })
        .execute();
    },
    async update(id, patch) {
      const v: Partial<Omit<ScenesTable, 'origin'>> = {};
      if (patch.number !== undefined) v.number = patch.number;
      if (patch.heading !== undefined) v.heading = patch.heading;
      if (patch.beat !== undefined) v.beat = patch.beat;
      if (patch.excerpt !== undefined) v.excerpt = patch.excerpt;
      if (patch.characters !== undefined) v.characters = JSON.stringify(patch.characters);
      if (patch.position !== undefined) v.position = patch.position;
      if (patch.omittedAt !== undefined) v.omitted_at = patch.omittedAt;
      if (patch.updatedAt !== undefined) v.updated_at = patch.updatedAt;
      if (Object.keys(v).length) await db.updateTable('scenes').set(v).where('id', '=', id).execute();
    },
    async setPositions(projectId, ids) {
      for (const { id, position } of inIdOrder(ids)) {
        await db.updateTable('scenes').set({ position }).where('project_id', '=', projectId).where('id', '=', id).execute();
      }
    },
    async countShots(sceneId) {
      const r = await db
        .selectFrom('shots')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('scene_id', '=', sceneId)
        .where('status', '!=', 'omitted')
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}

function toShot(r: Selectable<ShotsTable>): ShotRecord {
  return {
    id: r.id,
    projectId: r.project_id,
    sceneId: r.scene_id,
    code: r.code,
    position: Number(r.position),
    status: r.status,
    planVersion: Number(r.plan_version),
    lockedAt: r.locked_at,
    lockedBy: r.locked_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toVersion(r: Selectable<ShotPlanVersionsTable>): PlanVersionRecord {
  return {
    shotId: r.shot_id,
    version: Number(r.version),
    plan: ShotPlan.parse(JSON.parse(r.plan)),
    authorId: r.author_id,
    authorName: r.author_name,
    note: r.note,
    createdAt: r.created_at,
  };
}

export function createShotRepository(db: Kysely<DB>): ShotRepository {
  const views = () =>
    db
      .selectFrom('shots')
      .innerJoin('scenes', 'scenes.id', 'shots.scene_id')
      .innerJoin('shot_plan_versions as v', (j) => j.onRef('v.shot_id', '=', 'shots.id').onRef('v.version', '=', 'shots.plan_version'))
      .selectAll('shots')
      .select(['scenes.number as scene_number', 'scenes.position as scene_position', 'v.plan']);
  const toView = (r: Selectable<ShotsTable> & { scene_number: string; plan: string }): ShotView => ({
    ...toShot(r),
    sceneNumber: r.scene_number,
    plan: ShotPlan.parse(JSON.parse(r.plan)),
  });
  return {
    async page(projectId, { sceneId, limit, offset }) {
      let q = views().where('shots.project_id', '=', projectId);
      let count = db
        .selectFrom('shots')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('project_id', '=', projectId);
      if (sceneId) {
        q = q.where('shots.scene_id', '=', sceneId);
        count = count.where('scene_id', '=', sceneId);
      }
      const [rows, total] = await Promise.all([q.orderBy('scene_position').orderBy('shots.position').orderBy('shots.id').limit(limit).offset(offset).execute(), count.executeTakeFirstOrThrow()]);
      return { items: rows.map(toView), total: Number(total.n) };
    },
    async list(projectId, sceneId) {
      let q = views().where('shots.project_id', '=', projectId);
      if (sceneId) q = q.where('shots.scene_id', '=', sceneId);
      const rows = await q.orderBy('scene_position').orderBy('shots.position').orderBy('shots.id').execute();
      return rows.map(toView);
    },
    async findById(projectId, id) {
      const r = await views().where('shots.project_id', '=', projectId).where('shots.id', '=', id).executeTakeFirst();
      return r && toView(r);
    },
    async findByCode(projectId, code) {
      const r = await db.selectFrom('shots').selectAll().where('project_id', '=', projectId).where('code', '=', code).executeTakeFirst();
      return r && toShot(r);
    },
    async codes(projectId) {
      const rows = await db.selectFrom('shots').select('code').where('project_id', '=', projectId).execute();
      return new Set(rows.map((r) => r.code));
    },
    async insert(s) {
      await db
        .insertInto('shots')
        .values({
          id: s.id,
          project_id: s.projectId,
          scene_id: s.sceneId,
          code: s.code,
          position: s.position,
          status: s.status,
          plan_version: s.planVersion,
          locked_at: s.lockedAt,
          locked_by: s.lockedBy,
          created_at: s.createdAt,
          updated_at: s.updatedAt,
        })
        .execute();
    },
    async update(id, patch) {
      const v: Partial<ShotsTable> = {};
      if (patch.code !== undefined) v.code = patch.code;
      if (patch.position !== undefined) v.position = patch.position;
      if (patch.status !== undefined) v.status = patch.status;
      if (patch.planVersion !== undefined) v.plan_version = patch.planVersion;
      if (patch.lockedAt !== undefined) v.locked_at = patch.lockedAt;
      if (patch.lockedBy !== undefined) v.locked_by = patch.lockedBy;
      if (patch.updatedAt !== undefined) v.updated_at = patch.updatedAt;
      if (Object.keys(v).length) await db.updateTable('shots').set(v).where('id', '=', id).execute();
    },
    async setPositions(sceneId, ids) {
      for (const { id, position } of inIdOrder(ids)) {
        await db.updateTable('shots').set({ position }).where('scene_id', '=', sceneId).where('id', '=', id).execute();
      }
    },
    async insertVersion(v) {
      await db
        .insertInto('shot_plan_versions')
        .values({ shot_id: v.shotId, version: v.version, plan: JSON.stringify(v.plan), author_id: v.authorId, author_name: v.authorName, note: v.note, created_at: v.createdAt })
        .execute();
    },
    async version(shotId, version) {
      const r = await db.selectFrom('shot_plan_versions').selectAll().where('shot_id', '=', shotId).where('version', '=', version).executeTakeFirst();
      return r && toVersion(r);
    },
    async versions(shotId) {
      const rows = await db.selectFrom('shot_plan_versions').selectAll().where('shot_id', '=', shotId).orderBy('version', 'desc').execute();
      return rows.map(toVersion);
    },
  };
}
