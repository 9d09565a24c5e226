/** Review: decisions on takes with their history, criteria, rating, verdict and in/out marks on the take, and notes at frames. */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('takes')
    .addColumn('criteria', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.alterTable('takes').addColumn('rating', 'integer').execute();
  await db.schema
    .alterTable('takes')
    .addColumn('verdict', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.alterTable('takes').addColumn('in_frame', 'integer').execute();
  await db.schema.alterTable('takes').addColumn('out_frame', 'integer').execute();
  await db.schema.alterTable('takes').addColumn('source_note_id', 'text').execute();

  await db.schema
    .createTable('take_review_events')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('take_id', 'text', (c) => c.notNull().references('takes.id'))
    .addColumn('from_state', 'text', (c) => c.notNull())
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('override', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('take_review_events_take').ifNotExists().on('take_review_events').column('take_id').execute();

  await db.schema
    .createTable('notes')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('take_id', 'text', (c) => c.notNull().references('takes.id'))
    .addColumn('parent_id', 'text')
    .addColumn('author_id', 'text')
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('frame', 'integer')
    .addColumn('frame_end', 'integer')
    .addColumn('drawing', 'text')
    .addColumn('visibility', 'text', (c) => c.notNull().check(sql`visibility in ('internal', 'client')`))
    .addColumn('mentions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notes_take').ifNotExists().on('notes').column('take_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notes').ifExists().execute();
  await db.schema.dropTable('take_review_events').ifExists().execute();
  for (const column of ['source_note_id', 'out_frame', 'in_frame', 'verdict', 'rating', 'criteria']) await db.schema.alterTable('takes').dropColumn(column).execute();
}
