/**
 * Test databases: every repository and service test runs on SQLite and on PostgreSQL.
 * PostgreSQL tests create a fresh database per suite on BACKLOT_TEST_DATABASE_URL and drop it after.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrateToLatest, openDatabase, type Database, type Dialect } from '../src/adapters/db/database.ts';

export const DIALECTS: Dialect[] = ['sqlite', 'postgres'];

export const TEST_PG_URL = process.env.BACKLOT_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  database: Database;
  /** The URL (PostgreSQL) or file (SQLite) a separate process can open. */
  url: string;
  dataDir: string;
  drop(): Promise<void>;
}

/** Creates an empty PostgreSQL database and returns its URL. */
export async function createPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `backlot_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: TEST_PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Opens a fresh, migrated database of the dialect. */
export async function openTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'backlot-test-'));
  if (dialect === 'sqlite') {
    const file = join(dataDir, 'backlot.sqlite');
    const database = openDatabase({ sqlitePath: file });
    await migrateToLatest(database.db);
    return {
      database,
      url: file,
      dataDir,
      async drop() {
        await database.close().catch(() => {});
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const pgdb = await createPgDatabase();
  const database = openDatabase({ url: pgdb.url, sqlitePath: '' });
  await migrateToLatest(database.db);
  return {
    database,
    url: pgdb.url,
    dataDir,
    async drop() {
      await database.close().catch(() => {});
      await pgdb.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
