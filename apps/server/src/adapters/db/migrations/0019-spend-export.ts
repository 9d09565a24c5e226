/**
 * Spend export: the per-take CSV reads a project's takes in request order a page at a time, after
 * the last (requested_at, id) it wrote; this index lets each page start there instead of sorting
 * every take of the project again.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('takes_project_requested').ifNotExists().on('takes').columns(['project_id', 'requested_at', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('takes_project_requested').ifExists().execute();
}
