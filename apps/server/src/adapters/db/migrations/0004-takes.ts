/** Takes (each row is also the worker's job), the references each used, the ledger, the price catalog, the event outbox and a project's generation settings. */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('projects')
    .addColumn('generation_settings', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();

  await db.schema
    .createTable('takes')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('shot_id', 'text', (c) => c.notNull().references('shots.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('external', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('awaiting_approval', 'queued', 'submitted', 'running', 'cancel_requested', 'succeeded', 'failed', 'canceled')`))
    // Where the worker is inside a status: 'submit', 'poll', 'ingest' (the provider finished; its output is being stored), 'done'.
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('provider_status', 'text')
    .addColumn('progress', 'real')
    .addColumn('error_code', 'text')
    .addColumn('error_message', 'text')
    .addColumn('error_category', 'text')
    .addColumn('review', 'text', (c) => c.notNull().defaultTo('unreviewed'))
    .addColumn('plan_version', 'integer', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('seed', 'bigint')
    .addColumn('prompt', 'text', (c) => c.notNull())
    .addColumn('negative_prompt', 'text')
    .addColumn('spec', 'text')
    .addColumn('request', 'text')
    .addColumn('adaptations', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('webhook_secret', 'text')
    .addColumn('provider_task_id', 'text')
    .addColumn('snapshot', 'text')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('estimate_micros', 'bigint', (c) => c.notNull())
    .addColumn('reserved_micros', 'bigint', (c) => c.notNull())
    .addColumn('actual_micros', 'bigint')
    .addColumn('estimate_detail', 'text', (c) => c.notNull())
    .addColumn('usage_unit', 'text', (c) => c.notNull())
    .addColumn('usage_quantity', 'real', (c) => c.notNull())
    .addColumn('media', 'text')
    .addColumn('original_sha256', 'text')
    .addColumn('continuity', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('output_hidden', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('parent_take_id', 'text')
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_by_name', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('ingest_ms', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('takes_shot_number', ['shot_id', 'number'])
    .execute();
  await db.schema.createIndex('takes_work').ifNotExists().on('takes').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('takes_project').ifNotExists().on('takes').columns(['project_id', 'shot_id']).execute();

  // The exact asset versions a take was made from, in their roles.
  await db.schema
    .createTable('take_references')
    .ifNotExists()
    .addColumn('take_id', 'text', (c) => c.notNull().references('takes.id').onDelete('cascade'))
    .addColumn('asset_id', 'text', (c) => c.notNull().references('assets.id'))
    .addColumn('asset_version', 'integer', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('take_references_pk', ['take_id', 'asset_id', 'role'])
    .execute();

  // Entries never change once written: reservation (a hold), settlement (what was spent), release (a hold returned).
  await db.schema
    .createTable('ledger_entries')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('take_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('reservation', 'settlement', 'release')`))
    .addColumn('amount_micros', 'bigint', (c) => c.notNull().check(sql`amount_micros >= 0`))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ledger_entries_project').ifNotExists().on('ledger_entries').columns(['project_id', 'kind']).execute();
  await db.schema.createIndex('ledger_entries_take').ifNotExists().on('ledger_entries').column('take_id').execute();

  // The price catalog, per currency: `price_micros` for every `per_quantity` units of the model's unit.
  await db.schema
    .createTable('prices')
    .ifNotExists()
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('per_quantity', 'bigint', (c) => c.notNull())
    .addColumn('price_micros', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('prices_pk', ['currency', 'provider', 'model'])
    .execute();

  // Events for other processes sharing a SQLite file (PostgreSQL uses LISTEN/NOTIFY instead).
  await db.schema
    .createTable('event_outbox')
    .ifNotExists()
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['event_outbox', 'prices', 'ledger_entries', 'take_references', 'takes']) await db.schema.dropTable(table).ifExists().execute();
  await db.schema.alterTable('projects').dropColumn('generation_settings').execute();
}
