/**
 * Several processes on one database, as `serve` and `backlot worker` start them: the start-up
 * sweeps leave another live process's work alone and clear what dead ones left, and a process
 * whose media storage is not the database's refuses to start — on SQLite and PostgreSQL.
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './adapters/db/database.ts';
import { createArgon2Hasher } from './adapters/system/argon2-hasher.ts';
import { ConfigError, loadConfig } from './config/load-config.ts';
import { createContainer, type Container } from './container.ts';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../test/databases.ts';

const HOUR_MS = 3_600_000;

/** Every file below a folder (none when it is missing). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** A pid that was a process on this machine a moment ago and is none now. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

/** Plants a blob in a disk store's folder as a crash between storing and recording would leave it. */
function plantBlob(dataDir: string): string {
  const bytes = randomBytes(1000);
  const sha = createHash('sha256').update(bytes).digest('hex');
  const folder = join(dataDir, 'media', 'blobs', sha.slice(0, 2), sha.slice(2, 4));
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, sha), bytes);
  return join(folder, sha);
}

describe.each(DIALECTS)('processes sharing one database [%s]', (dialect) => {
  let testDb: TestDatabase;
  const opened: Database[] = [];
  const running: Container[] = [];
  const folders: string[] = [];

  beforeAll(async () => {
    testDb = await openTestDatabase(dialect);
  });
  afterAll(async () => {
    for (const c of running.splice(0)) await c.close().catch(() => {});
    for (const d of opened.splice(0)) await d.close().catch(() => {});
    await testDb.drop();
    for (const f of folders) rmSync(f, { recursive: true, force: true });
  });

  /** A connection of its own to the test database, as another process would open. */
  function connect(): Database {
    const database = openDatabase({ url: dialect === 'postgres' ? testDb.url : undefined, sqlitePath: testDb.url });
    opened.push(database);
    return database;
  }

  async function start(dataDir: string, kind: 'serve' | 'worker' = 'serve'): Promise<Container> {
    const container = await createContainer(loadConfig({ BACKLOT_DATA_DIR: dataDir }), { database: connect(), hasher: createArgon2Hasher({ fast: true }), kind });
    running.push(container);
    return container;
  }

  async function stop(container: Container): Promise<void> {
    running.splice(running.indexOf(container), 1);
    await container.close();
  }

  it('keeps a live process’s upload in progress and its blob not yet recorded; a process started after it stopped clears both', async () => {
    const dataDir = testDb.dataDir;
    const first = await start(dataDir);
    const staged = await first.staging.stage(Readable.from([randomBytes(2048)]), 'take.mp4', 1 << 20);
    const unrecorded = plantBlob(dataDir);

    const second = await start(dataDir, 'worker');
    expect(existsSync(staged.path)).toBe(true);
    expect(existsSync(unrecorded)).toBe(true);

    await stop(first);
    await stop(second);
    const third = await start(dataDir);
    expect(filesUnder(join(dataDir, 'tmp', 'uploads'))).toEqual([]);
    expect(existsSync(unrecorded)).toBe(false);
    await stop(third);
  });

  it('registers each process with its host, pid and kind, and removes it on a clean stop', async () => {
    const worker = await start(testDb.dataDir, 'worker');
    const rows = await worker.database.db.selectFrom('processes').selectAll().execute();
    expect(rows.map((r) => ({ id: r.id, host: r.host, pid: Number(r.pid), kind: r.kind }))).toEqual([{ id: worker.processId, host: hostname(), pid: process.pid, kind: 'worker' }]);
    const reader = connect();
    await stop(worker);
    expect(await reader.db.selectFrom('processes').selectAll().execute()).toEqual([]);
  });

  it('removes the scratch of a process that died, and keeps young blobs while another process is alive elsewhere', async () => {
    const dataDir = testDb.dataDir;
    const db = connect().db;
    const now = new Date().toISOString();
    const dead = { id: 'died-mid-upload', host: hostname(), pid: deadPid(), kind: 'serve' as const, started_at: now, heartbeat_at: now };
    const elsewhere = { id: 'alive-on-another-machine', host: `${hostname()}-other`, pid: process.pid, kind: 'worker' as const, started_at: now, heartbeat_at: now };
    await db.insertInto('processes').values([dead, elsewhere]).execute();
    mkdirSync(join(dataDir, 'tmp', 'uploads', dead.id), { recursive: true });
    writeFileSync(join(dataDir, 'tmp', 'uploads', dead.id, 'cut-off'), randomBytes(100));
    const young = plantBlob(dataDir);

    const server = await start(dataDir);
    expect(filesUnder(join(dataDir, 'tmp', 'uploads'))).toEqual([]);
    expect(existsSync(young)).toBe(true);
    const left = await db.selectFrom('processes').select('id').orderBy('id').execute();
    expect(left.map((r) => r.id).sort()).toEqual([elsewhere.id, server.processId].sort());
    await stop(server);
    await db.deleteFrom('processes').execute();
  });

  it('refuses a second data folder with its own disk storage, naming what to fix', async () => {
    const first = await start(testDb.dataDir);
    const other = mkdtempSync(join(tmpdir(), 'backlot-other-folder-'));
    folders.push(other);
    const refused = await start(other).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(refused).toBeInstanceOf(ConfigError);
    const message = (refused as Error).message;
    expect(message).toContain('BACKLOT_DATA_DIR');
    expect(message).toContain('BACKLOT_S3_BUCKET');
    expect(message).toContain(join(other, 'media'));
    // The same folder is the same storage: a second process on it starts.
    const again = await start(testDb.dataDir, 'worker');
    await stop(again);
    await stop(first);
  });

  it('keeps temporaries younger than an hour while another process is alive', async () => {
    const now = new Date();
    const db = connect().db;
    await db
      .insertInto('processes')
      .values({ id: 'busy-elsewhere', host: `${hostname()}-other`, pid: 1, kind: 'serve', started_at: now.toISOString(), heartbeat_at: now.toISOString() })
      .execute();
    mkdirSync(join(testDb.dataDir, 'media', 'tmp'), { recursive: true });
    const fresh = join(testDb.dataDir, 'media', 'tmp', 'upload-in-progress');
    writeFileSync(fresh, randomBytes(100));
    const server = await start(testDb.dataDir);
    expect(existsSync(fresh)).toBe(true);
    await stop(server);
    // Its heartbeat long gone, the other process counts as dead: nothing is kept for it.
    await db
      .updateTable('processes')
      .set({ heartbeat_at: new Date(now.getTime() - HOUR_MS).toISOString() })
      .execute();
    const alone = await start(testDb.dataDir);
    expect(existsSync(fresh)).toBe(false);
    expect(await db.selectFrom('processes').select('id').execute()).toEqual([{ id: alone.processId }]);
    await stop(alone);
  });
});
