/**
 * A local S3-protocol server (s3rver, a dev dependency) in its own process, for the S3 store's tests
 * and the upload bench. Its own process keeps its memory and CPU out of what the caller measures.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { createS3Client, type S3BlobStoreOptions } from './s3.blob-store.ts';

export interface LocalS3 {
  endpoint: string;
  /** Options for a store on `bucket` of this server (s3rver's fixed credentials). */
  options(bucket: string): S3BlobStoreOptions;
  createBucket(bucket: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts s3rver on 127.0.0.1 on a free port, keeping its data in `directory`. */
export async function startLocalS3(directory: string): Promise<LocalS3> {
  const bin = join(dirname(createRequire(import.meta.url).resolve('s3rver/package.json')), 'bin', 's3rver.js');
  // The preload keeps s3rver alive when several processes put and delete under one prefix at once (see the file).
  const preload = fileURLToPath(new URL('./s3.local-server.preload.cjs', import.meta.url));
  const child = spawn(process.execPath, ['-r', preload, bin, '-d', directory, '-a', '127.0.0.1', '-p', '0', '--silent'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  let output = '';
  // s3rver prints its address even when silent: that line is how a port of 0 becomes known.
  const port = await new Promise<number>((found, failed) => {
    const timer = setTimeout(() => failed(new Error(`s3rver did not start within 20 s:\n${output}`)), 20_000);
    const read = (data: Buffer) => {
      output += data.toString();
      const match = /listening on [^:\s]+:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        found(Number(match[1]));
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      failed(new Error(`s3rver exited with ${code} before listening:\n${output}`));
    });
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const options = (bucket: string): S3BlobStoreOptions => ({ endpoint, region: 'us-east-1', bucket, accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true });
  const admin = createS3Client(options('admin'));
  return {
    endpoint,
    options,
    async createBucket(bucket) {
      await admin.send(new CreateBucketCommand({ Bucket: bucket }));
    },
    async close() {
      admin.destroy();
      child.kill('SIGTERM');
      await exited;
    },
  };
}
