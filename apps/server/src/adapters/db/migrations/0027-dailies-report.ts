/**
 * The dailies report printed when a session closes: its PDF's SHA-256 (its address in blob
 * storage), kept on the session. And the review movies built of a session's playlist, each under
 * the key of what it shows (takes, order, decisions, clips, grid), so one built is not built again.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('dailies_sessions').addColumn('report_sha256', 'text').execute();
  await db.schema
    .createTable('dailies_movies')
    .addColumn('session_id', 'text', (c) => c.notNull().references('dailies_sessions.id').onDelete('cascade'))
    .addColumn('request_key', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('total_frames', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('dailies_movies_pk', ['session_id', 'request_key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('dailies_movies').execute();
  await db.schema.alterTable('dailies_sessions').dropColumn('report_sha256').execute();
}
