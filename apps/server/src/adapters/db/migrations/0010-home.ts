/** What each member has read on their home: one row per item they marked read (a note, a take, a shot at risk…). */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('home_reads')
    .ifNotExists()
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('home_reads_pk', ['account_id', 'item_key'])
    .execute();
  // Home finds the takes a member asked for (failed ones, and the notes on them).
  await db.schema.createIndex('takes_requested_by').ifNotExists().on('takes').columns(['requested_by', 'status']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('takes_requested_by').ifExists().execute();
  await db.schema.dropTable('home_reads').ifExists().execute();
}
