/**
 * The archive's reads and restores (issue 19): a project's rows of every table, as stored, found
 * through the column that ties each table to the project (directly or through its parent), in key
 * order; and rows inserted back as they were. The same SQL on both databases.
 */
import { sql, type Kysely } from 'kysely';
import type { RecordTable } from '../../../domain/archive/archive-bundle.ts';
import type { ArchiveRepository, ArchiveRow } from '../../../ports/archive.ts';
import type { DB } from '../schema.ts';

// biome-ignore lint/suspicious/noExplicitAny: rows of any table, by name
type AnyDb = Kysely<any>;

/** How each table's rows belong to a project: the column, and the parent table whose ids it holds (or the project itself). */
const OWNERSHIP: Record<
  Exclude<RecordTable, 'blobs'>,
  { column: string; parent: 'project' | 'shots' | 'scenes' | 'assets' | 'consents' | 'takes' | 'dailies_sessions' | 'comfy_workflows'; key: string[] }
> = {
  projects: { column: 'id', parent: 'project', key: ['id'] },
  project_retention: { column: 'project_id', parent: 'project', key: ['project_id'] },
  scenes: { column: 'project_id', parent: 'project', key: ['id'] },
  script_revisions: { column: 'project_id', parent: 'project', key: ['id'] },
  scene_revisions: { column: 'scene_id', parent: 'scenes', key: ['scene_id', 'revision_id'] },
  scene_numbering_locks: { column: 'project_id', parent: 'project', key: ['project_id'] },
  shots: { column: 'project_id', parent: 'project', key: ['id'] },
  shot_plan_versions: { column: 'shot_id', parent: 'shots', key: ['shot_id', 'version'] },
  assets: { column: 'project_id', parent: 'project', key: ['id'] },
  asset_versions: { column: 'asset_id', parent: 'assets', key: ['asset_id', 'version'] },
  asset_files: { column: 'asset_id', parent: 'assets', key: ['id'] },
  clearance_events: { column: 'asset_id', parent: 'assets', key: ['id'] },
  consents: { column: 'asset_id', parent: 'assets', key: ['id'] },
  consent_changes: { column: 'consent_id', parent: 'consents', key: ['id'] },
  consent_provider_assets: { column: 'project_id', parent: 'project', key: ['id'] },
  plan_references: { column: 'shot_id', parent: 'shots', key: ['shot_id', 'plan_version', 'asset_id', 'asset_version', 'role'] },
  takes: { column: 'project_id', parent: 'project', key: ['id'] },
  take_references: { column: 'take_id', parent: 'takes', key: ['take_id', 'asset_id', 'asset_version', 'role'] },
  take_review_events: { column: 'take_id', parent: 'takes', key: ['id'] },
  notes: { column: 'project_id', parent: 'project', key: ['id'] },
  ledger_entries: { column: 'project_id', parent: 'project', key: ['id'] },
  price_entries: { column: 'project_id', parent: 'project', key: ['id'] },
  scene_budgets: { column: 'project_id', parent: 'project', key: ['scene_id'] },
  spend_caps: { column: 'project_id', parent: 'project', key: ['id'] },
  dailies_sessions: { column: 'project_id', parent: 'project', key: ['id'] },
  dailies_items: { column: 'session_id', parent: 'dailies_sessions', key: ['id'] },
  dailies_log: { column: 'session_id', parent: 'dailies_sessions', key: ['id'] },
  dailies_movies: { column: 'session_id', parent: 'dailies_sessions', key: ['session_id', 'request_key'] },
  comfy_workflows: { column: 'project_id', parent: 'project', key: ['id'] },
  comfy_workflow_versions: { column: 'workflow_id', parent: 'comfy_workflows', key: ['workflow_id', 'version'] },
};

/** The ids of a parent table's rows in the project. */
function parentIds(db: AnyDb, parent: Exclude<(typeof OWNERSHIP)[keyof typeof OWNERSHIP]['parent'], 'project'>, projectId: string) {
  if (parent === 'consents')
    return db
      .selectFrom('consents')
      .select('id')
      .where('asset_id', 'in', db.selectFrom('assets').select('id').where('project_id', '=', projectId));
  return db.selectFrom(parent).select('id').where('project_id', '=', projectId);
}

/** Parameters per statement stay well under PostgreSQL's 65,535 and SQLite's 32,766. */
const MAX_PARAMETERS = 30_000;

export function createArchiveRepository(db: Kysely<DB>): ArchiveRepository {
  const any = db as unknown as AnyDb;
  return {
    async *rows(projectId, table, batch) {
      const own = OWNERSHIP[table];
      for (let offset = 0; ; offset += batch) {
        let q = any.selectFrom(table).selectAll();
        q = own.parent === 'project' ? q.where(own.column, '=', projectId) : q.where(own.column, 'in', parentIds(any, own.parent, projectId));
        for (const k of own.key) q = q.orderBy(k);
        const rows = (await q.limit(batch).offset(offset).execute()) as ArchiveRow[];
        if (rows.length) yield rows;
        if (rows.length < batch) return;
      }
    },
    async *auditRows(chain, batch) {
      let after = 0;
      for (;;) {
        const rows = await db.selectFrom('audit_events').selectAll().where('chain', '=', chain).where('seq', '>', after).orderBy('seq').limit(batch).execute();
        if (!rows.length) return;
        yield rows as unknown as ArchiveRow[];
        after = Number(rows[rows.length - 1].seq);
      }
    },
    async blobRows(sha256s) {
      const out: ArchiveRow[] = [];
      const sorted = [...sha256s].sort();
      for (let i = 0; i < sorted.length; i += 500) {
        out.push(
          ...((await db
            .selectFrom('blobs')
            .selectAll()
            .where('sha256', 'in', sorted.slice(i, i + 500))
            .orderBy('sha256')
            .execute()) as unknown as ArchiveRow[]),
        );
      }
      return out;
    },
    async members(projectId) {
      return db
        .selectFrom('project_members as m')
        .innerJoin('accounts as a', 'a.id', 'm.account_id')
        .select(['a.email', 'a.name', 'm.role'])
        .where('m.project_id', '=', projectId)
        .orderBy('a.email')
        .execute();
    },
    async insert(table, rows) {
      if (!rows.length) return;
      const per = Math.max(1, Math.floor(MAX_PARAMETERS / Object.keys(rows[0]).length));
      for (let i = 0; i < rows.length; i += per) {
        const q = any.insertInto(table).values(rows.slice(i, i + per) as never);
        await (table === 'blobs' ? q.onConflict((oc) => oc.column('sha256').doNothing()) : q).execute();
      }
    },
    async schemaVersion() {
      const r = await sql<{ name: string }>`select name from backlot_migrations order by name desc limit 1`.execute(db);
      return r.rows[0]?.name ?? 'none';
    },
  };
}
