/**
 * Work several processes share through the database: the previs generator's tasks (request, state,
 * render lease, progress, output), the registry of running serve and worker processes, and which
 * media storage this database belongs to.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('previs_tasks')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('pending', 'succeeded', 'failed', 'canceled')`))
    // Who renders it now and until when; a lapsed lease (its process died) lets any process take it over.
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('progress', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('output_sha256', 'text')
    .addColumn('output_size', 'bigint')
    // Renders ffmpeg completed for this task, published or not: more than one means work was redone.
    .addColumn('renders', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rendered_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('processes')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('pid', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('serve', 'worker')`))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('heartbeat_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('storage_identity')
    .ifNotExists()
    // One row: the marker this database's media storage holds.
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('marker_sha256', 'text', (c) => c.notNull())
    .addColumn('storage', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('storage_identity').ifExists().execute();
  await db.schema.dropTable('processes').ifExists().execute();
  await db.schema.dropTable('previs_tasks').ifExists().execute();
}
