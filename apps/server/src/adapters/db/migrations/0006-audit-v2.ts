/**
 * The audit log's second hash format and checkpoints: each event records the format its hash was
 * written in (1 for every event before this migration, whose hash does not cover the actor's name),
 * and each checkpoint taken (every chain's count and last hash, for keeping outside the database).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('audit_events')
    .addColumn('hash_version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('audit_checkpoints')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('taken_at', 'text', (c) => c.notNull())
    .addColumn('taken_by_id', 'text')
    .addColumn('taken_by_name', 'text', (c) => c.notNull())
    /** The checkpoint document exactly as it was handed out (JSON). */
    .addColumn('document', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_checkpoints_taken_at').ifNotExists().on('audit_checkpoints').column('taken_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_checkpoints').ifExists().execute();
  await db.schema.alterTable('audit_events').dropColumn('hash_version').execute();
}
