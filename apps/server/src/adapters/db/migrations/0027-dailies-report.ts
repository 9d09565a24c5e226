/** The dailies report printed when a session closes: its PDF's SHA-256 (its address in blob storage), kept on the session. */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('dailies_sessions').addColumn('report_sha256', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('dailies_sessions').dropColumn('report_sha256').execute();
}
