/**
 * An upload cut off by a crash leaves nothing: no version recorded, no staged file, no temporary
 * and no orphan blob once the server has started again (its start-up sweep).
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backlot } from './support/cli.ts';
import { removeDataDir, startServer, type RunningServer } from './support/server.ts';

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('a crash during an upload', () => {
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.kill();
    if (server) removeDataDir(server.dataDir);
  });

  it('leaves no record, no staged file and no orphan blob after the next start', async () => {
    server = await startServer();
    const direct = { BACKLOT_DATA_DIR: server.dataDir };
    await backlot(['user', 'create', '--email', 'ua@example.com', '--name', 'Uma', '--admin', '--password-stdin'], { env: direct, input: 'a-long-password-1\n' });
    const token = JSON.parse((await backlot(['token', 'create', '--email', 'ua@example.com', '--name', 'cli', '--json'], { env: direct })).stdout).secret;
    const api = async (method: string, path: string, body?: unknown) => {
      const r = await fetch(`${server!.url}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
      });
      return r.json();
    };
    const { project } = await api('POST', '/projects', { name: 'Crash', code: 'CRASH' });
    const asset = await api('POST', `/projects/${project.id}/assets`, { kind: 'reference-video', name: 'Long take' });

    // A 64 MiB upload, sent slowly; the server is killed once 8 MiB are in.
    const boundary = '----backlotcrash';
    const head = Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="main"; filename="long.mp4"\r\ncontent-type: video/mp4\r\n\r\n`);
    const req = request(`${server.url}/api/v1/projects/${project.id}/assets/${asset.id}/versions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(head.length + 64 * 1024 * 1024 + 100) },
    });
    req.on('error', () => {});
    req.write(head);
    for (let i = 0; i < 8; i++) {
      req.write(randomBytes(1024 * 1024));
      await new Promise((r) => setTimeout(r, 40));
    }
    await new Promise((r) => setTimeout(r, 300));
    const staged = filesUnder(join(server.dataDir, 'tmp', 'uploads'));
    expect(staged.length).toBe(1); // the upload was streaming to its staged file
    const dataDir = server.dataDir;
    const port = server.port;
    await server.kill();

    // What a crash between storing a blob and recording it leaves: a temporary and an unrecorded blob.
    const orphan = randomBytes(1000);
    const sha = createHash('sha256').update(orphan).digest('hex');
    mkdirSync(join(dataDir, 'media', 'blobs', sha.slice(0, 2), sha.slice(2, 4)), { recursive: true });
    writeFileSync(join(dataDir, 'media', 'blobs', sha.slice(0, 2), sha.slice(2, 4), sha), orphan);
    mkdirSync(join(dataDir, 'media', 'tmp'), { recursive: true });
    writeFileSync(join(dataDir, 'media', 'tmp', 'cut-off-upload'), randomBytes(500));

    server = await startServer({ dataDir, port });
    expect(filesUnder(join(dataDir, 'tmp', 'uploads'))).toEqual([]);
    expect(filesUnder(join(dataDir, 'media', 'tmp'))).toEqual([]);
    expect(filesUnder(join(dataDir, 'media', 'blobs'))).toEqual([]);
    const detail = await api('GET', `/projects/${project.id}/assets/${asset.id}`);
    expect(detail.asset.currentVersion).toBe(0);
    expect(detail.versions).toEqual([]);
  });
});
