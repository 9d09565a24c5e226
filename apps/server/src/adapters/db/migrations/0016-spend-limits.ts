/**
 * Spend limits beside the project budget: a budget per scene, and spend caps per member or per
 * role (each member of the role), per UTC day or over the whole project. Both are checked in the
 * transaction that reserves a take's cost.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('scene_budgets')
    .ifNotExists()
    .addColumn('scene_id', 'text', (c) => c.primaryKey().references('scenes.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('amount_micros', 'bigint', (c) => c.notNull())
    .addColumn('set_by_name', 'text', (c) => c.notNull())
    .addColumn('set_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('spend_caps')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    // 'member' (subject: an account id) or 'role' (subject: a role name).
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    // 'day' (UTC) or 'project'.
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('amount_micros', 'bigint', (c) => c.notNull())
    .addColumn('set_by_name', 'text', (c) => c.notNull())
    .addColumn('set_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('spend_caps_subject').ifNotExists().unique().on('spend_caps').columns(['project_id', 'subject_kind', 'subject', 'period']).execute();
  await db.schema.createIndex('takes_requester').ifNotExists().on('takes').columns(['project_id', 'requested_by', 'requested_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('takes_requester').ifExists().execute();
  await db.schema.dropTable('spend_caps').ifExists().execute();
  await db.schema.dropTable('scene_budgets').ifExists().execute();
}
