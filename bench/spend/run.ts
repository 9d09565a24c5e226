/**
 * Spend bench: a project with 50,000 takes (and their reservations, settlements and releases)
 * written straight through the store; p50/p95 of the spend view (by scene) over a number of calls
 * to a real server process, against the raw SQL behind it run on the same database (the two take turns), and the ratio.
 *
 *   node --import tsx bench/spend/run.ts [--db sqlite|postgres] [--takes 50000] [--calls 20]
 *
 * BENCH_SPEND_EACH=1 also times each raw statement on its own (SQLite).
 *
 * The raw SQL is exactly what the route runs (the GROUP BY of takes and their ledger, the ledger's
 * totals, the approved takes, the scenes, the scene budgets), captured from the service's queries.
 */
import { cpus, loadavg } from 'node:os';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import { createArgon2Hasher } from '../../apps/server/src/adapters/system/argon2-hasher.ts';
import type { DB } from '../../apps/server/src/adapters/db/schema.ts';
import { createStore } from '../../apps/server/src/adapters/db/store.ts';
import { loadConfig } from '../../apps/server/src/config/load-config.ts';
import { createContainer, sqlitePathFor } from '../../apps/server/src/container.ts';
import type { TakeRecord } from '../../apps/server/src/ports/take-store.ts';
import { createSpendViewsService } from '../../apps/server/src/services/spend/spend-views.service.ts';
import { startServer } from '../../e2e/support/server.ts';
import { benchDataPlace, vacuumAnalyze } from '../api/postgres.ts';
import { seedProject } from '../api/seed.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: process.env.BENCH_DB || 'sqlite' },
    takes: { type: 'string', default: '50000' },
    calls: { type: 'string', default: '20' },
    scenes: { type: 'string', default: '50' },
    'shots-per-scene': { type: 'string', default: '10' },
  },
});
const dbKind = args.db === 'pg' || args.db === 'postgres' ? 'postgres' : args.db === 'sqlite' ? 'sqlite' : undefined;
if (!dbKind) {
  console.error(`--db must be sqlite or postgres, not ${args.db}`);
  process.exit(2);
}
const TAKES = Number(args.takes);
const CALLS = Number(args.calls);
const SCENES = Number(args.scenes);
const SHOTS_PER_SCENE = Number(args['shots-per-scene']);
const PRICE = 250_000; // 0.25 a take

/** The p-th percentile (nearest rank) of some durations, in ms. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Times each piece of work `calls` times after two warm-up runs, taking turns, so a busy machine
 * slows both alike rather than whichever ran second.
 */
async function timedInTurns(works: (() => Promise<unknown>)[], calls: number): Promise<{ p50: number; p95: number }[]> {
  for (let i = 0; i < 2; i++) for (const work of works) await work();
  const ms = works.map(() => [] as number[]);
  for (let i = 0; i < calls; i++) {
    for (const [k, work] of works.entries()) {
      const t = performance.now();
      await work();
      ms[k].push(performance.now() - t);
    }
  }
  return ms.map((m) => ({ p50: percentile(m, 50), p95: percentile(m, 95) }));
}

/**
 * The statements behind GET /projects/:id/spend?by=scene, exactly as the server sends them: the
 * spend service runs once on a store whose Kysely logs each query, and its SQL and parameters are kept.
 */
async function statementsBehindTheView(databaseUrl: string | undefined, sqlitePath: string, projectId: string): Promise<{ sql: string; parameters: readonly unknown[] }[]> {
  const captured: { sql: string; parameters: readonly unknown[] }[] = [];
  const log = (e: LogEvent) => void captured.push({ sql: e.query.sql, parameters: e.query.parameters });
  const db = databaseUrl
    ? new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl, max: 1 }) }), log })
    : new Kysely<DB>({ dialect: new SqliteDialect({ database: new Database(sqlitePath, { fileMustExist: true }) }), log });
  try {
    await createSpendViewsService({ store: createStore(db, databaseUrl ? 'postgres' : 'sqlite') }).view(projectId, 'scene');
  } finally {
    await db.destroy();
  }
  return captured;
}

async function main() {
  console.log(
    `Backlot spend bench — ${dbKind}, ${TAKES.toLocaleString('en-US')} takes over ${SCENES * SHOTS_PER_SCENE} shots, ${CALLS} calls, Node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(2)}`,
  );
  const cleanups: (() => Promise<void>)[] = [];
  try {
    const { dataDir, databaseUrl } = await benchDataPlace(ROOT, 'spend', dbKind!, cleanups);
    const config = loadConfig({ BACKLOT_DATA_DIR: dataDir, BACKLOT_DATABASE_URL: databaseUrl });
    const container = await createContainer(config, { hasher: createArgon2Hasher({ fast: true }) });
    const started = performance.now();
    const seeded = await seedProject(container, { members: 5, events: 5, batch: 250, progress: () => {} });
    const projectId = seeded.projectId;
    const actor = { accountId: seeded.ownerId, name: 'Olivia Marsh' };
    const shots: string[] = [];
    for (let s = 0; s < SCENES; s++) {
      const scene = await container.services.scenes.create(actor, projectId, { heading: `INT. ROOM ${s + 1} - NIGHT` } as never);
      for (let k = 0; k < SHOTS_PER_SCENE; k++) shots.push((await container.services.shots.create(actor, projectId, scene.id, { plan: {} } as never)).id);
    }
    // Takes and their ledger straight through the store, a thousand to a transaction: most settled,
    // one in twenty still queued (held), three in ten rejected, the last take of each shot approved.
    const perShot = Math.ceil(TAKES / shots.length);
    const base = Date.parse('2026-11-01T00:00:00.000Z');
    let n = 0;
    const all: { shotId: string; number: number }[] = [];
    for (const shotId of shots) for (let k = 1; k <= perShot && all.length < TAKES; k++) all.push({ shotId, number: k });
    for (let i = 0; i < all.length; i += 1000) {
      await container.store.transaction(async (tx) => {
        for (const { shotId, number } of all.slice(i, i + 1000)) {
          n += 1;
          const id = `bench-take-${String(n).padStart(7, '0')}`;
          const at = new Date(base + n * 60_000).toISOString();
          const queued = n % 20 === 0;
          const approved = !queued && number === perShot;
          const review = queued ? 'unreviewed' : approved ? 'approved' : n % 10 < 3 ? 'rejected' : 'selected';
          const take: TakeRecord = {
            id,
            projectId,
            shotId,
            number,
            provider: 'previs',
            model: 'previs-animatic',
            external: false,
            status: queued ? 'queued' : 'succeeded',
            step: queued ? 'submit' : 'done',
            providerStatus: null,
            progress: null,
            error: null,
            review,
            planVersion: 1,
            settings: {},
            seed: n,
            prompt: 'bench',
            negativePrompt: null,
            spec: null,
            request: null,
            adaptations: [],
            idempotencyKey: id,
            webhookSecret: null,
            providerTaskId: null,
            snapshot: null,
            currency: 'EUR',
            estimateMicros: PRICE,
            reservedMicros: PRICE,
            actualMicros: queued ? null : PRICE,
            estimateDetail: 'bench',
            usageUnit: 'generations',
            usageQuantity: 1,
            media: approved ? ({ proxyFrames: 48 } as TakeRecord['media']) : null,
            continuity: [],
            outputHidden: false,
            parentTakeId: null,
            requestedBy: seeded.ownerId,
            requestedByName: 'Olivia Marsh',
            attempts: 0,
            nextAttemptAt: at,
            leaseOwner: null,
            leaseUntil: null,
            requestedAt: at,
            submittedAt: queued ? null : at,
            finishedAt: queued ? null : at,
            ingestMs: null,
            updatedAt: at,
            criteria: [],
            rating: null,
            verdict: '',
            inFrame: null,
            outFrame: null,
            sourceNoteId: null,
            priceSource: 'bench',
            signOff: null,
          };
          await tx.takes.insert(take);
          const entry = (kind: 'reservation' | 'settlement' | 'release', k: number) =>
            tx.ledger.append({ id: `${id}-${k}`, projectId, takeId: id, kind, amountMicros: PRICE, currency: 'EUR', note: 'bench', createdAt: at });
          await entry('reservation', 0);
          if (!queued) {
            await entry('settlement', 1);
            await entry('release', 2);
          }
        }
      });
      process.stdout.write(`\r  takes ${Math.min(i + 1000, all.length).toLocaleString('en-US')}/${all.length.toLocaleString('en-US')}`);
    }
    process.stdout.write('\n');
    await container.close();
    if (databaseUrl) await vacuumAnalyze(databaseUrl);
    console.log(`  seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const server = await startServer({ dataDir, databaseUrl, env: { BACKLOT_LOG_LEVEL: 'warn' } });
    cleanups.push(() => server.stop());
    const url = `${server.url}/api/v1/projects/${projectId}/spend?by=scene`;
    const call = async () => {
      const res = await fetch(url, { headers: { authorization: `Bearer ${seeded.token}` } });
      const body = (await res.json()) as { totals?: { takes: number } };
      if (!res.ok || body.totals?.takes !== all.length) throw new Error(`GET spend answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
    };

    const statements = await statementsBehindTheView(databaseUrl, sqlitePathFor(config), projectId);
    console.log(`  the view runs ${statements.length} statements`);
    let rawSql: () => Promise<void>;
    if (databaseUrl) {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      cleanups.push(() => client.end());
      rawSql = async () => {
        for (const q of statements) await client.query(q.sql, q.parameters as unknown[]);
      };
    } else {
      const db = new Database(sqlitePathFor(config), { fileMustExist: true });
      cleanups.push(async () => void db.close());
      const prepared = statements.map((q) => ({ st: db.prepare(q.sql), parameters: q.parameters }));
      rawSql = async () => {
        for (const q of prepared) q.st.all(...q.parameters);
      };
    }
    const [api, sql] = await timedInTurns([call, rawSql], CALLS);
    if (!databaseUrl && process.env.BENCH_SPEND_EACH) {
      const db = new Database(sqlitePathFor(config), { fileMustExist: true });
      const each = await timedInTurns(
        statements.map((q) => async () => void db.prepare(q.sql).all(...q.parameters)),
        5,
      );
      each.forEach((e, k) => console.log(`  statement ${k + 1}: p50 ${e.p50.toFixed(1)} ms`));
      db.close();
    }
    // The export of every take, once: a line per take, and a totals line whose actual is the ledger's settled total.
    const exportStarted = performance.now();
    const csv = await (await fetch(`${server.url}/api/v1/projects/${projectId}/spend.csv`, { headers: { authorization: `Bearer ${seeded.token}` } })).text();
    const exportMs = performance.now() - exportStarted;
    const csvLines = csv.split('\r\n').filter(Boolean);
    const settledMicros = all.length * PRICE - Math.floor(all.length / 20) * PRICE;
    const expectedTotal = `${Math.floor(settledMicros / 1e6)}.${String(settledMicros % 1e6).padStart(6, '0')}`;
    if (csvLines.length !== all.length + 2 || csvLines.at(-1)!.split(',')[11] !== expectedTotal)
      throw new Error(`the export has ${csvLines.length} lines and totals ${csvLines.at(-1)}; expected ${all.length + 2} lines and ${expectedTotal} settled`);
    const f = (v: number) => v.toFixed(1);
    console.log(`
${dbKind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} — spend view by scene over ${all.length.toLocaleString('en-US')} takes, ${CALLS} calls each (ms)
  API  p50 ${f(api.p50)}  p95 ${f(api.p95)}
  SQL  p50 ${f(sql.p50)}  p95 ${f(sql.p95)}
  API ÷ SQL: p50 ×${(api.p50 / sql.p50).toFixed(2)}, p95 ×${(api.p95 / sql.p95).toFixed(2)}
  CSV export of every take: ${(exportMs / 1000).toFixed(2)} s, ${(csv.length / 1024 / 1024).toFixed(1)} MiB, totals match the ledger
  data folder ${relative(ROOT, dataDir)} (removed)`);
  } finally {
    for (const step of cleanups.reverse()) await step().catch((e) => console.error(`cleanup: ${e instanceof Error ? e.message : String(e)}`));
  }
}

try {
  await main();
} catch (e) {
  console.error(`\nbench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exitCode = 1;
}
