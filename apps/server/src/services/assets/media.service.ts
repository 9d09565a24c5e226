/** Serving stored media: size, type and bytes (whole or a range) of a blob. Membership is checked by the caller's route. */
import { fail } from '../../domain/errors.ts';
import type { BlobStore, ByteRange } from '../../ports/blob-store.ts';
import type { Store } from '../../ports/store.ts';

export function createMediaService(deps: { store: Store; blobs: BlobStore }) {
  return {
    stat: (sha256: string) => deps.blobs.stat(sha256),
    open: (sha256: string, range?: ByteRange) => deps.blobs.get(sha256, range),
    async typeOf(sha256: string): Promise<string> {
      return (await deps.store.read.blobs.mediaType(sha256)) ?? fail('blob.not_found', 'No such file.');
    },
  };
}
