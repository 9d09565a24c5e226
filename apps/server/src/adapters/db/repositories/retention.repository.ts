/** Retention in SQL: the setting, the rejected takes a purge may consider, what keeps a take or a blob, and the purge's writes; the same SQL on SQLite and PostgreSQL. */
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { RetentionRepository, RetentionTakeRecord } from '../../../ports/retention-store.ts';
import type { TakeMediaRecord } from '../../../ports/take-store.ts';
import type { DB } from '../schema.ts';

/** `%text%` for LIKE, with LIKE's own characters escaped (ids and hashes have none, but a task id might). */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function createRetentionRepository(db: Kysely<DB>): RetentionRepository {
  /** A LIKE that escapes with a backslash on both databases. */
  const like = (column: string, text: string) => sql<SqlBool>`${sql.ref(column)} like ${containing(text)} escape '\\'`;

  return {
    async setting(projectId) {
      const r = await db.selectFrom('project_retention').selectAll().where('project_id', '=', projectId).executeTakeFirst();
      return r && { projectId: r.project_id, purgeRejectedAfterDays: r.purge_rejected_after_days === null ? null : Number(r.purge_rejected_after_days), setByName: r.set_by_name, setAt: r.set_at };
    },

    async putSetting(s) {
      await db
        .insertInto('project_retention')
        .values({ project_id: s.projectId, purge_rejected_after_days: s.purgeRejectedAfterDays, set_by_name: s.setByName, set_at: s.setAt })
        .onConflict((oc) => oc.column('project_id').doUpdateSet({ purge_rejected_after_days: s.purgeRejectedAfterDays, set_by_name: s.setByName, set_at: s.setAt }))
        .execute();
    },

    async rejectedBefore(projectId, cutoff, ids) {
      if (ids && !ids.length) return [];
      let q = db
        .selectFrom('takes')
        .innerJoin('shots', 'shots.id', 'takes.shot_id')
        .innerJoin('scenes', 'scenes.id', 'shots.scene_id')
        .select([
          'takes.id',
          'takes.project_id',
          'takes.shot_id',
          'shots.code as shot_code',
          'scenes.number as scene_number',
          'takes.number',
          'takes.provider',
          'takes.provider_task_id',
          'takes.finished_at',
          'takes.media',
        ])
        .where('takes.project_id', '=', projectId)
        .where('takes.review', '=', 'rejected')
        .where('takes.media', 'is not', null)
        .where('takes.status', 'in', ['succeeded', 'canceled'])
        .where('takes.finished_at', 'is not', null)
        .where('takes.finished_at', '<', cutoff);
      if (ids) q = q.where('takes.id', 'in', ids);
      const rows = await q.orderBy('takes.finished_at').orderBy('takes.id').execute();
      return rows.map(
        (r): RetentionTakeRecord => ({
          id: r.id,
          projectId: r.project_id,
          shotId: r.shot_id,
          shotCode: r.shot_code,
          sceneNumber: r.scene_number,
          number: Number(r.number),
          provider: r.provider,
          providerTaskId: r.provider_task_id,
          finishedAt: r.finished_at,
          media: JSON.parse(r.media!) as TakeMediaRecord,
        }),
      );
    },

    async keptBecause(take, clipNames) {
      const parent = await db.selectFrom('takes').select('number').where('parent_take_id', '=', take.id).limit(1).executeTakeFirst();
      if (parent) return 'another take was made from it (regenerated, varied or extended)';
      // A take named by id, or by its provider task (Luma keyframes `{type:"generation", id}`), in another take's request.
      const names = [take.id, ...(take.providerTaskId && take.providerTaskId.length >= 8 ? [take.providerTaskId] : [])];
      const source = await db
        .selectFrom('takes')
        .select('id')
        .where('id', '!=', take.id)
        .where((eb) => eb.or(names.flatMap((n) => [like('request', n), like('spec', n)])))
        .limit(1)
        .executeTakeFirst();
      if (source) return 'another take uses it as a keyframe or source';
      // Saved as a reference: each version made from a take says so in its note ("From frame 12 of SC001_SH010 TK003 (take <id>)").
      const version = await db.selectFrom('asset_versions').select('asset_id').where(like('note', take.id)).limit(1).executeTakeFirst();
      if (version) return 'a reference version was made from it';
      const playlist = await db
        .selectFrom('dailies_items')
        .innerJoin('dailies_sessions', 'dailies_sessions.id', 'dailies_items.session_id')
        .select('dailies_items.id')
        .where('dailies_items.take_id', '=', take.id)
        .where('dailies_sessions.status', '=', 'open')
        .limit(1)
        .executeTakeFirst();
      if (playlist) return 'it is in an open dailies playlist';
      // Handoffs are recorded as audit events naming their clips (and, since retention, their take ids).
      const handedOff = await db
        .selectFrom('audit_events')
        .select('id')
        .where('chain', '=', `project:${take.projectId}`)
        .where('action', 'like', 'handoff.exported%')
        .where((eb) => eb.or([like('data', take.id), ...clipNames.map((n) => like('data', `"${n}"`))]))
        .limit(1)
        .executeTakeFirst();
      if (handedOff) return 'it was handed off to editorial';
      return null;
    },

    async sharedElsewhere(takeId, ownPrevisTaskId, sha256s) {
      const shared = new Set<string>();
      if (!sha256s.length) return shared;
      const note = (texts: (string | null)[]) => {
        for (const sha of sha256s) if (texts.some((t) => t?.includes(sha))) shared.add(sha);
      };
      // Other takes (any project) whose media, continuity frames, request, spec or purge record name a file.
      const takes = await db
        .selectFrom('takes')
        .select(['original_sha256', 'media', 'continuity', 'request', 'spec', 'media_purge'])
        .where('id', '!=', takeId)
        .where((eb) => eb.or([eb('original_sha256', 'in', sha256s), ...sha256s.flatMap((sha) => ['media', 'continuity', 'request', 'spec', 'media_purge'].map((column) => like(column, sha)))]))
        .execute();
      for (const t of takes) note([t.original_sha256, t.media, t.continuity, t.request, t.spec, t.media_purge]);
      // The take's own continuity frames are files it keeps.
      const own = await db.selectFrom('takes').select('continuity').where('id', '=', takeId).executeTakeFirst();
      if (own) note([own.continuity]);
      const assets = await db
        .selectFrom('asset_files')
        .select(['sha256', 'poster_sha256', 'thumbnail_sha256'])
        .where((eb) => eb.or([eb('sha256', 'in', sha256s), eb('poster_sha256', 'in', sha256s), eb('thumbnail_sha256', 'in', sha256s)]))
        .execute();
      for (const a of assets) note([a.sha256, a.poster_sha256, a.thumbnail_sha256]);
      const consents = await db.selectFrom('consents').select('document_sha256').where('document_sha256', 'in', sha256s).execute();
      note(consents.map((c) => c.document_sha256));
      const likeness = await db.selectFrom('consent_provider_assets').select('image_sha256').where('image_sha256', 'in', sha256s).execute();
      note(likeness.map((l) => l.image_sha256));
      let previs = db.selectFrom('previs_tasks').select('output_sha256').where('output_sha256', 'in', sha256s);
      if (ownPrevisTaskId) previs = previs.where('id', '!=', ownPrevisTaskId);
      note((await previs.execute()).map((t) => t.output_sha256));
      const reports = await db.selectFrom('dailies_sessions').select('report_sha256').where('report_sha256', 'in', sha256s).execute();
      note(reports.map((r) => r.report_sha256));
      const movies = await db.selectFrom('dailies_movies').select('sha256').where('sha256', 'in', sha256s).execute();
      note(movies.map((m) => m.sha256));
      return shared;
    },

    async sizes(sha256s) {
      if (!sha256s.length) return new Map();
      const rows = await db.selectFrom('blobs').select(['sha256', 'size']).where('sha256', 'in', sha256s).execute();
      return new Map(rows.map((r) => [r.sha256, Number(r.size)]));
    },

    async markPurged(takeId, purge, updatedAt) {
      const r = await db
        .updateTable('takes')
        .set({ media: null, original_sha256: null, media_purge: JSON.stringify(purge), updated_at: updatedAt })
        .where('id', '=', takeId)
        .where('review', '=', 'rejected')
        .where('media', 'is not', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async forgetBlobs(sha256s) {
      if (sha256s.length) await db.deleteFrom('blobs').where('sha256', 'in', sha256s).execute();
    },

    async forgetPrevisOutput(taskId) {
      await db.updateTable('previs_tasks').set({ output_sha256: null, output_size: null }).where('id', '=', taskId).where('state', '!=', 'pending').execute();
    },

    async recorded(sha256s) {
      if (!sha256s.length) return new Set();
      const rows = await db.selectFrom('blobs').select('sha256').where('sha256', 'in', sha256s).execute();
      return new Set(rows.map((r) => r.sha256));
    },
  };
}
