/**
 * Retention (issue 19): a project's setting that media of rejected takes older than some days may
 * be purged (no row: off), and on a take what a purge removed (its poster stays; `media` becomes
 * null, so everything that needs a picture treats a purged take as having none).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('project_retention')
    .ifNotExists()
    .addColumn('project_id', 'text', (c) => c.primaryKey().references('projects.id').onDelete('cascade'))
    .addColumn('purge_rejected_after_days', 'integer')
    .addColumn('set_by_name', 'text', (c) => c.notNull())
    .addColumn('set_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('takes').addColumn('media_purge', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('takes').dropColumn('media_purge').execute();
  await db.schema.dropTable('project_retention').ifExists().execute();
}
