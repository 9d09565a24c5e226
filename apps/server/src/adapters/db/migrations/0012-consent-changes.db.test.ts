/**
 * Migration 0012 on SQLite and PostgreSQL: it adds who withdrew a consent and why, and the table of
 * consent changes; going down removes exactly those and keeps the consents, and up again restores them.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../../../test/databases.ts';
import * as m0012 from './0012-consent-changes.ts';

describe.each(DIALECTS)('migration 0012 consent changes [%s]', (dialect) => {
  let testDb: TestDatabase;
  const columns = async (table: string) => {
    const q =
      dialect === 'sqlite'
        ? sql<{ name: string }>`select name from pragma_table_info(${table})`
        : sql<{ name: string }>`select column_name as name from information_schema.columns where table_name = ${table} and table_schema = current_schema()`;
    return (await q.execute(testDb.database.db)).rows.map((r) => r.name).sort();
  };

  beforeAll(async () => {
    testDb = await openTestDatabase(dialect);
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  it('adds the withdrawal columns and the changes table, and takes them away again on the way down', async () => {
    const consentColumns = ['asset_id', 'document_name', 'document_sha256', 'expires_on', 'id', 'person', 'recorded_at', 'recorded_by', 'revoked_at', 'scope', 'withdrawal_reason', 'withdrawn_by'];
    expect(await columns('consents')).toEqual(consentColumns);
    expect(await columns('consent_changes')).toEqual(['action', 'actor_name', 'at', 'changes', 'consent_id', 'id', 'reason']);

    await m0012.down(testDb.database.db as never);
    expect(await columns('consents')).toEqual(consentColumns.filter((c) => c !== 'withdrawal_reason' && c !== 'withdrawn_by'));
    expect(await columns('consent_changes')).toEqual([]);

    await m0012.up(testDb.database.db as never);
    expect(await columns('consents')).toEqual(consentColumns);
    expect(await columns('consent_changes')).toEqual(['action', 'actor_name', 'at', 'changes', 'consent_id', 'id', 'reason']);
  });
});
