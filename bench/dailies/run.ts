/**
 * Dailies bench. (1) A project with 50,000 takes; opening a session of 500 of them
 * (`GET /projects/:projectId/dailies/:sessionId` through the HTTP app, as a browser asks) as a
 * ratio of the raw SQL behind it (the playlist with its takes, in order) on its own connection.
 * (2) 100 attendees on loopback, each with its own Server-Sent Events stream, follow one presenter
 * who posts a change every 1/rate s for the duration: every attendee must receive every change
 * (none dropped); the delay from the presenter's request to each attendee's copy, median and p99
 * (goal ≤ 100 ms). (3) In Debian's Chromium, the session page's time to its first poster as the
 * playlist grows from 50 to 5,000 takes (goal: 5,000 within 1.5× of 50).
 *
 *   node --import tsx bench/dailies/run.ts [--db sqlite|postgres] [--takes 50000] [--playlist 500]
 *        [--runs 50] [--attendees 100] [--seconds 60] [--rate 5] [--browser-runs 5]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { createArgon2Hasher } from '../../apps/server/src/adapters/system/argon2-hasher.ts';
import { loadConfig } from '../../apps/server/src/config/load-config.ts';
import { createContainer, sqlitePathFor } from '../../apps/server/src/container.ts';
import { createBlobStore } from '../../apps/server/src/adapters/storage/create-blob-store.ts';
import { seedBenchProject } from '../api/seed-project.ts';
import { buildApp } from '../../apps/server/src/http/app.ts';
import { newTakeRecord } from '../../apps/server/src/services/generate/take-record.ts';
import { benchDataPlace, vacuumAnalyze } from '../api/postgres.ts';
import { ensureWebBuilt, launchChromium } from '../../e2e/support/browser.ts';
import { WEB_TEST_DIR } from '../../e2e/support/server.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const DELAY_GOAL_MS = 100;
/** The first poster of a 5,000-take playlist within this many times that of a 50-take one. */
const POSTER_GOAL = 1.5;
const POSTER_SIZES = [50, 500, 5000];

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: process.env.BENCH_DB || 'sqlite' },
    takes: { type: 'string', default: '50000' },
    playlist: { type: 'string', default: '500' },
    runs: { type: 'string', default: '50' },
    attendees: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '60' },
    rate: { type: 'string', default: '5' },
    'browser-runs': { type: 'string', default: '5' },
  },
});
const dbKind = args.db === 'pg' || args.db === 'postgres' ? 'postgres' : args.db === 'sqlite' ? 'sqlite' : undefined;
if (!dbKind) {
  console.error(`--db must be sqlite or postgres, not ${args.db}`);
  process.exit(2);
}
const TAKES = Number(args.takes);
const PLAYLIST = Number(args.playlist);
const RUNS = Number(args.runs);
const ATTENDEES = Number(args.attendees);
const SECONDS = Number(args.seconds);
const RATE = Number(args.rate);
const BROWSER_RUNS = Number(args['browser-runs']);
if (!(TAKES >= PLAYLIST && TAKES >= POSTER_SIZES.at(-1)! && PLAYLIST >= 1 && RUNS >= 5 && ATTENDEES >= 1 && SECONDS > 0 && RATE > 0 && BROWSER_RUNS >= 1)) {
  console.error('--takes must be at least --playlist (≥ 1) and 5,000, --runs at least 5, --attendees and --browser-runs at least 1, --seconds and --rate above 0');
  process.exit(2);
}

/** Nearest-rank percentile of sorted samples. */
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];

/** p50 and p95 of `runs` timed calls after a few untimed ones. */
async function measure(runs: number, call: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 5; i++) await call();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await call();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { p50: pct(samples, 0.5), p95: pct(samples, 0.95) };
}

/** One attendee's event stream on loopback: the time each presenter change (by its number) arrived. */
function follow(port: number, path: string, token: string, arrived: Map<number, number>): Promise<() => void> {
  return new Promise((ok, fail) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return fail(new Error(`event stream answered ${res.statusCode}`));
      res.setEncoding('utf8');
      let buffer = '';
      let opened = false;
      res.on('data', (chunk: string) => {
        const now = performance.now();
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!opened) {
            opened = true;
            ok(() => req.destroy());
          }
          if (!block.startsWith('event: dailies.presenter')) continue;
          const data = /^data: (.*)$/m.exec(block);
          if (data) arrived.set(JSON.parse(data[1]).state.seq as number, now);
        }
      });
    });
    req.on('error', (e) => (e.message === 'socket hang up' ? undefined : fail(e)));
    req.end();
  });
}

/** Posts JSON on loopback with a bearer token; answers the status and body. */
function post(port: number, path: string, token: string, body: unknown): Promise<{ status: number; body: string }> {
  return new Promise((ok, fail) => {
    const payload = JSON.stringify(body);
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => ok({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', fail);
    req.end(payload);
  });
}

async function main() {
  console.log(
    `Backlot dailies bench — ${dbKind}, ${TAKES.toLocaleString('en-US')} takes, a playlist of ${PLAYLIST}, ${ATTENDEES} attendees for ${SECONDS} s at ${RATE} changes/s, Node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(2)}`,
  );
  const cleanups: (() => Promise<void> | void)[] = [];
  try {
    const { dataDir, databaseUrl, databaseName } = await benchDataPlace(ROOT, 'dailies', dbKind!, cleanups);
    if (databaseName) console.log(`  database ${databaseName} (dropped at the end)`);
    const config = loadConfig({ BACKLOT_DATA_DIR: dataDir, BACKLOT_DATABASE_URL: databaseUrl, BACKLOT_WORKER: 'false', BACKLOT_LOG_LEVEL: 'warn' });
    const blobs = createBlobStore(config);
    const container = await createContainer(config, { hasher: createArgon2Hasher({ fast: true }), blobs });
    cleanups.push(() => container.close());
    const { services, store } = container;
    ensureWebBuilt();
    const app = await buildApp(container, { webDir: WEB_TEST_DIR });
    // Every take shows the same poster (a 320×180 JPEG stored once): the browser still fetches it per take.
    const pictures = mkdtempSync(join(tmpdir(), 'backlot-dailies-bench-'));
    cleanups.push(() => rmSync(pictures, { recursive: true, force: true }));
    execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=320x180', '-frames:v', '1', 'poster.jpg'], { cwd: pictures });
    const posterBytes = readFileSync(join(pictures, 'poster.jpg'));
    const poster = await blobs.put(
      (async function* () {
        yield posterBytes;
      })(),
    );
    await store.transaction((tx) => tx.blobs.record({ sha256: poster.sha256, size: poster.size, mediaType: 'image/jpeg', createdAt: new Date().toISOString() }));
    const media = {
      originalSha256: poster.sha256,
      proxySha256: poster.sha256,
      posterSha256: poster.sha256,
      filmstripSha256: poster.sha256,
      filmstrip: { columns: 1, rows: 1, tileWidth: 320, tileHeight: 180, frameNumbers: [0] },
      width: 320,
      height: 180,
      frameRate: '24/1',
      frames: 48,
      durationUs: 2_000_000,
      videoCodec: 'h264',
      audioCodec: null,
      mediaType: 'video/mp4',
      proxyFrames: 48,
    };
    cleanups.push(() => app.close());

    // 1. A project of 20 scenes × 10 shots, through the services, and its takes through the store.
    const { owner, actor, project, shots } = await seedBenchProject(services);
    // A cast, places and props the takes were made with: three references on every take, as planned shots have.
    const assets: { id: string; role: 'character' | 'location' | 'prop' }[] = [];
    for (const [kind, role, names] of [
      ['character', 'character', ['MARA', 'JON', 'THE KEEPER', 'ILSE', 'DOC', 'RUNNER']],
      ['location', 'location', ['Pier', 'Lighthouse', 'Loading bay', 'Diner', 'Bridge']],
      ['prop', 'prop', ['Brass key', 'Lantern', 'Radio', 'Map']],
    ] as const) {
      for (const name of names) assets.push({ id: (await services.assets.create(actor, project.id, { kind, name, notes: '', tags: [], rightsSource: '', flags: [] })).id, role });
    }
    const byRole = (role: string) => assets.filter((a) => a.role === role);
    const started = performance.now();
    const numbers = new Map<string, number>();
    const picked: string[] = [];
    const every = Math.floor(TAKES / PLAYLIST);
    for (let done = 0; done < TAKES; ) {
      const n = Math.min(1000, TAKES - done);
      await store.transaction(async (tx) => {
        for (let j = 0; j < n; j++) {
          const i = done + j;
          const shotId = shots[i % shots.length];
          const number = (numbers.get(shotId) ?? 0) + 1;
          numbers.set(shotId, number);
          const at = new Date(Date.parse('2026-01-01T00:00:00Z') + i * 60_000).toISOString();
          const id = `019d${(i + 1).toString(16).padStart(8, '0')}-0000-7000-8000-000000000000`;
          const selected = i % every === 0 && picked.length < PLAYLIST;
          if (selected) picked.push(id);
          await tx.takes.insert(
            newTakeRecord(
              {
                id,
                projectId: project.id,
                shotId,
                number,
                provider: 'previs',
                model: 'previs-animatic',
                planVersion: 1,
                currency: 'EUR',
                requestedBy: owner.id,
                requestedByName: owner.name,
                status: 'succeeded',
                step: 'done',
                prompt: `Take ${i} of the night shift`,
                seed: i,
                review: selected ? 'selected' : i % 3 ? 'unreviewed' : 'rejected',
                estimateMicros: 100_000,
                actualMicros: 100_000,
                finishedAt: at,
                media,
              },
              at,
            ),
          );
          await tx.takes.insertReferences(
            (['character', 'location', 'prop'] as const).map((role) => {
              const pool = byRole(role);
              return { takeId: id, assetId: pool[i % pool.length].id, assetVersion: 1, role };
            }),
          );
        }
      });
      done += n;
    }
    console.log(`  inserted ${TAKES.toLocaleString('en-US')} takes in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    if (databaseUrl) await vacuumAnalyze(databaseUrl);

    // 2. The attendees: viewers, each with an API token; the presenter is the owner.
    const viewers: { id: string; token: string }[] = [];
    for (let a = 0; a < ATTENDEES; a++) {
      const acc = await services.accounts.createAccount(actor, { name: `Viewer ${a + 1}`, email: `viewer${a + 1}@studio.example`, password: 'bench-password-not-secret', isAdmin: false });
      await store.transaction((tx) => tx.members.insert({ projectId: project.id, accountId: acc.id, role: 'viewer', createdAt: new Date().toISOString() }));
      viewers.push({ id: acc.id, token: (await services.auth.createToken(actor, acc, 'bench')).secret });
    }
    const ownerToken = (await services.auth.createToken(actor, (await store.read.accounts.findById(owner.id))!, 'bench')).secret;

    // 3. Opening a session of PLAYLIST takes: the API against the SQL behind it.
    const detail = await services.dailies.create(actor, 'owner', project.id, {
      title: 'Bench dailies',
      date: '2026-03-01',
      source: { kind: 'takes', takeIds: picked },
      attendeeIds: viewers.map((v) => v.id),
    });
    const sessionId = detail.session.id;
    const open = () => app.inject({ method: 'GET', url: `/api/v1/projects/${project.id}/dailies/${sessionId}`, headers: { authorization: `Bearer ${ownerToken}` } });
    const first = await open();
    if (first.statusCode !== 200 || first.json().items.length !== PLAYLIST) throw new Error(`opening the session answered ${first.statusCode} with ${first.json().items?.length} items`);
    const playlistSql =
      'select takes.*, dailies_items.id as item_id, dailies_items.position as item_position, shots.code as shot_code from dailies_items inner join takes on takes.id = dailies_items.take_id inner join shots on shots.id = takes.shot_id where dailies_items.session_id = ? order by dailies_items.position';
    let raw: () => Promise<unknown>;
    if (dbKind === 'sqlite') {
      const db = new SQLite(sqlitePathFor(config), { readonly: true });
      cleanups.push(() => {
        db.close();
      });
      const st = db.prepare(playlistSql);
      raw = async () => st.all(sessionId);
    } else {
      const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
      cleanups.push(() => pool.end());
      raw = () => pool.query({ name: 'pl', text: playlistSql.replace('?', '$1'), values: [sessionId] });
    }
    const api = await measure(RUNS, open);
    const sql = await measure(RUNS, raw);
    console.log(
      `  opening a session of ${PLAYLIST} takes: API p50 ${api.p50.toFixed(1)} ms, p95 ${api.p95.toFixed(1)} ms; SQL p50 ${sql.p50.toFixed(1)} ms, p95 ${sql.p95.toFixed(1)} ms; ratio p50 ${(api.p50 / sql.p50).toFixed(1)}×, p95 ${(api.p95 / sql.p95).toFixed(1)}×`,
    );

    // 4. The room: ATTENDEES streams on loopback follow the presenter for SECONDS.
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as { port: number }).port;
    const arrivals = viewers.map(() => new Map<number, number>());
    const hangUps = await Promise.all(viewers.map((v, i) => follow(port, `/api/v1/projects/${project.id}/events`, v.token, arrivals[i])));
    cleanups.push(() => hangUps.forEach((h) => h()));
    const items = detail.items.map((i) => i.id);
    const sent = new Map<number, number>();
    const presenterPath = `/api/v1/projects/${project.id}/dailies/${sessionId}/presenter`;
    const total = Math.round(SECONDS * RATE);
    const t0 = performance.now();
    let failed = 0;
    for (let k = 0; k < total; k++) {
      const due = t0 + (k * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const at = performance.now();
      const layout = k % 10 === 9 ? { layout: 'wipe', compareItemId: items[(k + 1) % items.length], wipe: (k % 100) / 100 } : {};
      const r = await post(port, presenterPath, ownerToken, { itemId: items[Math.floor(k / 5) % items.length], playing: k % 7 !== 0, frame: (k * 4) % 240, ...layout });
      if (r.status !== 200) {
        failed++;
        continue;
      }
      sent.set(JSON.parse(r.body).seq as number, at);
    }
    // Give the last changes a moment to arrive, then count.
    const settle = performance.now() + 5000;
    while (performance.now() < settle && arrivals.some((a) => [...sent.keys()].some((seq) => !a.has(seq)))) await new Promise((r) => setTimeout(r, 50));
    const delays: number[] = [];
    let dropped = 0;
    for (const a of arrivals) {
      for (const [seq, at] of sent) {
        const got = a.get(seq);
        if (got === undefined) dropped++;
        else delays.push(got - at);
      }
    }
    delays.sort((x, y) => x - y);
    const median = pct(delays, 0.5);
    const p99 = pct(delays, 0.99);
    console.log(
      `  ${sent.size} presenter changes (${failed} refused) to ${ATTENDEES} attendees: ${delays.length.toLocaleString('en-US')} delivered, ${dropped} dropped; delay median ${median.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${delays[delays.length - 1]?.toFixed(1)} ms`,
    );
    const ok = dropped === 0 && failed === 0 && p99 <= DELAY_GOAL_MS;
    console.log(
      ok ? `  every change reached every attendee; p99 within ${DELAY_GOAL_MS} ms on ${dbKind}` : `  NOT within the goal on ${dbKind} (every change to every attendee, p99 ≤ ${DELAY_GOAL_MS} ms)`,
    );
    hangUps.forEach((h) => h());

    // 5. The session page in Chromium: from navigation to the first poster painted, as the playlist grows.
    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    const base = `http://127.0.0.1:${port}`;
    const spread = (n: number) => {
      const step = Math.floor(TAKES / n);
      return Array.from({ length: n }, (_, i) => `019d${(i * step + 1).toString(16).padStart(8, '0')}-0000-7000-8000-000000000000`);
    };
    // Signed in once (sign-ins are limited per account), the session cookie given to every context.
    const signing = await browser.newContext();
    const signIn = await signing.request.post(`${base}/api/v1/auth/sign-in`, { data: { email: 'olivia@studio.example', password: 'bench-password-not-secret' }, headers: { origin: base } });
    if (!signIn.ok()) throw new Error(`sign-in answered ${signIn.status()}`);
    const signedIn = await signing.storageState();
    await signing.close();
    const firstPoster: Record<number, number> = {};
    for (const size of POSTER_SIZES) {
      const made = await services.dailies.create(actor, 'owner', project.id, { title: `Bench ${size}`, date: '2026-03-02', source: { kind: 'takes', takeIds: spread(size) }, attendeeIds: [] });
      const samples: number[] = [];
      const apiShare: number[] = [];
      for (let run = 0; run <= BROWSER_RUNS; run++) {
        // A new context each time, signed in: no cached page or poster.
        const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, storageState: signedIn });
        const page = await context.newPage();
        const t = performance.now();
        await page.goto(`${base}/projects/${project.id}/dailies/${made.session.id}`);
        try {
          await page.waitForFunction(
            () => [...document.querySelectorAll('.dailies-playlist img')].some((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0),
            null,
            {
              timeout: 120_000,
              polling: 'raf',
            },
          );
        } catch (e) {
          const shown = await page.evaluate(() => ({
            text: document.body.innerText.slice(0, 400),
            posters: [...document.querySelectorAll('.dailies-playlist img')].slice(0, 3).map((i) => (i as HTMLImageElement).src),
          }));
          const answer = await page.evaluate(async (src) => {
            const r = await fetch(src);
            return `${r.status} ${await r.text()}`;
          }, shown.posters[0]);
          throw new Error(`no poster painted for the ${size}-take playlist (the first answers ${answer}): ${JSON.stringify(shown)}`, { cause: e });
        }
        const ms = performance.now() - t;
        // How much of it was the session's answer (fetched by the page), to tell the server's part from the page's.
        const answered = await page.evaluate(
          (path) => (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => new URL(r.name).pathname === path).map((r) => r.responseEnd - r.startTime)[0] ?? 0,
          `/api/v1/projects/${project.id}/dailies/${made.session.id}`,
        );
        if (run > 0) apiShare.push(answered);
        if (made.items.length !== size) throw new Error(`the session holds ${made.items.length} of ${size} takes`);
        if (run > 0) samples.push(ms); // the first run warms the server and the browser up
        await context.close();
      }
      samples.sort((a, b) => a - b);
      firstPoster[size] = pct(samples, 0.5);
      apiShare.sort((a, b) => a - b);
      console.log(
        `  first poster of a ${size.toLocaleString('en-US')}-take playlist: median ${firstPoster[size].toFixed(0)} ms (${samples.map((x) => x.toFixed(0)).join(', ')}), of which the session's answer ${pct(apiShare, 0.5).toFixed(0)} ms`,
      );
    }
    const growth = firstPoster[POSTER_SIZES.at(-1)!] / firstPoster[POSTER_SIZES[0]];
    console.log(`  5,000 against 50 takes: ${growth.toFixed(2)}× (goal ≤ ${POSTER_GOAL}×)${growth <= POSTER_GOAL ? '' : '\n  !!!!! the first poster of a long playlist is over the goal'}`);
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
