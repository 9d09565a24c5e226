/**
 * Script revisions as a production office keeps them: where each scene came from (an import or a
 * hand), whether a project's scene numbers are locked, each import as a dated, coloured revision,
 * and which scenes each revision added, changed or omitted.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Scenes made before this migration came from imports or by hand; which is not recorded, so they read as imported.
  await db.schema
    .alterTable('scenes')
    .addColumn('origin', 'text', (c) => c.notNull().defaultTo('imported').check(sql`origin in ('imported', 'manual')`))
    .execute();

  await db.schema
    .createTable('scene_numbering_locks')
    .ifNotExists()
    .addColumn('project_id', 'text', (c) => c.primaryKey().references('projects.id').onDelete('cascade'))
    .addColumn('locked_by', 'text')
    .addColumn('locked_by_name', 'text', (c) => c.notNull())
    .addColumn('locked_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('script_revisions')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('colour', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('title', 'text')
    .addColumn('author_id', 'text')
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('added', 'integer', (c) => c.notNull())
    .addColumn('changed', 'integer', (c) => c.notNull())
    .addColumn('omitted', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('script_revisions_project_number', ['project_id', 'number'])
    .execute();

  await db.schema
    .createTable('scene_revisions')
    .ifNotExists()
    .addColumn('scene_id', 'text', (c) => c.notNull().references('scenes.id').onDelete('cascade'))
    .addColumn('revision_id', 'text', (c) => c.notNull().references('script_revisions.id').onDelete('cascade'))
    .addColumn('change', 'text', (c) => c.notNull().check(sql`change in ('added', 'changed', 'omitted')`))
    .addColumn('parts', 'text', (c) => c.notNull().defaultTo('[]'))
    .addPrimaryKeyConstraint('scene_revisions_pk', ['scene_id', 'revision_id'])
    .execute();
  await db.schema.createIndex('scene_revisions_revision').ifNotExists().on('scene_revisions').column('revision_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['scene_revisions', 'script_revisions', 'scene_numbering_locks']) await db.schema.dropTable(table).ifExists().execute();
  await db.schema.alterTable('scenes').dropColumn('origin').execute();
}
