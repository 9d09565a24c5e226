/**
 * Provider slots: the key a take holds a place at its provider under (`seedance:instance`,
 * `seedance:project:ID`, `previs`), so every worker counts the same places when it asks for one.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('takes').addColumn('slot_key', 'text').execute();
  await db.schema.createIndex('takes_slot_key_status').ifNotExists().on('takes').columns(['slot_key', 'status']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('takes_slot_key_status').ifExists().execute();
  await db.schema.alterTable('takes').dropColumn('slot_key').execute();
}
