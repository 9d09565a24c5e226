/**
 * Searching a project's takes: a full-text index over take prompts in each database's own kind
 * (SQLite: an FTS5 table kept by triggers on takes, so it cannot drift from them; PostgreSQL: a
 * generated tsvector column with a GIN index), indexes for the grid's filters and sorts, and the
 * searches members save.
 */
import { SqliteAdapter, sql, type Kysely } from 'kysely';

/** Whether the migration runs on SQLite (else PostgreSQL). */
const onSqlite = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof SqliteAdapter;

export async function up(db: Kysely<unknown>): Promise<void> {
  if (onSqlite(db)) {
    // Words are letters and digits (no stemming, accents kept), as PostgreSQL's 'simple' configuration splits them.
    await sql`create virtual table takes_fts using fts5(take_id unindexed, prompt, tokenize = 'unicode61 remove_diacritics 0')`.execute(db);
    await sql`insert into takes_fts (take_id, prompt) select id, prompt from takes`.execute(db);
    await sql`create trigger takes_fts_insert after insert on takes begin insert into takes_fts (take_id, prompt) values (new.id, new.prompt); end`.execute(db);
    await sql`create trigger takes_fts_update after update of id, prompt on takes begin delete from takes_fts where take_id = old.id; insert into takes_fts (take_id, prompt) values (new.id, new.prompt); end`.execute(
      db,
    );
    await sql`create trigger takes_fts_delete after delete on takes begin delete from takes_fts where take_id = old.id; end`.execute(db);
  } else {
    await sql`alter table takes add column prompt_search tsvector generated always as (to_tsvector('simple', prompt)) stored`.execute(db);
    await sql`create index takes_prompt_search_idx on takes using gin (prompt_search)`.execute(db);
  }
  await db.schema.createIndex('takes_project_requested_idx').on('takes').columns(['project_id', 'requested_at', 'id']).execute();
  await db.schema.createIndex('takes_project_provider_model_idx').on('takes').columns(['project_id', 'provider', 'model']).execute();
  // (project, requested_by, requested_at) exists since 0016.
  await db.schema.createIndex('takes_project_status_idx').on('takes').columns(['project_id', 'status', 'requested_at']).execute();
  await db.schema.createIndex('takes_project_review_idx').on('takes').columns(['project_id', 'review', 'requested_at']).execute();
  await db.schema.createIndex('takes_project_seed_idx').on('takes').columns(['project_id', 'seed']).execute();

  await db.schema
    .createTable('take_filters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    // The query parameters, as JSON.
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('take_filters_owner_name_idx').on('take_filters').columns(['project_id', 'account_id', 'name']).unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('take_filters').execute();
  for (const name of ['takes_project_requested_idx', 'takes_project_provider_model_idx', 'takes_project_status_idx', 'takes_project_review_idx', 'takes_project_seed_idx']) {
    await db.schema.dropIndex(name).execute();
  }
  if (onSqlite(db)) {
    for (const name of ['takes_fts_insert', 'takes_fts_update', 'takes_fts_delete']) await sql`drop trigger ${sql.id(name)}`.execute(db);
    await sql`drop table takes_fts`.execute(db);
  } else {
    await sql`drop index takes_prompt_search_idx`.execute(db);
    await sql`alter table takes drop column prompt_search`.execute(db);
  }
}
