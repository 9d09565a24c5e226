/** The reference library with S3 storage (a local S3-protocol server): uploads stored intact, served whole and by range. */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3BlobStore } from '../adapters/storage/s3.blob-store.ts';
import { startLocalS3, type LocalS3 } from '../adapters/storage/s3.local-server.ts';
import { createHarness, type Harness } from '../../test/harness.ts';
import { makeTestMedia, multipart } from '../../test/media.ts';

describe('references stored in S3', () => {
  const media = makeTestMedia();
  const dir = mkdtempSync(join(tmpdir(), 'backlot-s3-'));
  let s3: LocalS3;
  let h: Harness;
  beforeAll(async () => {
    s3 = await startLocalS3(dir);
    await s3.createBucket('backlot-media');
    h = await createHarness('postgres', { blobs: createS3BlobStore(s3.options('backlot-media')) });
  });
  afterAll(async () => {
    await h?.app.close();
    await h?.testDb.drop();
    await s3?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('uploads a video reference, keeps its bytes intact, and serves ranges', async () => {
    const owner = await h.person('Sol');
    const projectId = await h.project(owner, 'S3REFS');
    const asset = (await h.as(owner, { method: 'POST', url: `/api/v1/projects/${projectId}/assets`, payload: { kind: 'reference-video', name: 'Dolly move' } })).json();
    const { body, contentType } = multipart([['main', 'dolly.mp4', media.mp4, 'video/mp4']]);
    const up = await h.as(owner, { method: 'POST', url: `/api/v1/projects/${projectId}/assets/${asset.id}/versions`, headers: { 'content-type': contentType }, payload: body });
    expect(up.statusCode).toBe(201);
    const detail = (await h.as(owner, { method: 'GET', url: `/api/v1/projects/${projectId}/assets/${asset.id}` })).json();
    const [file] = detail.versions[0].files;
    expect(file).toMatchObject({ mediaType: 'video/mp4', width: 160, height: 90, frameRate: '24/1', videoCodec: 'h264' });
    expect(file.sha256).toBe(createHash('sha256').update(media.mp4).digest('hex'));
    const whole = await h.as(owner, { method: 'GET', url: `/api/v1/projects/${projectId}/media/${file.sha256}` });
    expect(whole.rawPayload.equals(media.mp4)).toBe(true);
    const part = await h.as(owner, { method: 'GET', url: `/api/v1/projects/${projectId}/media/${file.sha256}`, headers: { range: 'bytes=100-199' } });
    expect(part.statusCode).toBe(206);
    expect(part.rawPayload.equals(media.mp4.subarray(100, 200))).toBe(true);
  });
});
