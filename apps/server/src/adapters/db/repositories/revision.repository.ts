/** Script revisions and locked scene numbering in SQL. */
import type { Kysely } from 'kysely';
import type { RevisionRepository, SceneChangeKind } from '../../../ports/revision-store.ts';
import type { DB } from '../schema.ts';

export function createRevisionRepository(db: Kysely<DB>): RevisionRepository {
  return {
    async numberingLock(projectId) {
      const r = await db.selectFrom('scene_numbering_locks').selectAll().where('project_id', '=', projectId).executeTakeFirst();
      return r && { projectId: r.project_id, lockedBy: r.locked_by, lockedByName: r.locked_by_name, lockedAt: r.locked_at };
    },
    async setNumberingLock(projectId, lock) {
      await db.deleteFrom('scene_numbering_locks').where('project_id', '=', projectId).execute();
      if (lock) {
        await db.insertInto('scene_numbering_locks').values({ project_id: projectId, locked_by: lock.lockedBy, locked_by_name: lock.lockedByName, locked_at: lock.lockedAt }).execute();
      }
    },
    async list(projectId) {
      const rows = await db.selectFrom('script_revisions').selectAll().where('project_id', '=', projectId).orderBy('number').execute();
      return rows.map((r) => ({
        id: r.id,
        projectId: r.project_id,
        number: Number(r.number),
        colour: r.colour,
        fileName: r.file_name,
        title: r.title,
        authorId: r.author_id,
        authorName: r.author_name,
        added: Number(r.added),
        changed: Number(r.changed),
        omitted: Number(r.omitted),
        createdAt: r.created_at,
      }));
    },
    async latestNumber(projectId) {
      const r = await db
        .selectFrom('script_revisions')
        .select((e) => e.fn.max('number').as('n'))
        .where('project_id', '=', projectId)
        .executeTakeFirst();
      return Number(r?.n ?? 0);
    },
    async insert(rev, changes) {
      await db
        .insertInto('script_revisions')
        .values({
          id: rev.id,
          project_id: rev.projectId,
          number: rev.number,
          colour: rev.colour,
          file_name: rev.fileName,
          title: rev.title,
          author_id: rev.authorId,
          author_name: rev.authorName,
          added: rev.added,
          changed: rev.changed,
          omitted: rev.omitted,
          created_at: rev.createdAt,
        })
        .execute();
      // A few hundred rows at a time keeps every insert under the databases' limits on parameters.
      for (let i = 0; i < changes.length; i += 200) {
        await db
          .insertInto('scene_revisions')
          .values(changes.slice(i, i + 200).map((c) => ({ scene_id: c.sceneId, revision_id: c.revisionId, change: c.change, parts: JSON.stringify(c.parts) })))
          .execute();
      }
    },
    async sceneChanges(projectId, sceneIds) {
      if (sceneIds && sceneIds.length === 0) return [];
      let q = db
        .selectFrom('scene_revisions as sr')
        .innerJoin('script_revisions as r', 'r.id', 'sr.revision_id')
        .innerJoin('scenes as s', 's.id', 'sr.scene_id')
        .select(['sr.scene_id', 'sr.revision_id', 'sr.change', 'sr.parts', 'r.number', 'r.colour', 'r.created_at', 's.number as scene_number', 's.heading', 's.position'])
        .where('r.project_id', '=', projectId);
      if (sceneIds) q = q.where('sr.scene_id', 'in', sceneIds);
      const rows = await q.orderBy('r.number').orderBy('s.position').execute();
      return rows.map((r) => ({
        sceneId: r.scene_id,
        revisionId: r.revision_id,
        change: r.change as SceneChangeKind,
        parts: JSON.parse(r.parts) as string[],
        revisionNumber: Number(r.number),
        colour: r.colour,
        createdAt: r.created_at,
        sceneNumber: r.scene_number,
        heading: r.heading,
      }));
    },
  };
}
