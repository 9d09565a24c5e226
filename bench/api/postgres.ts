/** A throwaway PostgreSQL database for one bench run, and the data folder beside it. */
import { mkdirSync, mkdtempSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

/** The server to create it on: BENCH_PG_URL, else the test suites' BACKLOT_TEST_DATABASE_URL, else local. */
export const ADMIN_URL = process.env.BENCH_PG_URL || process.env.BACKLOT_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

export async function createBenchDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `backlot_bench_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  await admin((c) => c.query(`create database ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      // Pools just closed may still be saying goodbye: wait for them briefly, then insist.
      for (let i = 0; i < 20; i++) {
        const busy = await admin(async (c) => (await c.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name])).rows[0].n as number);
        if (busy === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await admin((c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}

/** Vacuums and refreshes the planner's statistics after the bulk load, as autovacuum soon would. */
export async function vacuumAnalyze(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('vacuum (analyze)');
  } finally {
    await c.end();
  }
}

/**
 * Where one bench run keeps its data: a fresh folder under `.bench-data` (removed at the end, and
 * `.bench-data` too once empty) and, for PostgreSQL, a throwaway database (dropped at the end); each
 * cleanup is pushed onto `cleanups`.
 */
export async function benchDataPlace(
  root: string,
  prefix: string,
  dbKind: 'sqlite' | 'postgres',
  cleanups: { push(step: () => Promise<void>): unknown },
): Promise<{ dataDir: string; databaseUrl?: string; databaseName?: string }> {
  const benchData = join(root, '.bench-data');
  mkdirSync(benchData, { recursive: true });
  const dataDir = mkdtempSync(join(benchData, `${prefix}-`));
  cleanups.push(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    if (readdirSync(benchData).length === 0) rmdirSync(benchData);
  });
  if (dbKind !== 'postgres') return { dataDir };
  const pgdb = await createBenchDatabase();
  cleanups.push(() => pgdb.drop());
  return { dataDir, databaseUrl: pgdb.url, databaseName: pgdb.name };
}
