/**
 * Consents that can be withdrawn and edited: who withdrew one and why, and the history of every
 * change to a consent's terms (the recording itself is the consent row's own who and when).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // revoked_at (0003) is when the consent was withdrawn; these say by whom and why.
  await db.schema.alterTable('consents').addColumn('withdrawn_by', 'text').execute();
  await db.schema.alterTable('consents').addColumn('withdrawal_reason', 'text').execute();
  await db.schema
    .createTable('consent_changes')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('consent_id', 'text', (c) => c.notNull().references('consents.id').onDelete('cascade'))
    .addColumn('action', 'text', (c) => c.notNull())
    // JSON: [{ field, from, to }] for an edit, [] for a withdrawal.
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consent_changes_consent').ifNotExists().on('consent_changes').columns(['consent_id', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('consent_changes').ifExists().execute();
  await db.schema.alterTable('consents').dropColumn('withdrawal_reason').execute();
  await db.schema.alterTable('consents').dropColumn('withdrawn_by').execute();
}
