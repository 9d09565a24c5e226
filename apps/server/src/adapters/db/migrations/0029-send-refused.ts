/**
 * How a take's last send ended (issue 17): set when the provider answered it with a refusal (a
 * 429, a 4xx), so the worker knows the take is not at the provider and sends it again without
 * asking first. Cleared as each send starts, so a send cut short (a timeout, a crash) is still
 * asked about before it is sent again.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('takes')
    .addColumn('send_refused', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('takes').dropColumn('send_refused').execute();
}
