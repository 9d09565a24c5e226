/** Chooses the blob store the configuration asks for: the media folder in the data folder, or an S3-compatible bucket. */
import { join, resolve } from 'node:path';
import { ConfigError, type Config } from '../../config/load-config.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import { createDiskBlobStore } from './disk.blob-store.ts';
import { createS3BlobStore } from './s3.blob-store.ts';

/** Settings that each read well alone but not together; one message per problem, as loadConfig words them. */
export function storageSettingProblems(storage: Config['storage']): string[] {
  if (storage.kind !== 's3') return [];
  const required: [string, unknown][] = [
    ['BACKLOT_S3_BUCKET', storage.s3Bucket],
    ['BACKLOT_S3_ACCESS_KEY_ID', storage.s3AccessKeyId],
    ['BACKLOT_S3_SECRET_ACCESS_KEY', storage.s3SecretAccessKey],
  ];
  return required.filter(([, value]) => value === undefined).map(([env]) => `${env}: required when BACKLOT_STORAGE=s3`);
}

/** Where the disk store keeps media inside the data folder. */
export function mediaRootFor(config: Config): string {
  return join(resolve(config.data.dataDir), 'media');
}

/** The blob store for `config`; throws ConfigError naming every missing S3 setting. */
export function createBlobStore(config: Config): BlobStore {
  const problems = storageSettingProblems(config.storage);
  if (problems.length) throw new ConfigError(problems);
  const s = config.storage;
  if (s.kind === 'disk') return createDiskBlobStore({ root: mediaRootFor(config) });
  return createS3BlobStore({
    endpoint: s.s3Endpoint,
    region: s.s3Region,
    bucket: s.s3Bucket!,
    accessKeyId: s.s3AccessKeyId!,
    secretAccessKey: s.s3SecretAccessKey!,
    forcePathStyle: s.s3ForcePathStyle,
  });
}
