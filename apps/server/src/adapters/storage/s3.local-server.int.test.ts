/**
 * The local S3 server the tests use survives what several Backlot processes do to one bucket at
 * once: many uploads, each written under `tmp/` and deleted from there, in parallel.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createS3BlobStore } from './s3.blob-store.ts';
import { startLocalS3, type LocalS3 } from './s3.local-server.ts';

let s3: LocalS3;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'backlot-s3rver-'));
  s3 = await startLocalS3(dir);
  await s3.createBucket('busy');
});
afterAll(async () => {
  await s3?.close();
  await rm(dir, { recursive: true, force: true });
});

it('keeps a prefix’s folder when its last object is deleted, so a put into it at that moment has somewhere to go', async () => {
  const store = createS3BlobStore(s3.options('busy'));
  // Every put writes `tmp/<random>` and deletes it; the last delete used to remove s3rver's `tmp` folder.
  await store.put(Readable.from([Buffer.from('one take')]));
  expect(existsSync(join(dir, 'busy', 'tmp'))).toBe(true);
});

it('keeps serving while uploads are put and deleted under one prefix at the same time', async () => {
  const store = createS3BlobStore(s3.options('busy'));
  const bodies = Array.from({ length: 100 }, (_, i) => Buffer.from(`take ${i} of a busy night`));
  for (let round = 0; round < 2; round++) {
    const stored = await Promise.all(bodies.map((b) => store.put(Readable.from([b]))));
    expect(stored.map((s) => s.size)).toEqual(bodies.map((b) => b.length));
    await Promise.all(stored.map((s) => store.delete(s.sha256)));
  }
  expect(await store.put(Readable.from([Buffer.from('still answering')]))).toMatchObject({ size: 15 });
});
