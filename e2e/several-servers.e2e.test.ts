/**
 * Several servers and workers on one PostgreSQL database, each process with its own data folder
 * and one S3 bucket (s3rver) for media: two `serve` processes without a worker and two
 * `backlot worker`s. Twenty previs takes asked through both servers all succeed, each rendered
 * exactly once, the work shared by both workers, and each server serves the other's take media.
 * And a process whose media storage is not the database's refuses to start (exit 3).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from '@backlot/contracts/client';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../apps/server/src/adapters/db/database.ts';
import { startLocalS3, type LocalS3 } from '../apps/server/src/adapters/storage/s3.local-server.ts';
import { createPgDatabase } from '../apps/server/test/databases.ts';
import { runServerCommand, setUpAdmin, startWorkerProcess, until, type RunningWorker } from './support/processes.ts';
import { freePort, removeDataDir, startServer, type RunningServer } from './support/server.ts';

const BUCKET = 'backlot-media';
const TERMINAL = ['succeeded', 'failed', 'canceled'];

describe('two servers and two workers on one PostgreSQL database and one bucket', () => {
  const folders: string[] = [];
  const servers: RunningServer[] = [];
  const workers: RunningWorker[] = [];
  const drops: (() => Promise<void>)[] = [];
  let s3: LocalS3 | undefined;
  const folder = (name: string) => {
    const dir = mkdtempSync(join(tmpdir(), `backlot-${name}-`));
    folders.push(dir);
    return dir;
  };

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await Promise.all(servers.map((s) => s.stop()));
    for (const drop of drops) await drop();
    await s3?.close();
    for (const dir of folders) removeDataDir(dir);
  });

  it('renders twenty previs takes asked through both servers, each once, the work shared by both workers', { timeout: 300_000 }, async () => {
    s3 = await startLocalS3(folder('s3'));
    await s3.createBucket(BUCKET);
    const pg = await createPgDatabase();
    drops.push(pg.drop);
    const shared = {
      BACKLOT_DATABASE_URL: pg.url,
      BACKLOT_STORAGE: 's3',
      BACKLOT_S3_ENDPOINT: s3.endpoint,
      BACKLOT_S3_BUCKET: BUCKET,
      BACKLOT_S3_ACCESS_KEY_ID: 'S3RVER',
      BACKLOT_S3_SECRET_ACCESS_KEY: 'S3RVER',
      BACKLOT_S3_FORCE_PATH_STYLE: 'true',
    };
    const [a, b] = await Promise.all(['a', 'b'].map((name) => startServer({ dataDir: folder(`server-${name}`), databaseUrl: pg.url, env: { ...shared, BACKLOT_WORKER: 'false' } })));
    servers.push(a, b);

    const { client: viaA, token } = await setUpAdmin(a.url);
    const viaB = createClient({ baseUrl: b.url, token });
    // The smallest picture previs renders (16×16, even for 4:2:0) and the shortest take a plan asks: one frame.
    const { project } = await viaA.createProject({ body: { name: 'Two stages', code: 'TWO', resolution: { width: 16, height: 16 } } });
    const scene = await viaB.createScene({ params: { projectId: project.id }, body: { heading: 'INT. STAGE 4 - NIGHT' } });
    const shot = await viaA.createShot({
      params: { projectId: project.id, sceneId: scene.id },
      body: { plan: { job: 'Cover the walk', subjectAction: 'Mara walks to the shutter.', camera: { size: 'MS', movement: 'pan' }, reviewCriteria: ['Mara in frame'], targetFrames: 1 } },
    });
    const asked = async (client: Client) =>
      (await client.generate({ params: { projectId: project.id, shotId: shot.id }, body: { provider: 'previs', model: 'previs-animatic', count: 10 } })).takes.map((t) => t.id);
    const [throughA, throughB] = await Promise.all([asked(viaA), asked(viaB)]);
    expect(new Set([...throughA, ...throughB]).size).toBe(20);

    for (const name of ['1', '2']) workers.push(startWorkerProcess({ ...(process.env as Record<string, string>), ...shared, BACKLOT_DATA_DIR: folder(`worker-${name}`) }));
    const takes = async () => (await viaB.listTakes({ params: { projectId: project.id, shotId: shot.id }, query: {} })).takes;
    const ended = await until(takes, (ts) => ts.length === 20 && ts.every((t) => TERMINAL.includes(t.status)), 240_000, 'every take to end');
    expect(ended.map((t) => [t.code, t.status, t.error?.message ?? null])).toEqual(ended.map((t) => [t.code, 'succeeded', null]));

    const db = openDatabase({ url: pg.url, sqlitePath: '' });
    try {
      // Every process is registered while it runs; a worker's process id owns the previs renders it made.
      const registered = await db.db.selectFrom('processes').select(['id', 'pid', 'kind']).execute();
      expect(registered.map((r) => [r.kind, Number(r.pid)]).sort()).toEqual([['serve', a.process.pid], ['serve', b.process.pid], ...workers.map((w) => ['worker', w.process.pid])].sort());
      const workerIds = workers.map((w) => registered.find((r) => Number(r.pid) === w.process.pid)!.id);

      const renders = await db.db.selectFrom('previs_tasks').select(['id', 'state', 'renders', 'rendered_by']).execute();
      expect(renders).toHaveLength(20);
      for (const r of renders) expect({ state: r.state, renders: Number(r.renders) }, r.id).toEqual({ state: 'succeeded', renders: 1 });
      const byWorker = workerIds.map((id) => renders.filter((r) => r.rendered_by === id).length);
      expect(byWorker[0] + byWorker[1]).toBe(20);
      expect(byWorker[0], 'renders by the first worker').toBeGreaterThan(0);
      expect(byWorker[1], 'renders by the second worker').toBeGreaterThan(0);
    } finally {
      await db.close();
    }

    // Each server serves the other's takes: the same bytes through either.
    const fetchMedia = async (server: RunningServer, path: string) => {
      const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status, `${server.url}${path}`).toBe(200);
      return Buffer.from(await res.arrayBuffer());
    };
    for (const [id, other, own] of [
      [throughA[0], b, a],
      [throughB[0], a, b],
    ] as const) {
      const take = await viaA.getTake({ params: { projectId: project.id, takeId: id } });
      for (const path of [take.media!.original, take.media!.proxy, take.media!.poster]) {
        const there = await fetchMedia(other, path);
        expect(there.length).toBeGreaterThan(0);
        expect(there.equals(await fetchMedia(own, path))).toBe(true);
      }
    }
  });

  it('refuses a server or worker whose media storage is not the database’s, with exit code 3 and what to fix', { timeout: 120_000 }, async () => {
    const pg = await createPgDatabase();
    drops.push(pg.drop);
    const first = await startServer({ dataDir: folder('disk-a'), databaseUrl: pg.url });
    servers.push(first);
    for (const command of ['serve', 'worker']) {
      const other = folder(`disk-${command}`);
      const env = {
        ...(process.env as Record<string, string>),
        BACKLOT_DATA_DIR: other,
        BACKLOT_DATABASE_URL: pg.url,
        BACKLOT_HOST: '127.0.0.1',
        BACKLOT_PORT: String(await freePort()),
        BACKLOT_STORAGE: 'disk',
      };
      const refused = await runServerCommand([command], env);
      expect(refused.code, refused.stderr).toBe(3);
      expect(refused.stderr).toContain(join(other, 'media'));
      expect(refused.stderr).toContain('BACKLOT_DATA_DIR');
      expect(refused.stderr).toContain('BACKLOT_S3_BUCKET');
    }
  });
});
