/**
 * Blob storage in an S3-compatible bucket, addressed by content: `blobs/<sha256>` (markers apart, in `markers/<sha256>`).
 * The key is the hash and the hash is known only at the end, so an upload goes to `tmp/<random>`
 * (multipart, through two part buffers used over and over) while it is hashed, then is copied to its key.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { BlobStore, ByteRange, StoredBlob } from '../../ports/blob-store.ts';
import { blobNotFound, isSha256, meterUpload } from './blob-stream.ts';
import { uploadStream } from './s3.stream-upload.ts';

/** How an S3-compatible bucket is reached. */
export interface S3BlobStoreOptions {
  /** Unset: AWS itself, by region. */
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `bucket` in the path rather than the host name, as MinIO, Garage and most self-hosted servers want. */
  forcePathStyle: boolean;
}

/** Two 8 MiB part buffers, reused: an upload holds 16 MiB whatever the file size; 10,000 parts still allow 80 GB. */
export const PART_SIZE = 8 * 1024 * 1024;
const PARTS_IN_FLIGHT = 2;
const HOUR_MS = 60 * 60 * 1000;

/**
 * Builds the client. Keep the checksum settings: with the SDK's defaults a stream body is sent with
 * aws-chunked framing that servers which do not strip it store inside the object (silently corrupt),
 * a body of unknown length is refused, and every part gets a CRC32 on top of the signature's SHA-256.
 */
export function createS3Client(options: S3BlobStoreOptions): S3Client {
  return new S3Client({
    endpoint: options.endpoint,
    region: options.region,
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    forcePathStyle: options.forcePathStyle,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

function isNotFound(err: unknown): boolean {
  return err instanceof S3ServiceException && (err.$metadata.httpStatusCode === 404 || err.name === 'NoSuchKey' || err.name === 'NotFound');
}

/**
 * A blob store in `options.bucket` (which must exist). Limits worth knowing: CopyObject copies at
 * most 5 GiB in one request, so a larger upload would need UploadPartCopy; and a multipart upload cut
 * off by a crash is invisible to `sweep` (it is no object yet), so give the bucket a lifecycle rule
 * that aborts incomplete multipart uploads after a day.
 */
export function createS3BlobStore(options: S3BlobStoreOptions, client: S3Client = createS3Client(options)): BlobStore {
  const Bucket = options.bucket;
  const blobKey = (sha256: string) => `blobs/${sha256}`;

  async function put(source: AsyncIterable<Uint8Array> | NodeJS.ReadableStream, limits?: { maxBytes?: number }): Promise<StoredBlob> {
    const tmpKey = `tmp/${randomBytes(12).toString('hex')}`;
    const meter = meterUpload(source, limits?.maxBytes);
    try {
      await uploadStream(client, { Bucket, Key: tmpKey }, meter.chunks, { partSize: PART_SIZE, partsInFlight: PARTS_IN_FLIGHT });
    } catch (err) {
      // Only a completed upload whose answer was lost leaves an object here; the next sweep would find it anyway.
      await client.send(new DeleteObjectCommand({ Bucket, Key: tmpKey })).catch(() => undefined);
      throw meter.failure ?? err;
    }
    try {
      const sha256 = meter.digest();
      // Cheap proof that the bucket holds what was hashed (a server adding chunk framing would show here).
      const stored = await client.send(new HeadObjectCommand({ Bucket, Key: tmpKey }));
      if (stored.ContentLength !== meter.size) {
        throw new Error(`S3 stored ${stored.ContentLength} bytes for an upload of ${meter.size}; the stored object is not the upload.`);
      }
      if (!(await statBlob(sha256))) {
        await client.send(new CopyObjectCommand({ Bucket, Key: blobKey(sha256), CopySource: `${encodeURIComponent(Bucket)}/${tmpKey}` }));
      }
      return { sha256, size: meter.size };
    } finally {
      await client.send(new DeleteObjectCommand({ Bucket, Key: tmpKey })).catch(() => undefined);
    }
  }

  async function get(sha256: string, range?: ByteRange): Promise<NodeJS.ReadableStream> {
    if (!isSha256(sha256)) throw blobNotFound(sha256);
    if (range && (!Number.isSafeInteger(range.start) || !Number.isSafeInteger(range.end) || range.start < 0 || range.end < range.start)) {
      throw new RangeError(`bytes ${range.start}-${range.end} is not a range`);
    }
    try {
      const out = await client.send(new GetObjectCommand({ Bucket, Key: blobKey(sha256), Range: range ? `bytes=${range.start}-${range.end}` : undefined }));
      const body = out.Body as Readable;
      return range ? fitToRange(body, range, out.ContentRange, out.ContentLength) : body;
    } catch (err) {
      if (isNotFound(err)) throw blobNotFound(sha256);
      // S3 answers 416 for a start at or past the end, and cuts an end past it, as the disk store does.
      if (err instanceof S3ServiceException && err.$metadata.httpStatusCode === 416) {
        throw new RangeError(`bytes ${range?.start}-${range?.end} is not a range of blob ${sha256}`);
      }
      throw err;
    }
  }

  async function statBlob(sha256: string): Promise<{ size: number } | undefined> {
    if (!isSha256(sha256)) return undefined;
    try {
      const head = await client.send(new HeadObjectCommand({ Bucket, Key: blobKey(sha256) }));
      return { size: head.ContentLength ?? 0 };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async function remove(sha256: string): Promise<void> {
    if (!isSha256(sha256)) return;
    await client.send(new DeleteObjectCommand({ Bucket, Key: blobKey(sha256) }));
  }

  /** Every object under `prefix`, a listing page (up to 1,000) at a time. */
  async function* list(prefix: string): AsyncGenerator<{ key: string; lastModified: Date | undefined }> {
    let ContinuationToken: string | undefined;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket, Prefix: prefix, ContinuationToken }));
      for (const o of page.Contents ?? []) if (o.Key) yield { key: o.Key, lastModified: o.LastModified };
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
  }

  async function sweep(keep: (sha256: string, modifiedAt: Date) => Promise<boolean>, sweepOptions?: { olderThanMs?: number }) {
    const olderThanMs = sweepOptions?.olderThanMs ?? HOUR_MS;
    let temporary = 0;
    let orphans = 0;
    const now = Date.now();
    // Removing while listing is safe: a continuation token is a position in key order, not an offset.
    for await (const { key, lastModified } of list('tmp/')) {
      if (lastModified && now - lastModified.getTime() >= olderThanMs) {
        await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
        temporary++;
      }
    }
    for await (const { key, lastModified } of list('blobs/')) {
      const sha256 = key.slice('blobs/'.length);
      // An object listed without a time is judged as old: only `keep` can save it.
      if (!isSha256(sha256) || (await keep(sha256, lastModified ?? new Date(0)))) continue;
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
      orphans++;
    }
    return { temporary, orphans };
  }

  async function putMarker(text: string): Promise<string> {
    const body = Buffer.from(text);
    const sha256 = createHash('sha256').update(body).digest('hex');
    await client.send(new PutObjectCommand({ Bucket, Key: `markers/${sha256}`, Body: body, ContentLength: body.length }));
    return sha256;
  }

  async function hasMarker(sha256: string): Promise<boolean> {
    if (!isSha256(sha256)) return false;
    try {
      await client.send(new HeadObjectCommand({ Bucket, Key: `markers/${sha256}` }));
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  const location = `bucket ${Bucket} at ${options.endpoint ?? `AWS S3 (${options.region})`}`;
  return { kind: 's3', location, put, get, stat: statBlob, delete: remove, sweep, putMarker, hasMarker };
}

/**
 * HTTP lets a server answer more than the range asked (the whole object, or a range it widened: s3rver
 * reads `bytes=0-0` as "from 0 to the end"), so the body is cut to the range unless it is exact.
 */
function fitToRange(body: Readable, range: ByteRange, contentRange: string | undefined, contentLength: number | undefined): Readable {
  const served = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(contentRange ?? '');
  const servedStart = served ? Number(served[1]) : 0;
  const servedEnd = served ? Number(served[2]) : (contentLength ?? 0) - 1;
  const end = Math.min(range.end, servedEnd);
  if (servedStart === range.start && servedEnd === end) return body;
  if (servedStart > range.start) throw new Error(`S3 answered bytes ${servedStart}-${servedEnd} for a request of bytes ${range.start}-${range.end}.`);
  return Readable.from(slice(body, range.start - servedStart, end - range.start + 1));
}

async function* slice(body: Readable, skip: number, length: number): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      const from = Math.min(skip, chunk.length);
      skip -= from;
      const part = chunk.subarray(from, from + length);
      length -= part.length;
      if (part.length) yield part;
      if (length === 0) return;
    }
  } finally {
    body.destroy(); // stops downloading the part nobody asked for
  }
}
