/**
 * Likeness assets: the provider's copy of a consented face (PROVIDERS.md §1.3.2), one row per
 * consent, provider and picture with the provider's group and asset ids, its state, and the deletion that
 * follows a withdrawn or expired consent (retried, with the last error kept). Provider keys gain an
 * optional second credential, sealed like the key, for the provider's asset API (Seedance: AK/SK).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('consent_provider_assets')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('consent_id', 'text', (c) => c.notNull().references('consents.id').onDelete('cascade'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('provider', 'text', (c) => c.notNull())
    // The picture registered: a new version of the reference is a new asset in the person's group.
    .addColumn('image_sha256', 'text', (c) => c.notNull())
    // registering (claimed, not answered yet) → processing → active | failed; deleted once removed at the provider.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text')
    .addColumn('asset_id', 'text')
    .addColumn('failure', 'text')
    .addColumn('claimed_at', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'text')
    .addColumn('deleted_at', 'text')
    .addColumn('delete_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('delete_error', 'text')
    .addColumn('next_delete_at', 'text')
    .execute();
  await db.schema.createIndex('consent_provider_assets_consent').ifNotExists().unique().on('consent_provider_assets').columns(['consent_id', 'provider', 'image_sha256']).execute();
  await db.schema.createIndex('consent_provider_assets_live').ifNotExists().on('consent_provider_assets').columns(['deleted_at', 'next_delete_at']).execute();
  await db.schema.alterTable('provider_keys').addColumn('asset_sealed', 'text').execute();
  await db.schema.alterTable('provider_keys').addColumn('asset_hint', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('provider_keys').dropColumn('asset_hint').execute();
  await db.schema.alterTable('provider_keys').dropColumn('asset_sealed').execute();
  await db.schema.dropTable('consent_provider_assets').ifExists().execute();
}
