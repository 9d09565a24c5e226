/** The blob store contract against the media folder on disk and against S3 (s3rver, a local S3-protocol server started here). */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll } from 'vitest';
import { describeBlobStoreContract } from './blob-store.contract.ts';
import { createDiskBlobStore } from './disk.blob-store.ts';
import { createS3BlobStore, createS3Client } from './s3.blob-store.ts';
import { startLocalS3, type LocalS3 } from './s3.local-server.ts';

describeBlobStoreContract('disk', async () => {
  const root = await mkdtemp(join(tmpdir(), 'backlot-blobs-'));
  return {
    store: createDiskBlobStore({ root }),
    listRaw: async () => (await readdir(root, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(root.length + 1)),
    plantTemporary: async () => writeFile(join(root, 'tmp', 'cut-off-upload'), 'half a file'),
    dispose: () => rm(root, { recursive: true, force: true }),
  };
});

let s3: LocalS3;
let s3Dir: string;
let buckets = 0;
beforeAll(async () => {
  s3Dir = await mkdtemp(join(tmpdir(), 'backlot-s3rver-'));
  s3 = await startLocalS3(s3Dir);
});
afterAll(async () => {
  await s3?.close();
  await rm(s3Dir, { recursive: true, force: true });
});

describeBlobStoreContract('s3', async () => {
  // A bucket per test: each starts empty, as a fresh folder does for the disk store.
  const bucket = `backlot-test-${++buckets}`;
  await s3.createBucket(bucket);
  const client = createS3Client(s3.options(bucket));
  return {
    store: createS3BlobStore(s3.options(bucket), client),
    listRaw: async () => ((await client.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((o) => o.Key!),
    plantTemporary: async () => {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'tmp/cut-off-upload', Body: 'half a file' }));
    },
    dispose: async () => client.destroy(),
  };
});
