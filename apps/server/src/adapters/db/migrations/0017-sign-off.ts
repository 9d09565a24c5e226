/**
 * Sign-off over a threshold: a take asked for above the project's sign-off threshold waits in
 * `awaiting_approval` with nothing reserved; the producer's decision (signed off or refused, by
 * whom, when, why) is kept on the take as JSON.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('takes').addColumn('sign_off', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('takes').dropColumn('sign_off').execute();
}
