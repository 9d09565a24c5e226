/**
 * The take worker as its own process (`backlot worker`) beside a server on the same database:
 * its changes reach the server's live event stream, and a worker killed (SIGKILL) with twenty
 * previs takes in flight loses nothing when it comes back — every take ends, each rendered once,
 * each with exactly one reservation, one settlement and one release — on SQLite and PostgreSQL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from '@backlot/contracts/client';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../apps/server/src/adapters/db/database.ts';
import { createPgDatabase } from '../apps/server/test/databases.ts';
import { removeDataDir, SERVER_BIN, startServer, type RunningServer } from './support/server.ts';

async function setUp(url: string): Promise<{ client: Client; token: string }> {
  const setup = await fetch(`${url}/api/v1/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Ada', email: 'ada@example.com', password: 'a-long-password-1' }),
  });
  const cookie = setup.headers.get('set-cookie')!.split(';')[0];
  const res = await fetch(`${url}/api/v1/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, origin: url }, body: JSON.stringify({ name: 'worker test' }) });
  const token = (await res.json()).secret as string;
  return { client: createClient({ baseUrl: url, token }), token };
}

function startWorker(server: RunningServer): { process: ChildProcess; exited: Promise<void>; stderr: () => string } {
  const child = spawn(process.execPath, [SERVER_BIN, 'worker'], { env: server.env, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  return { process: child, exited: new Promise((ok) => child.once('exit', () => ok())), stderr: () => err };
}

/** Reads `take.changed` events from the server's stream until aborted. */
function listen(url: string, projectId: string, token: string, seen: { takeId: string; status: string }[]): AbortController {
  const abort = new AbortController();
  void (async () => {
    const res = await fetch(`${url}/api/v1/projects/${projectId}/events`, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = /^data: (.*)$/m.exec(block);
        if (/^event: take\.changed$/m.test(block) && data) seen.push(JSON.parse(data[1]));
      }
    }
  })().catch(() => {});
  return abort;
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe.each(['sqlite', 'postgres'] as const)('a separate take worker [%s]', (dialect) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'backlot-worker-'));
  let drop: (() => Promise<void>) | undefined;
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.stop();
    await drop?.();
    removeDataDir(dataDir);
  });

  it('sends its changes to the server’s event stream, and loses nothing when killed mid-render', { timeout: 240_000 }, async () => {
    let databaseUrl: string | undefined;
    if (dialect === 'postgres') {
      const pg = await createPgDatabase();
      databaseUrl = pg.url;
      drop = pg.drop;
    }
    server = await startServer({ dataDir, databaseUrl, env: { BACKLOT_WORKER: 'false', BACKLOT_WORKER_LEASE_SECONDS: '3', BACKLOT_PREVIS_CONCURRENCY: '2' } });
    const { client, token } = await setUp(server.url);
    const { project } = await client.createProject({ body: { name: 'Worker crash', code: 'CRASH', resolution: { width: 320, height: 180 } } });
    const scene = await client.createScene({ params: { projectId: project.id }, body: { heading: 'INT. STAGE 4 - NIGHT' } });
    const shot = await client.createShot({
      params: { projectId: project.id, sceneId: scene.id },
      body: { plan: { job: 'Cover the walk', subjectAction: 'Mara walks to the shutter.', camera: { size: 'MS', movement: 'pan' }, reviewCriteria: ['Mara in frame'], targetFrames: 48 } },
    });
    const seen: { takeId: string; status: string }[] = [];
    const stream = listen(server.url, project.id, token, seen);
    await new Promise((r) => setTimeout(r, 500));

    const ids: string[] = [];
    for (const count of [10, 10]) {
      const r = await client.generate({ params: { projectId: project.id, shotId: shot.id }, body: { provider: 'previs', model: 'previs-animatic', count } });
      ids.push(...r.takes.map((t) => t.id));
    }
    const statuses = async () => (await client.listTakes({ params: { projectId: project.id, shotId: shot.id }, query: {} })).takes;
    expect((await statuses()).every((t) => t.status === 'queued')).toBe(true);

    // A worker in its own process picks them up; kill it while renders are under way.
    const first = startWorker(server);
    await until(statuses, (ts) => ts.filter((t) => t.status === 'running' || t.status === 'submitted').length >= 2 && ts.some((t) => t.status !== 'succeeded'), 60_000, 'renders to start');
    first.process.kill('SIGKILL');
    await first.exited;
    const atKill = await statuses();
    expect(atKill.some((t) => t.status !== 'succeeded')).toBe(true);

    const second = startWorker(server);
    try {
      const ended = await until(statuses, (ts) => ts.every((t) => ['succeeded', 'failed', 'canceled'].includes(t.status)), 180_000, 'every take to end');
      expect(ended.map((t) => t.status)).toEqual(Array(20).fill('succeeded'));
      for (const t of ended) expect(t.media?.frames).toBe(48);
    } finally {
      second.process.kill('SIGTERM');
      await second.exited;
    }

    // The server's stream saw the worker's changes, for every take, up to success.
    await until(
      async () => seen,
      (s) => ids.every((id) => s.some((e) => e.takeId === id && e.status === 'succeeded')),
      10_000,
      'success events',
    );
    expect(ids.every((id) => seen.some((e) => e.takeId === id && e.status === 'running'))).toBe(true);
    stream.abort();

    // The ledger: per take exactly one reservation, one settlement and one release, balanced.
    const db = openDatabase({ url: databaseUrl, sqlitePath: join(dataDir, 'backlot.sqlite') });
    try {
      // Each render completed once (an interrupted one is resumed, never repeated after it finished): the count kept with each previs task.
      const renders = await db.db.selectFrom('previs_tasks').select(['id', 'renders']).execute();
      expect(renders).toHaveLength(20);
      expect(renders.map((r) => Number(r.renders))).toEqual(Array(20).fill(1));

      const entries = await db.db.selectFrom('ledger_entries').select(['take_id', 'kind', 'amount_micros']).where('project_id', '=', project.id).execute();
      for (const id of ids) {
        expect(
          entries
            .filter((e) => e.take_id === id)
            .map((e) => e.kind)
            .sort(),
          id,
        ).toEqual(['release', 'reservation', 'settlement']);
      }
      const sum = (kind: string) => entries.filter((e) => e.kind === kind).reduce((a, e) => a + Number(e.amount_micros), 0);
      expect(sum('reservation')).toBe(sum('release'));
    } finally {
      await db.close();
    }
  });
});
