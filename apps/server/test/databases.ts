/**
 * Test databases: every repository and service test runs on SQLite and on PostgreSQL.
 * PostgreSQL tests create a fresh database per suite on BACKLOT_TEST_DATABASE_URL and drop it after.
 * A fresh migrated database is a copy of a migrated template (made once per set of migrations),
 * not a new run of every migration: a PostgreSQL `CREATE DATABASE … TEMPLATE` and a copied SQLite file.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

/** Creates an empty PostgreSQL database (or a copy of `template`) and returns its URL. */
export async function createPgDatabase(template?: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `backlot_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
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

const MIGRATIONS_DIR = fileURLToPath(new URL('../src/adapters/db/migrations/', import.meta.url));

/** A short hash of the migration files: templates made from other migrations (another branch, an edit) are never reused. */
function migrationsHash(): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(MIGRATIONS_DIR).sort()) {
    if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
    hash
      .update(name)
      .update('\0')
      .update(readFileSync(join(MIGRATIONS_DIR, name)))
      .update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

let pgTemplate: Promise<string> | undefined;
let sqliteTemplate: Promise<string> | undefined;

/**
 * The migrated PostgreSQL template for the current migrations, made once on the server and shared by every
 * test process (an advisory lock keeps two processes from making it at once). It is built under another
 * name and renamed when complete, so a process stopped halfway never leaves a half-migrated template.
 */
function migratedPgTemplate(): Promise<string> {
  pgTemplate ??= (async () => {
    const name = `backlot_template_${migrationsHash()}`;
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    try {
      await admin.query('select pg_advisory_lock(hashtext($1))', [name]);
      const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
      if (!rowCount) {
        const building = `${name}_${Math.random().toString(36).slice(2, 8)}`;
        await admin.query(`create database ${building}`);
        const url = new URL(TEST_PG_URL);
        url.pathname = `/${building}`;
        const database = openDatabase({ url: url.toString(), sqlitePath: '' });
        try {
          await migrateToLatest(database.db);
        } finally {
          await database.close();
        }
        await admin.query(`alter database ${building} rename to ${name}`);
      }
      return name;
    } finally {
      await admin.end();
    }
  })();
  pgTemplate.catch(() => (pgTemplate = undefined));
  return pgTemplate;
}

/** A migrated SQLite file made once per test process, copied for each fresh database. */
function migratedSqliteTemplate(): Promise<string> {
  sqliteTemplate ??= (async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'backlot-template-')), 'backlot.sqlite');
    const database = openDatabase({ sqlitePath: file });
    await migrateToLatest(database.db);
    // Closing checkpoints the write-ahead log into the file, so the file alone is the whole database.
    await database.close();
    process.once('exit', () => rmSync(join(file, '..'), { recursive: true, force: true }));
    return file;
  })();
  sqliteTemplate.catch(() => (sqliteTemplate = undefined));
  return sqliteTemplate;
}

/** Creates a PostgreSQL database that is a copy of the migrated template and returns its URL. */
async function createMigratedPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const template = await migratedPgTemplate();
  return createPgDatabase(template);
}

/** Opens a fresh, migrated database of the dialect. */
export async function openTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'backlot-test-'));
  if (dialect === 'sqlite') {
    const file = join(dataDir, 'backlot.sqlite');
    copyFileSync(await migratedSqliteTemplate(), file);
    const database = openDatabase({ sqlitePath: file });
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
  const pgdb = await createMigratedPgDatabase();
  const database = openDatabase({ url: pgdb.url, sqlitePath: '' });
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
