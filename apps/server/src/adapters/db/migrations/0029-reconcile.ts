/**
 * What the worker needs to ask a provider about a take's earlier send only when it may have
 * arrived (issue 17):
 * - `send_refused`, set when the provider answered the last send with a refusal (a 429, a 4xx), so
 *   the take is certainly not there and is sent again without asking; cleared as each send starts,
 *   so a send cut short (a timeout, a crash) is still asked about;
 * - an index of takes by their task at the provider, for telling a task another take holds from
 *   this take's own when a provider without idempotency keys is asked by request.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('takes')
    .addColumn('send_refused', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('takes_provider_task').ifNotExists().on('takes').columns(['provider', 'provider_task_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('takes_provider_task').ifExists().execute();
  await db.schema.alterTable('takes').dropColumn('send_refused').execute();
}
