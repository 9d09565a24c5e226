/**
 * Dailies: sessions (a dated playlist of takes, with the presenter's last state kept on the row),
 * playlist items at dense positions, attendees invited from members, who is in the room now, the
 * room's log, guest review links with their guests and counted passcode failures; and the session
 * a review decision or note was made in.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('dailies_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('closed_by_name', 'text')
    // The presenter's last state (JSON) and its number, which only grows.
    .addColumn('presenter_state', 'text')
    .addColumn('presenter_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dailies_sessions_project_idx').on('dailies_sessions').columns(['project_id', 'created_at']).execute();

  await db.schema
    .createTable('dailies_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('dailies_sessions.id').onDelete('cascade'))
    .addColumn('take_id', 'text', (c) => c.notNull().references('takes.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .execute();
  // Positions are dense (0..n-1) and never shared: rewritten under the project's lock.
  await db.schema.createIndex('dailies_items_position_idx').on('dailies_items').columns(['session_id', 'position']).unique().execute();
  await db.schema.createIndex('dailies_items_take_idx').on('dailies_items').columns(['session_id', 'take_id']).unique().execute();
  await db.schema.createIndex('dailies_items_by_take_idx').on('dailies_items').columns(['take_id']).execute();

  await db.schema
    .createTable('dailies_attendees')
    .addColumn('session_id', 'text', (c) => c.notNull().references('dailies_sessions.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('dailies_attendees_pk', ['session_id', 'account_id'])
    .execute();

  await db.schema
    .createTable('dailies_presence')
    .addColumn('session_id', 'text', (c) => c.notNull().references('dailies_sessions.id').onDelete('cascade'))
    // An account id, or `guest:<guest id>`.
    .addColumn('participant_key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('since', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('dailies_presence_pk', ['session_id', 'participant_key'])
    .execute();

  await db.schema
    .createTable('dailies_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('dailies_sessions.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('guest_id', 'text')
    .addColumn('take_id', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dailies_log_session_idx').on('dailies_log').columns(['session_id', 'at', 'id']).execute();

  await db.schema
    .createTable('review_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('dailies_sessions.id').onDelete('cascade'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('passcode_hash', 'text')
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('created_by_id', 'text')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('review_links_session_idx').on('review_links').columns(['session_id']).execute();

  await db.schema
    .createTable('review_guests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('link_id', 'text', (c) => c.notNull().references('review_links.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('review_guests_link_idx').on('review_guests').columns(['link_id']).execute();

  // Wrong passcodes counted per link within a window, shared by every server on the database.
  await db.schema
    .createTable('review_link_failures')
    .addColumn('link_id', 'text', (c) => c.primaryKey().references('review_links.id').onDelete('cascade'))
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('first_failed_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('take_review_events').addColumn('session_id', 'text').execute();
  await db.schema.alterTable('notes').addColumn('session_id', 'text').execute();
  await db.schema.alterTable('notes').addColumn('guest_id', 'text').execute();
  await db.schema.createIndex('notes_session_idx').on('notes').columns(['session_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('notes_session_idx').execute();
  await db.schema.alterTable('notes').dropColumn('guest_id').execute();
  await db.schema.alterTable('notes').dropColumn('session_id').execute();
  await db.schema.alterTable('take_review_events').dropColumn('session_id').execute();
  for (const t of ['review_link_failures', 'review_guests', 'review_links', 'dailies_log', 'dailies_presence', 'dailies_attendees', 'dailies_items', 'dailies_sessions']) {
    await db.schema.dropTable(t).execute();
  }
}
