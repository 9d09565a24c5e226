/**
 * What every blob store promises, as one suite run against each adapter (disk, S3). Content is
 * generated per test, never kept in the repository.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BlobStore } from '../../ports/blob-store.ts';

/** A store under test, and the raw view of it the suite needs to prove nothing is left behind. */
export interface BlobStoreUnderTest {
  store: BlobStore;
  /** Every file or object the store holds, by path or key, temporary ones included. */
  listRaw(): Promise<string[]>;
  /** Leaves a temporary upload behind now, as a crash mid-upload would. */
  plantTemporary(): Promise<void>;
  dispose(): Promise<void>;
}

const MiB = 1024 * 1024;

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) parts.push(chunk);
  return Buffer.concat(parts);
}

/** Random bytes in chunks of uneven sizes (as a network gives them), with no length announced; `sent` keeps a copy to compare. */
function generated(total: number, options: { failAfter?: number } = {}) {
  const sent: Buffer[] = [];
  async function* chunks(): AsyncGenerator<Uint8Array> {
    let produced = 0;
    while (produced < total) {
      if (options.failAfter !== undefined && produced >= options.failAfter) throw new Error('the camera card was removed');
      const chunk = randomBytes(Math.min(total - produced, 1 + Math.floor(Math.random() * 256 * 1024)));
      sent.push(chunk);
      produced += chunk.length;
      yield chunk;
    }
  }
  return { chunks: chunks(), bytes: () => Buffer.concat(sent) };
}

/** Index of the first byte that differs, or -1: a readable failure for a byte-by-byte comparison. */
function firstDifference(a: Buffer, b: Buffer): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

/** Runs the blob store contract against the store `makeStore` builds, fresh for each test. */
export function describeBlobStoreContract(name: string, makeStore: () => Promise<BlobStoreUnderTest>) {
  describe(`blob store contract: ${name}`, () => {
    let t: BlobStoreUnderTest;
    let store: BlobStore;
    beforeEach(async () => {
      t = await makeStore();
      store = t.store;
    });
    afterEach(async () => {
      await t.dispose();
    });

    async function expectIntact(total: number) {
      const source = generated(total);
      const stored = await store.put(source.chunks);
      const sent = source.bytes();
      expect(stored).toEqual({ sha256: sha256Of(sent), size: total });
      const back = await readAll(await store.get(stored.sha256));
      expect(sha256Of(back)).toBe(stored.sha256);
      expect(firstDifference(back, sent)).toBe(-1);
    }

    it('stores a stream and gives the bytes back, named by their SHA-256', async () => {
      const bytes = Buffer.from('Scene 12, take 3: the door slams on cue.');
      const stored = await store.put(Readable.from([bytes]));
      expect(stored).toEqual({ sha256: sha256Of(bytes), size: bytes.length });
      expect(await store.stat(stored.sha256)).toEqual({ size: bytes.length });
      expect((await readAll(await store.get(stored.sha256))).toString()).toBe(bytes.toString());
    });

    it('stores empty content', async () => {
      const stored = await store.put(Readable.from([]));
      expect(stored).toEqual({ sha256: sha256Of(new Uint8Array()), size: 0 });
      expect((await readAll(await store.get(stored.sha256))).length).toBe(0);
    });

    it.each([
      ['of a few MiB', 3 * MiB + 12_345],
      ['larger than a multipart part (20 MiB)', 20 * MiB + 7],
      ['ending exactly on a part boundary (16 MiB)', 16 * MiB],
    ])('keeps a streamed upload of unknown length %s byte for byte', async (_what, total) => {
      await expectIntact(total);
    });

    it('stores identical content once, even when both uploads run at the same time', async () => {
      const bytes = randomBytes(300_000);
      const [a, b] = await Promise.all([store.put(Readable.from([bytes])), store.put(Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]))]);
      const c = await store.put(Readable.from([bytes]));
      expect(b).toEqual(a);
      expect(c).toEqual(a);
      expect(await store.stat(a.sha256)).toEqual({ size: bytes.length });
      const raw = await t.listRaw();
      expect(raw).toHaveLength(1);
      expect(raw[0]).toContain(a.sha256);
    });

    it('serves byte ranges: the first byte, a slice in the middle, the last byte', async () => {
      const bytes = randomBytes(1 * MiB + 3);
      const { sha256 } = await store.put(Readable.from([bytes]));
      // Compared as hex digests and lengths: a failure then reads as "which range, how long", not a megabyte of numbers.
      const range = async (start: number, end: number) => {
        const back = await readAll(await store.get(sha256, { start, end }));
        return { length: back.length, sha256: sha256Of(back) };
      };
      const slice = (start: number, end: number) => ({ length: end - start, sha256: sha256Of(bytes.subarray(start, end)) });
      expect(await range(0, 0)).toEqual(slice(0, 1));
      expect(await range(400_000, 600_000)).toEqual(slice(400_000, 600_001));
      expect(await range(bytes.length - 1, bytes.length - 1)).toEqual(slice(bytes.length - 1, bytes.length));
      expect(await range(bytes.length - 10, bytes.length + 1000)).toEqual(slice(bytes.length - 10, bytes.length));
      await expect(store.get(sha256, { start: bytes.length, end: bytes.length + 5 })).rejects.toThrow(RangeError);
    });

    it.each([
      ['before a multipart part is full', 100_000],
      ['after a multipart part was sent', 9 * MiB],
    ])('leaves nothing behind when the source fails %s', async (_when, failAfter) => {
      const source = generated(20 * MiB, { failAfter });
      await expect(store.put(source.chunks)).rejects.toThrow('the camera card was removed');
      expect(await t.listRaw()).toEqual([]);
      expect(await store.sweep(async () => false, { olderThanMs: 0 })).toEqual({ temporary: 0, orphans: 0 });
      expect(await t.listRaw()).toEqual([]);
    });

    it('refuses content over maxBytes with blob.too_large and keeps nothing', async () => {
      await expect(store.put(generated(2 * MiB).chunks, { maxBytes: MiB })).rejects.toMatchObject({ name: 'DomainError', code: 'blob.too_large', field: 'file' });
      expect(await t.listRaw()).toEqual([]);
      const exact = await store.put(generated(MiB).chunks, { maxBytes: MiB });
      expect(exact.size).toBe(MiB);
    });

    it('sweeps blobs nothing keeps and temporaries older than the threshold, and keeps the rest', async () => {
      const kept = await store.put(Readable.from([Buffer.from('kept: the approved take')]));
      const orphan = await store.put(Readable.from([Buffer.from('orphan: a take whose record never got written')]));
      await t.plantTemporary();
      const keep = async (sha256: string) => sha256 === kept.sha256;

      expect(await store.sweep(keep, { olderThanMs: 60_000 })).toEqual({ temporary: 0, orphans: 1 });
      expect(await store.stat(kept.sha256)).toEqual({ size: kept.size });
      expect(await store.stat(orphan.sha256)).toBeUndefined();
      expect(await t.listRaw()).toHaveLength(2); // the kept blob and the fresh temporary

      expect(await store.sweep(keep, { olderThanMs: 0 })).toEqual({ temporary: 1, orphans: 0 });
      expect(await t.listRaw()).toHaveLength(1);
      expect((await readAll(await store.get(kept.sha256))).toString()).toBe('kept: the approved take');
    });

    it('tells keep when each blob was last written, so a sweep can spare blobs too young to judge', async () => {
      const before = Date.now();
      const young = await store.put(Readable.from([Buffer.from('young: put by another process, not yet recorded')]));
      const seen: [string, number][] = [];
      const sparingYoung = async (sha256: string, modifiedAt: Date) => {
        seen.push([sha256, modifiedAt.getTime()]);
        // S3 keeps whole seconds: a blob written now may read as up to a second earlier.
        return modifiedAt.getTime() >= before - 1000;
      };
      expect(await store.sweep(sparingYoung, { olderThanMs: 0 })).toEqual({ temporary: 0, orphans: 0 });
      expect(seen.map(([sha]) => sha)).toEqual([young.sha256]);
      expect(Math.abs(seen[0][1] - Date.now())).toBeLessThan(10_000);
      expect(await store.stat(young.sha256)).toEqual({ size: young.size });
      expect(await store.sweep(async () => false, { olderThanMs: 0 })).toEqual({ temporary: 0, orphans: 1 });
    });

    it('keeps markers apart from the blobs: found by their SHA-256, never swept', async () => {
      const text = 'Backlot media storage of database 0190f0c4-7d1e-7000-8000-000000000000';
      const sha256 = await store.putMarker(text);
      expect(sha256).toBe(sha256Of(Buffer.from(text)));
      expect(await store.putMarker(text)).toBe(sha256);
      expect(await store.hasMarker(sha256)).toBe(true);
      expect(await store.hasMarker(sha256Of(Buffer.from('another database')))).toBe(false);
      expect(await store.hasMarker('../../etc/passwd')).toBe(false);
      expect(await store.stat(sha256)).toBeUndefined();
      expect(await store.sweep(async () => false, { olderThanMs: 0 })).toEqual({ temporary: 0, orphans: 0 });
      expect(await store.hasMarker(sha256)).toBe(true);
      expect(await t.listRaw()).toHaveLength(1);
      expect(store.location.length).toBeGreaterThan(0);
    });

    it('answers blob.not_found for a missing blob, and for a name that is no SHA-256', async () => {
      const missing = sha256Of(Buffer.from('never stored'));
      await expect(store.get(missing)).rejects.toMatchObject({ name: 'DomainError', code: 'blob.not_found' });
      await expect(store.get(missing, { start: 0, end: 10 })).rejects.toMatchObject({ code: 'blob.not_found' });
      await expect(store.get('../../../etc/passwd')).rejects.toMatchObject({ code: 'blob.not_found' });
      expect(await store.stat(missing)).toBeUndefined();
    });

    it('deletes a blob, and deleting it again is not an error', async () => {
      const { sha256 } = await store.put(Readable.from([Buffer.from('a take to discard')]));
      await store.delete(sha256);
      await store.delete(sha256);
      expect(await store.stat(sha256)).toBeUndefined();
      expect(await t.listRaw()).toEqual([]);
    });
  });
}
