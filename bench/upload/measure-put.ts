/**
 * One measured upload, in a process of its own so that each store starts from a fresh heap: streams
 * a file from disk into a blob store with `put`, sampling RSS every 50 ms. Prints one JSON line.
 * Started by bench/upload/run.ts; arguments: FILE disk ROOT | FILE s3 ENDPOINT BUCKET.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createDiskBlobStore } from '../../apps/server/src/adapters/storage/disk.blob-store.ts';
import { createS3BlobStore } from '../../apps/server/src/adapters/storage/s3.blob-store.ts';
import type { BlobStore } from '../../apps/server/src/ports/blob-store.ts';

export interface PutMeasurement {
  sha256: string;
  size: number;
  seconds: number;
  baselineRss: number;
  peakRss: number;
}

const [file, kind, where, bucket] = process.argv.slice(2);
const store: BlobStore =
  kind === 's3' ? createS3BlobStore({ endpoint: where, region: 'us-east-1', bucket, accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true }) : createDiskBlobStore({ root: where });

// A small upload first loads the code every upload runs (the SDK loads its commands, signing and XML
// parsing on first use), as a server that has been up a while has: what grows after the baseline is the upload's.
await store.put(Readable.from([Buffer.from('warm-up')]));
const baselineRss = process.memoryUsage().rss;
let peakRss = baselineRss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);
const started = performance.now();
// 64 KiB reads, the fs default: the size of chunk an HTTP request body arrives in is of the same order.
const stored = await store.put(createReadStream(file));
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);

const result: PutMeasurement = { ...stored, seconds, baselineRss, peakRss };
console.log(JSON.stringify(result));
process.exit(0); // the S3 client's keep-alive sockets would otherwise hold the process a while
