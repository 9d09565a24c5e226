/**
 * Migration 0014 on SQLite and PostgreSQL: it adds the table of likeness assets (one per consent,
 * provider and picture) and the asset credential columns of provider keys; going down removes exactly those, and
 * up again restores them.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../../../test/databases.ts';
import * as m0014 from './0014-likeness-assets.ts';

describe.each(DIALECTS)('migration 0014 likeness assets [%s]', (dialect) => {
  let testDb: TestDatabase;
  const columns = async (table: string) => {
    const q =
      dialect === 'sqlite'
        ? sql<{ name: string }>`select name from pragma_table_info(${table})`
        : sql<{ name: string }>`select column_name as name from information_schema.columns where table_name = ${table} and table_schema = current_schema()`;
    return (await q.execute(testDb.database.db)).rows.map((r) => r.name).sort();
  };
  const assetColumns = [
    'asset_id',
    'claimed_at',
    'consent_id',
    'delete_attempts',
    'delete_error',
    'deleted_at',
    'failure',
    'group_id',
    'id',
    'image_sha256',
    'next_delete_at',
    'project_id',
    'provider',
    'registered_at',
    'status',
  ];
  const keyColumns = [
    'asset_hint',
    'asset_sealed',
    'hint',
    'id',
    'project_id',
    'provider',
    'scope',
    'sealed',
    'sealed_with',
    'set_at',
    'set_by_id',
    'set_by_name',
    'test_message',
    'test_ok',
    'tested_at',
  ];

  beforeAll(async () => {
    testDb = await openTestDatabase(dialect);
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  it('adds the likeness assets table and the asset credential columns, and takes them away again on the way down', async () => {
    expect(await columns('consent_provider_assets')).toEqual(assetColumns);
    expect(await columns('provider_keys')).toEqual(keyColumns);

    await m0014.down(testDb.database.db as never);
    expect(await columns('consent_provider_assets')).toEqual([]);
    expect(await columns('provider_keys')).toEqual(keyColumns.filter((c) => !c.startsWith('asset_')));

    await m0014.up(testDb.database.db as never);
    expect(await columns('consent_provider_assets')).toEqual(assetColumns);
    expect(await columns('provider_keys')).toEqual(keyColumns);
  });
});
