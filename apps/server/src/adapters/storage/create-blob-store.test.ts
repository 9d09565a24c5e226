import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config/load-config.ts';
import { createBlobStore, mediaRootFor } from './create-blob-store.ts';

describe('createBlobStore', () => {
  it('stores media on disk in the data folder by default', () => {
    const config = loadConfig({ BACKLOT_DATA_DIR: '/srv/backlot' });
    expect(createBlobStore(config).kind).toBe('disk');
    expect(mediaRootFor(config)).toBe('/srv/backlot/media');
  });

  it('builds the S3 store when asked, with path-style addressing unless told otherwise', () => {
    const config = loadConfig({ BACKLOT_STORAGE: 's3', BACKLOT_S3_BUCKET: 'media', BACKLOT_S3_ACCESS_KEY_ID: 'id', BACKLOT_S3_SECRET_ACCESS_KEY: 'key' });
    expect(config.storage).toMatchObject({ kind: 's3', s3Region: 'us-east-1', s3ForcePathStyle: true, s3Endpoint: undefined });
    expect(createBlobStore(config).kind).toBe('s3');
  });

  it('names each S3 setting that is missing, all at once', () => {
    const config = loadConfig({ BACKLOT_STORAGE: 's3', BACKLOT_S3_ACCESS_KEY_ID: 'id' });
    try {
      createBlobStore(config);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).problems).toEqual(['BACKLOT_S3_BUCKET: required when BACKLOT_STORAGE=s3', 'BACKLOT_S3_SECRET_ACCESS_KEY: required when BACKLOT_STORAGE=s3']);
    }
  });

  it('refuses a storage kind it does not know', () => {
    expect(() => loadConfig({ BACKLOT_STORAGE: 'ftp' })).toThrow('BACKLOT_STORAGE="ftp": must be disk or s3');
  });
});
