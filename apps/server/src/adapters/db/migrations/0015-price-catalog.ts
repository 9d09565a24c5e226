/**
 * The project's price catalog: dated entries, appended and never changed, per provider, model and
 * currency, each with its unit, price, the date it is in force from and where the price came
 * from. The entry in force at a take's request prices it, and the take keeps which one it was
 * (`price_source`: `catalog:<entry id>`, `instance`, `list` or `free`).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('price_entries')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('per_quantity', 'bigint', (c) => c.notNull())
    .addColumn('price_micros', 'bigint', (c) => c.notNull())
    .addColumn('in_force_from', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('set_by_id', 'text')
    .addColumn('set_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('price_entries_lookup').ifNotExists().on('price_entries').columns(['project_id', 'currency', 'provider', 'model', 'in_force_from']).execute();
  await db.schema.alterTable('takes').addColumn('price_source', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('takes').dropColumn('price_source').execute();
  await db.schema.dropTable('price_entries').ifExists().execute();
}
