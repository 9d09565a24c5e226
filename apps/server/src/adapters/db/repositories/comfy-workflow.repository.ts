/** ComfyUI workflows and their versions in SQL; the same on SQLite and PostgreSQL. */
import type { Kysely, Selectable } from 'kysely';
import type { ComfyWorkflowRecord, ComfyWorkflowRepository, ComfyWorkflowVersionRecord } from '../../../ports/store.ts';
import type { ComfyWorkflowsTable, ComfyWorkflowVersionsTable, DB } from '../schema.ts';

const fromRow = (r: Selectable<ComfyWorkflowsTable>): ComfyWorkflowRecord => ({
  id: r.id,
  projectId: r.project_id,
  name: r.name,
  currentVersion: Number(r.current_version),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const versionFromRow = (r: Selectable<ComfyWorkflowVersionsTable>): ComfyWorkflowVersionRecord => ({
  workflowId: r.workflow_id,
  version: Number(r.version),
  workflow: JSON.parse(r.workflow),
  mapping: JSON.parse(r.mapping),
  note: r.note,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

export function createComfyWorkflowRepository(db: Kysely<DB>): ComfyWorkflowRepository {
  return {
    async list(projectId) {
      return (await db.selectFrom('comfy_workflows').selectAll().where('project_id', '=', projectId).orderBy('name').orderBy('id').execute()).map(fromRow);
    },
    async findById(projectId, id) {
      const row = await db.selectFrom('comfy_workflows').selectAll().where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
      return row && fromRow(row);
    },
    async insert(w) {
      await db.insertInto('comfy_workflows').values({ id: w.id, project_id: w.projectId, name: w.name, current_version: w.currentVersion, created_at: w.createdAt, updated_at: w.updatedAt }).execute();
    },
    async nextVersion(id, updatedAt) {
      // One statement: PostgreSQL locks the row, so two saves at once get two numbers.
      const row = await db
        .updateTable('comfy_workflows')
        .set((eb) => ({ current_version: eb('current_version', '+', 1), updated_at: updatedAt }))
        .where('id', '=', id)
        .returning('current_version')
        .executeTakeFirstOrThrow();
      return Number(row.current_version);
    },
    async insertVersion(v) {
      await db
        .insertInto('comfy_workflow_versions')
        .values({
          workflow_id: v.workflowId,
          version: v.version,
          workflow: JSON.stringify(v.workflow),
          mapping: JSON.stringify(v.mapping),
          note: v.note,
          created_by: v.createdBy,
          created_at: v.createdAt,
        })
        .execute();
    },
    async version(id, version) {
      const row = await db.selectFrom('comfy_workflow_versions').selectAll().where('workflow_id', '=', id).where('version', '=', version).executeTakeFirst();
      return row && versionFromRow(row);
    },
    async versions(id) {
      return (await db.selectFrom('comfy_workflow_versions').selectAll().where('workflow_id', '=', id).orderBy('version', 'desc').execute()).map(versionFromRow);
    },
  };
}
