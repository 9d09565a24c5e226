/** References: asset versions and their files, stored blobs, clearance history, consent records, and the references of each plan version. */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('assets')
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('assets')
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema
    .alterTable('assets')
    .addColumn('rights_source', 'text', (c) => c.notNull().defaultTo('original'))
    .execute();
  await db.schema
    .alterTable('assets')
    .addColumn('flags', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema
    .alterTable('assets')
    .addColumn('current_version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('assets').addColumn('locked_version', 'integer').execute();
  await db.schema
    .alterTable('assets')
    .addColumn('ever_cleared', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  // Every stored blob, so the start-up sweep knows what to keep.
  await db.schema
    .createTable('blobs')
    .ifNotExists()
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('asset_versions')
    .ifNotExists()
    .addColumn('asset_id', 'text', (c) => c.notNull().references('assets.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('asset_versions_pk', ['asset_id', 'version'])
    .execute();

  await db.schema
    .createTable('asset_files')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('asset_id', 'text', (c) => c.notNull().references('assets.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('view', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('image', 'video', 'audio')`))
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('duration_us', 'bigint')
    .addColumn('frame_rate', 'text')
    .addColumn('video_codec', 'text')
    .addColumn('audio_codec', 'text')
    .addColumn('poster_sha256', 'text')
    .addColumn('thumbnail_sha256', 'text')
    .addColumn('original_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('asset_files_version_view', ['asset_id', 'version', 'view'])
    .execute();

  await db.schema
    .createTable('clearance_events')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('asset_id', 'text', (c) => c.notNull().references('assets.id').onDelete('cascade'))
    .addColumn('from_state', 'text', (c) => c.notNull())
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('consents')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('asset_id', 'text', (c) => c.notNull().references('assets.id').onDelete('cascade'))
    .addColumn('person', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text', (c) => c.notNull())
    .addColumn('document_sha256', 'text')
    .addColumn('document_name', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();

  // The exact asset versions each plan version references.
  await db.schema
    .createTable('plan_references')
    .ifNotExists()
    .addColumn('shot_id', 'text', (c) => c.notNull().references('shots.id').onDelete('cascade'))
    .addColumn('plan_version', 'integer', (c) => c.notNull())
    .addColumn('asset_id', 'text', (c) => c.notNull().references('assets.id'))
    .addColumn('asset_version', 'integer', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('plan_references_pk', ['shot_id', 'plan_version', 'asset_id', 'role'])
    .execute();
  await db.schema.createIndex('plan_references_asset').ifNotExists().on('plan_references').column('asset_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['plan_references', 'consents', 'clearance_events', 'asset_files', 'asset_versions', 'blobs']) await db.schema.dropTable(table).ifExists().execute();
  for (const column of ['ever_cleared', 'locked_version', 'current_version', 'flags', 'rights_source', 'tags', 'notes']) await db.schema.alterTable('assets').dropColumn(column).execute();
}
