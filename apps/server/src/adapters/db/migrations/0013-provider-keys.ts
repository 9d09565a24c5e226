/**
 * Provider keys, sealed: one per provider for the instance (`scope` 'instance') or for a project
 * (`scope` the project's id). Only the sealed value, the id of the key that sealed it and the last
 * characters people recognise are kept; the key itself never is.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('provider_keys')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.references('projects.id'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('sealed', 'text', (c) => c.notNull())
    .addColumn('sealed_with', 'text', (c) => c.notNull())
    .addColumn('hint', 'text', (c) => c.notNull())
    .addColumn('set_by_id', 'text')
    .addColumn('set_by_name', 'text', (c) => c.notNull())
    .addColumn('set_at', 'text', (c) => c.notNull())
    .addColumn('tested_at', 'text')
    .addColumn('test_ok', 'integer')
    .addColumn('test_message', 'text')
    .execute();
  await db.schema.createIndex('provider_keys_scope_provider').ifNotExists().unique().on('provider_keys').columns(['scope', 'provider']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('provider_keys').ifExists().execute();
}
