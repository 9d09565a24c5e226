/**
 * ComfyUI workflows (issue 18): a project's workflows, each with numbered versions that never
 * change once written, like reference assets. A version holds the API-format workflow and the
 * mapping of plan fields to its node inputs; changing either writes the next version.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('comfy_workflows')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('comfy_workflows_project_name').unique().on('comfy_workflows').columns(['project_id', 'name']).execute();
  await db.schema
    .createTable('comfy_workflow_versions')
    .addColumn('workflow_id', 'text', (c) => c.notNull().references('comfy_workflows.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('workflow', 'text', (c) => c.notNull())
    .addColumn('mapping', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('comfy_workflow_versions_pk', ['workflow_id', 'version'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('comfy_workflow_versions').ifExists().execute();
  await db.schema.dropTable('comfy_workflows').ifExists().execute();
}
