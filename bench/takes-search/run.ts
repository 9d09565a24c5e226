/**
 * Takes search bench: 50,000 takes with varied prompts in one project, inserted through the store;
 * p50/p95 of a prompt-word search and of a filtered page through the takes service (as the
 * `GET /projects/:projectId/takes` route calls it), each as a ratio of the raw SQL behind it run
 * on its own connection in the same run; whether each p95 is within the 200 ms goal. Before the
 * timing, the search must find exactly the takes planted with a rare word.
 *
 *   node --import tsx bench/takes-search/run.ts [--db sqlite|postgres] [--takes 50000] [--runs 200]
 */
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { Role } from '@backlot/contracts';
import { createArgon2Hasher } from '../../apps/server/src/adapters/system/argon2-hasher.ts';
import { loadConfig } from '../../apps/server/src/config/load-config.ts';
import { createContainer, sqlitePathFor } from '../../apps/server/src/container.ts';
import { seedBenchProject } from '../api/seed-project.ts';
import { newTakeRecord } from '../../apps/server/src/services/generate/take-record.ts';
import { benchDataPlace, vacuumAnalyze } from '../api/postgres.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const GOAL_MS = 200;

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: process.env.BENCH_DB || 'sqlite' },
    takes: { type: 'string', default: '50000' },
    runs: { type: 'string', default: '200' },
  },
});
const dbKind = args.db === 'pg' || args.db === 'postgres' ? 'postgres' : args.db === 'sqlite' ? 'sqlite' : undefined;
if (!dbKind) {
  console.error(`--db must be sqlite or postgres, not ${args.db}`);
  process.exit(2);
}
const TAKES = Number(args.takes);
const RUNS = Number(args.runs);
if (!(TAKES >= 1000 && RUNS >= 10)) {
  console.error('--takes must be at least 1000 and --runs at least 10');
  process.exit(2);
}

// ── prompts: a seeded random mix of subjects, actions, places, light and camera ──
let state = 0x2545f491;
/** A deterministic random number in [0, 1). */
function random(): number {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
const SUBJECTS = [
  'Mara',
  'the detective',
  'an old fisherman',
  'two children',
  'a courier on a bicycle',
  'the night guard',
  'a stray dog',
  'the pilot',
  'a street musician',
  'the twins',
  'a nurse',
  'the mayor',
];
const ACTIONS = ['crosses', 'runs through', 'waits in', 'searches', 'walks slowly across', 'hides behind a crate in', 'looks back at', 'argues in', 'dances across', 'falls asleep in'];
const PLACES = [
  'the empty loading bay',
  'a flooded subway platform',
  'the rooftop garden',
  'a crowded night market',
  'the harbour at low tide',
  'a desert highway',
  'the hospital corridor',
  'a snowy forest clearing',
  'the abandoned cinema',
  'a neon-lit alley',
  'the lighthouse stairs',
  'a rain-soaked parking garage',
];
const LIGHT = [
  'under neon rain',
  'at golden hour',
  'in thick morning fog',
  'lit by a single streetlamp',
  'in harsh noon sun',
  'under flickering fluorescent tubes',
  'by candlelight',
  'at blue hour',
  'in a thunderstorm',
  'through dusty sunbeams',
];
const CAMERA = [
  'wide shot, static camera',
  'slow dolly in',
  'handheld close-up',
  'low angle tracking shot',
  'aerial drone shot',
  'over-the-shoulder medium shot',
  'crane up reveal',
  'whip pan',
  '35mm anamorphic, shallow depth of field',
  'locked-off long lens',
];
const MODELS: [string, string][] = [
  ['previs', 'previs-animatic'],
  ['kling', 'kling-2.1-master'],
  ['seedance', 'seedance-1-pro'],
  ['seedance', 'seedance-1-lite'],
  ['veo', 'veo-3'],
  ['runway', 'gen-4-turbo'],
];
const STATUSES = ['succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded', 'failed', 'canceled'] as const;
const REVIEWS = ['unreviewed', 'unreviewed', 'unreviewed', 'rejected', 'maybe', 'selected', 'approved'] as const;
/** Takes that get the rare word: every 1,337th, so the search must find exactly these. */
const RARE = 'zeppelin';
const planted = (i: number) => i % 1337 === 7;

/** Nearest-rank percentile of sorted samples. */
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];

/** p50 and p95 of `runs` timed calls after a few untimed ones. */
async function measure(runs: number, call: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 10; i++) await call();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await call();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { p50: pct(samples, 0.5), p95: pct(samples, 0.95) };
}

async function main() {
  console.log(
    `Backlot takes search bench — ${dbKind}, ${TAKES.toLocaleString('en-US')} takes, ${RUNS} runs each, Node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(2)}`,
  );
  const cleanups: (() => Promise<void> | void)[] = [];
  try {
    const { dataDir, databaseUrl, databaseName } = await benchDataPlace(ROOT, 'takes-search', dbKind!, cleanups);
    if (databaseName) console.log(`  database ${databaseName} (dropped at the end)`);
    const config = loadConfig({ BACKLOT_DATA_DIR: dataDir, BACKLOT_DATABASE_URL: databaseUrl });
    const container = await createContainer(config, { hasher: createArgon2Hasher({ fast: true }) });
    cleanups.push(() => container.close());
    const { services, store } = container;

    // 1. A project with 20 scenes of 10 shots, through the services.
    const { owner, project, shots } = await seedBenchProject(services);
    const requesters = [owner.id, '019d0000-0000-7000-8000-00000000a001', '019d0000-0000-7000-8000-00000000a002', '019d0000-0000-7000-8000-00000000a003'];

    // 2. The takes, through the store, a thousand to a transaction.
    const started = performance.now();
    const numbers = new Map<string, number>();
    const rare = new Set<string>();
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    for (let done = 0; done < TAKES; ) {
      const n = Math.min(1000, TAKES - done);
      await store.transaction(async (tx) => {
        for (let j = 0; j < n; j++) {
          const i = done + j;
          const shotId = pick(shots);
          const number = (numbers.get(shotId) ?? 0) + 1;
          numbers.set(shotId, number);
          const [provider, model] = pick(MODELS);
          const at = new Date(t0 + i * 150_000 + Math.floor(random() * 60_000)).toISOString();
          const prompt = `${pick(SUBJECTS)} ${pick(ACTIONS)} ${pick(PLACES)} ${pick(LIGHT)}, ${pick(CAMERA)}${planted(i) ? `, a ${RARE} drifts overhead` : ''}.`;
          const id = `019d${(i + 1).toString(16).padStart(8, '0')}-0000-7000-8000-000000000000`;
          if (planted(i)) rare.add(id);
          const micros = 50_000 + Math.floor(random() * 5_000_000);
          const status = pick(STATUSES);
          await tx.takes.insert(
            newTakeRecord(
              {
                id,
                projectId: project.id,
                shotId,
                number,
                provider,
                model,
                planVersion: 1,
                currency: 'EUR',
                requestedBy: pick(requesters),
                requestedByName: 'Bench',
                status,
                step: 'done',
                prompt,
                seed: Math.floor(random() * 2 ** 31),
                review: status === 'succeeded' ? pick(REVIEWS) : 'unreviewed',
                estimateMicros: micros,
                actualMicros: status === 'succeeded' ? micros : 0,
                finishedAt: at,
              },
              at,
            ),
          );
        }
      });
      done += n;
    }
    console.log(`  inserted ${TAKES.toLocaleString('en-US')} takes in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    if (databaseUrl) await vacuumAnalyze(databaseUrl);

    // 3. The search must find exactly the planted takes.
    const role: Role = 'owner';
    const all = await services.takes.page(project.id, role, { q: RARE, limit: 200, offset: 0 });
    const foundIds = new Set(all.takes.map((t) => t.id));
    const exact = all.total === rare.size && foundIds.size === rare.size && [...rare].every((id) => foundIds.has(id));
    console.log(`  search "${RARE}": ${all.total} found, ${rare.size} planted — ${exact ? 'exactly those' : 'WRONG'}`);
    if (!exact) throw new Error('the search did not find exactly the planted takes');

    // 4. The two queries, through the service and as raw SQL.
    const search = { q: 'neon rain', limit: 60, offset: 0 };
    const filtered = { provider: 'seedance', model: 'seedance-1-pro', status: 'succeeded' as const, state: 'selected' as const, from: '2026-02-01', sort: 'newest' as const, limit: 60, offset: 0 };
    const fromIso = '2026-02-01T00:00:00.000Z';
    const searchPage = await services.takes.page(project.id, role, search);
    const filteredPage = await services.takes.page(project.id, role, filtered);
    console.log(`  "neon rain": ${searchPage.total.toLocaleString('en-US')} takes match; filtered page: ${filteredPage.total.toLocaleString('en-US')} match`);

    let rawSearch: () => Promise<unknown>;
    let rawFiltered: () => Promise<unknown>;
    const join = 'from takes inner join shots on shots.id = takes.shot_id inner join scenes on scenes.id = shots.scene_id';
    const sceneOrder = 'order by scenes.position, shots.position, shots.id, takes.number desc';
    const filterWhere = (p: (n: number) => string) =>
      `takes.project_id = ${p(1)} and takes.provider = ${p(2)} and takes.model = ${p(3)} and takes.status = ${p(4)} and takes.review = ${p(5)} and takes.requested_at >= ${p(6)}`;
    const filterParams = [project.id, 'seedance', 'seedance-1-pro', 'succeeded', 'selected', fromIso];
    if (dbKind === 'sqlite') {
      const raw = new SQLite(sqlitePathFor(config), { readonly: true });
      cleanups.push(() => {
        raw.close();
      });
      const where = `+takes.project_id = ? and takes.id in (select take_id from takes_fts where takes_fts match ?)`;
      const sPage = raw.prepare(`select takes.id, scenes.position, shots.position, shots.id, takes.number, count(*) over () as n ${join} where ${where} ${sceneOrder} limit 60`);
      const rowsOf = (ids: string[]) => raw.prepare(`select * from takes where id in (${ids.map(() => '?').join(', ')})`).all(...ids);
      const fPage = raw.prepare(`select takes.id, takes.requested_at, count(*) over () as n ${join} where ${filterWhere(() => '?')} order by takes.requested_at desc, takes.id desc limit 60`);
      if (process.env.BENCH_EXPLAIN) for (const st of [sPage]) console.log(raw.prepare(`explain query plan ${st.source}`).all(project.id, '"neon" "rain"*'));
      const ids = (rows: unknown[]) => (rows as { id: string }[]).map((r) => r.id);
      rawSearch = async () => rowsOf(ids(sPage.all(project.id, '"neon" "rain"*')));
      rawFiltered = async () => rowsOf(ids(fPage.all(...filterParams)));
    } else {
      const raw = new pg.Pool({ connectionString: databaseUrl, max: 2 });
      cleanups.push(() => raw.end());
      const where = `takes.project_id = $1 and takes.prompt_search @@ to_tsquery('simple', $2)`;
      const sPage = `select takes.id, scenes.position, shots.position, shots.id, takes.number, count(*) over () as n ${join} where ${where} ${sceneOrder} limit 60`;
      const rowsOf = async (r: pg.QueryResult) => raw.query('select * from takes where id = any($1)', [r.rows.map((x: { id: string }) => x.id)]);
      const fPage = `select takes.id, takes.requested_at, count(*) over () as n ${join} where ${filterWhere((n) => `$${n}`)} order by takes.requested_at desc, takes.id desc limit 60`;
      rawSearch = () => raw.query({ name: 'sp', text: sPage, values: [project.id, "'neon' & 'rain':*"] }).then(rowsOf);
      rawFiltered = () => raw.query({ name: 'fp', text: fPage, values: filterParams }).then(rowsOf);
    }

    const rows: string[][] = [];
    let allWithin = true;
    for (const [name, viaService, viaSql] of [
      ['prompt-word search "neon rain" (60 of them)', () => services.takes.page(project.id, role, search), rawSearch],
      ['filtered page (provider, model, status, review, date; newest first)', () => services.takes.page(project.id, role, filtered), rawFiltered],
    ] as const) {
      const s = await measure(RUNS, viaService);
      const r = await measure(RUNS, viaSql);
      const within = s.p95 <= GOAL_MS;
      allWithin &&= within;
      rows.push([name, s.p50.toFixed(1), s.p95.toFixed(1), r.p50.toFixed(1), r.p95.toFixed(1), `${(s.p95 / r.p95).toFixed(1)}×`, within ? `yes (≤ ${GOAL_MS} ms)` : `NO (> ${GOAL_MS} ms)`]);
    }
    const head = ['query', 'service p50 ms', 'service p95 ms', 'SQL p50 ms', 'SQL p95 ms', 'p95 ratio', 'p95 within goal'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    for (const r of [head, ...rows]) console.log('  ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
    console.log(allWithin ? `  every p95 within ${GOAL_MS} ms on ${dbKind}` : `  a p95 is over ${GOAL_MS} ms on ${dbKind}`);
  } finally {
    for (const step of cleanups.reverse()) {
      try {
        await step();
      } catch (e) {
        console.error(`cleanup: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
}

await main();
