/**
 * API bench: a project with 10,000 audit events and 50 members; p50/p99 of the project, members
 * and audit-page routes under load from this process against a real server process, each as a
 * ratio of the raw SQL behind it measured in the same run on the same database; requests/s for
 * health.
 *
 *   node --import tsx bench/api/run.ts [--db sqlite|postgres] [--seconds 5] [--connections 10]
 *
 * See bench/README.md for how to read the output.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createArgon2Hasher } from '../../apps/server/src/adapters/system/argon2-hasher.ts';
import { loadConfig } from '../../apps/server/src/config/load-config.ts';
import { createContainer, sqlitePathFor } from '../../apps/server/src/container.ts';
import { startServer, type RunningServer } from '../../e2e/support/server.ts';
import { runLoad, type LoadResult } from './load.ts';
import { benchDataPlace, vacuumAnalyze } from './postgres.ts';
import { postgresRunner, sqliteRunner, type RawResult, type RawRoute, type RawRunner } from './raw-sql.ts';
import { seedProject, type Seeded } from './seed.ts';
import { ms, rate, table, times } from './stats.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const RESULTS_DIR = resolve(import.meta.dirname, '../results');

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: process.env.BENCH_DB || 'sqlite' },
    seconds: { type: 'string', default: process.env.BENCH_SECONDS || '5' },
    connections: { type: 'string', default: '10' },
    events: { type: 'string', default: '10000' },
    members: { type: 'string', default: '50' },
    'log-level': { type: 'string', default: 'info' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (args.help) {
  console.log(`Usage: node --import tsx bench/api/run.ts [options]

  --db sqlite|postgres   database to run on (default: $BENCH_DB or sqlite)
  --seconds N            load per route, and raw SQL per route (default: 5)
  --connections N        autocannon connections; PostgreSQL raw-SQL loops and pool size (default: 10)
  --events N             audit events in the project's chain (default: 10000)
  --members N            project members, the owner included (default: 50)
  --log-level LEVEL      the server's BACKLOT_LOG_LEVEL (default: info, as in production)

PostgreSQL: a fresh database is created on $BENCH_PG_URL (else $BACKLOT_TEST_DATABASE_URL,
else postgres://postgres@127.0.0.1:5432/postgres) and dropped at the end.`);
  process.exit(0);
}

const dbKind = args.db === 'pg' || args.db === 'postgres' || args.db === 'postgresql' ? 'postgres' : args.db === 'sqlite' ? 'sqlite' : undefined;
if (!dbKind) {
  console.error(`--db must be sqlite or postgres, not ${args.db}`);
  process.exit(2);
}
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);
const EVENTS = Number(args.events);
const MEMBERS = Number(args.members);
for (const [name, v] of Object.entries({ seconds: SECONDS, connections: CONNECTIONS, events: EVENTS, members: MEMBERS })) {
  if (!Number.isFinite(v) || v <= 0) {
    console.error(`--${name} must be a positive number`);
    process.exit(2);
  }
}
const WARMUP_SECONDS = 1;
const AUDIT_LIMIT = 50;

interface RouteDef {
  name: string;
  path: (projectId: string) => string;
  /** Whether the Bearer token is sent. */
  auth: boolean;
  raw?: RawRoute;
  /** A look at one answer before the load: the data must be what was seeded. */
  check?: (body: any, seeded: Seeded) => string | undefined;
}

const ROUTES: RouteDef[] = [
  { name: 'health', path: () => '/api/v1/health', auth: true, raw: 'health' },
  { name: 'health (no token)', path: () => '/api/v1/health', auth: false },
  {
    name: 'project',
    path: (id) => `/api/v1/projects/${id}`,
    auth: true,
    raw: 'project',
    check: (b) => (b.project?.code === 'NF01' ? undefined : `expected project NF01, got ${JSON.stringify(b).slice(0, 200)}`),
  },
  {
    name: 'members',
    path: (id) => `/api/v1/projects/${id}/members`,
    auth: true,
    raw: 'members',
    check: (b) => (b.members?.length === MEMBERS ? undefined : `expected ${MEMBERS} members, got ${b.members?.length}`),
  },
  {
    name: `audit page (limit ${AUDIT_LIMIT})`,
    path: (id) => `/api/v1/projects/${id}/audit?limit=${AUDIT_LIMIT}`,
    auth: true,
    raw: 'audit',
    check: (b, s) =>
      b.events?.length === Math.min(AUDIT_LIMIT, s.events) && b.total === s.events ? undefined : `expected ${AUDIT_LIMIT} of ${s.events} events, got ${b.events?.length} of ${b.total}`,
  },
];

interface RouteResult {
  route: string;
  method: 'GET';
  path: string;
  bearer: boolean;
  http: LoadResult;
  sql: RawResult | null;
  ratio: { p50: number; p99: number; throughput: number } | null;
}

// ── cleanup, also on Ctrl-C ────────────────────────────────────────────────
const cleanups: (() => Promise<void>)[] = [];
let cleaning: Promise<void> | undefined;
let interrupted = false;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const step of cleanups.reverse()) {
      try {
        await step();
      } catch (e) {
        console.error(`cleanup: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    console.error(`\n${signal}: cleaning up`);
    // Work still in flight fails as its database goes away; that is expected now.
    process.on('uncaughtException', (e) => console.error(`  (while cleaning up: ${e.message})`));
    void cleanup().then(() => process.exit(130));
  });
}

const within = <T>(promise: Promise<T>, limitMs: number) => Promise.race([promise, new Promise<void>((ok) => setTimeout(ok, limitMs).unref())]);

const tty = process.stdout.isTTY;
function progress(label: string) {
  let lastShown = -1;
  return (done: number, total: number) => {
    if (tty) process.stdout.write(`\r  ${label} ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`);
    else {
      const quarter = Math.floor((done / total) * 4);
      if (quarter > lastShown) {
        lastShown = quarter;
        console.log(`  ${label} ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`);
      }
    }
    if (tty && done >= total) process.stdout.write('\n');
  };
}

async function main() {
  const startedAt = new Date();
  const loadBefore = loadavg()[0];
  console.log(`Backlot API bench — ${dbKind}, ${SECONDS} s per route, ${CONNECTIONS} connections, Node ${process.version}, ${cpus().length} CPUs, load average ${loadBefore.toFixed(2)}`);
  if (loadBefore > 0.5 * cpus().length) console.log('  (the machine is already busy: expect slower, noisier numbers)');

  // 1. Data folder (and database), seeded through the services.
  const { dataDir, databaseUrl, databaseName } = await benchDataPlace(ROOT, 'api', dbKind!, cleanups);
  if (databaseName) console.log(`  database ${databaseName} (dropped at the end)`);
  console.log(`  data folder ${relative(ROOT, dataDir)} (removed at the end)`);

  const config = loadConfig({ BACKLOT_DATA_DIR: dataDir, BACKLOT_DATABASE_URL: databaseUrl });
  const container = await createContainer(config, { hasher: createArgon2Hasher({ fast: true }) });
  let closing: Promise<void> | undefined;
  const closeContainer = () => (closing ??= container.close());
  cleanups.push(() => within(closeContainer(), 3000));
  let seeded: Seeded;
  try {
    console.log(`Seeding: ${MEMBERS} members, ${EVENTS.toLocaleString('en-US')} audit events`);
    seeded = await seedProject(container, { members: MEMBERS, events: EVENTS, batch: 250, progress: progress('audit events') });
  } finally {
    await closeContainer();
  }
  const roles = Object.entries(seeded.roles)
    .map(([r, n]) => `${n} ${r}`)
    .join(', ');
  console.log(`  seeded in ${seeded.seconds.toFixed(1)} s: ${roles}; chain ${seeded.verified.ok ? 'verified' : 'BROKEN'} (${seeded.verified.count} events)`);
  if (!seeded.verified.ok || seeded.events !== EVENTS) throw new Error(`the seeded audit chain is not right: ${seeded.verified.problem ?? `${seeded.events} events`}`);
  if (databaseUrl) await vacuumAnalyze(databaseUrl);

  // 2. The real server, in its own process.
  console.log('Starting the server');
  const server: RunningServer = await startServer({ dataDir, databaseUrl, env: { BACKLOT_LOG_LEVEL: args['log-level']! } });
  cleanups.push(() => server.stop());
  console.log(`  ${server.url} (pid ${server.process.pid})`);

  const target = { tokenHash: seeded.tokenHash, projectId: seeded.projectId, chain: seeded.chain, auditLimit: AUDIT_LIMIT };
  const raw: RawRunner = databaseUrl ? postgresRunner(databaseUrl, target, CONNECTIONS) : sqliteRunner(sqlitePathFor(config), target);
  cleanups.push(() => raw.close());

  // Every route answers what was seeded; then a first pass warms the server up (code paths
  // compiled, pool connections opened) so the first route measured is not the one that pays.
  const requestFor = (route: RouteDef) => ({
    path: route.path(seeded.projectId),
    url: `${server.url}${route.path(seeded.projectId)}`,
    headers: (route.auth ? { authorization: `Bearer ${seeded.token}` } : {}) as Record<string, string>,
  });
  for (const route of ROUTES) {
    const { path, url, headers } = requestFor(route);
    const res = await fetch(url, { headers });
    const body = await res.json();
    if (!res.ok) throw new Error(`GET ${path} answered ${res.status}: ${JSON.stringify(body)}`);
    const wrong = route.check?.(body, seeded);
    if (wrong) throw new Error(`GET ${path}: ${wrong}`);
  }
  console.log(`Warming up (${WARMUP_SECONDS} s per route), then ${SECONDS} s per route and ${SECONDS} s of its raw SQL`);
  for (const route of ROUTES) await runLoad(requestFor(route).url, { seconds: WARMUP_SECONDS, connections: CONNECTIONS, headers: requestFor(route).headers });

  // 3 and 4. Each route under load, then the SQL behind it.
  const results: RouteResult[] = [];
  for (const route of ROUTES) {
    const { path, url, headers } = requestFor(route);
    process.stdout.write(`  ${route.name}: load`);
    const http = await runLoad(url, { seconds: SECONDS, connections: CONNECTIONS, headers });
    process.stdout.write(` ${rate(http.perSecond)} req/s, p50 ${ms(http.p50)} ms`);
    let sql: RawResult | null = null;
    if (route.raw) {
      process.stdout.write('; raw SQL');
      sql = await raw.run(route.raw, SECONDS, WARMUP_SECONDS / 2);
      process.stdout.write(` ${rate(sql.perSecond)} q/s, p50 ${ms(sql.p50)} ms`);
    }
    process.stdout.write('\n');
    if (http.non2xxCount > 0 || http.errors > 0 || http.timeouts > 0) {
      console.error(`\n!!!!! ${route.name}: ${http.non2xxCount} non-2xx answers ${JSON.stringify(http.non2xx)}, ${http.errors} errors, ${http.timeouts} timeouts !!!!!\n`);
      process.exitCode = 1;
    }
    results.push({
      route: route.name,
      method: 'GET',
      path: path.replace(seeded.projectId, ':id'),
      bearer: route.auth,
      http,
      sql,
      ratio: sql ? { p50: http.p50 / sql.p50, p99: http.p99 / sql.p99, throughput: sql.perSecond / http.perSecond } : null,
    });
  }

  // 5. The table and the JSON.
  const rows = results.map((r) => [
    r.route,
    rate(r.http.perSecond),
    ms(r.http.p50),
    ms(r.http.p99),
    rate(r.sql?.perSecond),
    ms(r.sql?.p50),
    ms(r.sql?.p99),
    times(r.ratio?.p50),
    times(r.ratio?.p99),
    times(r.ratio?.throughput),
    r.http.non2xxCount + r.http.errors + r.http.timeouts === 0 ? '0' : `${r.http.non2xxCount + r.http.errors + r.http.timeouts} !!`,
  ]);
  const sqlConcurrency = databaseUrl ? `${CONNECTIONS} concurrent loops on a pool of ${CONNECTIONS}` : '1 connection, 1 synchronous loop';
  console.log(`
${dbKind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} — ${MEMBERS} members, ${EVENTS.toLocaleString('en-US')} audit events; HTTP: ${CONNECTIONS} connections × ${SECONDS} s; raw SQL: ${sqlConcurrency} × ${SECONDS} s; times in ms
${table(['route', 'req/s', 'p50', 'p99', 'SQL q/s', 'SQL p50', 'SQL p99', '×p50', '×p99', '×cost', 'non-2xx'], rows)}

×p50, ×p99: route latency ÷ raw-SQL latency. ×cost: raw-SQL iterations/s ÷ route requests/s (what a
request costs in multiples of its SQL, independent of queueing). Health req/s: ${rate(results[0].http.perSecond)} with a token, ${rate(results[1].http.perSecond)} without.
Load average: ${loadBefore.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after (more than about 1 before: something else was running, compare with care)`);

  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = startedAt.toISOString().slice(0, 19).replace(/:/g, '-');
  const file = join(RESULTS_DIR, `api-${dbKind}-${stamp}.json`);
  const report = {
    bench: 'api',
    db: dbKind,
    startedAt: startedAt.toISOString(),
    machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, platform: process.platform, loadAverageBefore: loadBefore, loadAverageAfter: loadavg()[0] },
    settings: { seconds: SECONDS, warmupSeconds: WARMUP_SECONDS, connections: CONNECTIONS, serverLogLevel: args['log-level'], rawSql: sqlConcurrency },
    dataset: { members: MEMBERS, roles: seeded.roles, auditEvents: seeded.events, chainVerified: seeded.verified.ok, seedSeconds: Number(seeded.seconds.toFixed(2)) },
    units: { latency: 'ms', rates: 'per second' },
    routes: results,
  };
  const rounded = (_key: string, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(4)) : v);
  writeFileSync(file, `${JSON.stringify(report, rounded, 2)}\n`);
  console.log(`\nWrote ${relative(ROOT, file)}`);
}

try {
  await main();
} catch (e) {
  if (!interrupted) console.error(`\nbench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
