/**
 * Which media storage a database belongs to. The first process to start on a database writes a
 * marker into its blob store and records the marker's SHA-256 in the database; every process
 * after it must see that marker, or it was given other storage (another data folder, another
 * bucket) and would serve, and sweep, media the others cannot see.
 */
import { randomUUID } from 'node:crypto';
import { ConfigError } from '../../config/load-config.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { StorageIdentityRegistry } from '../../ports/process-registry.ts';

const describeStore = (blobs: BlobStore) => `${blobs.kind} storage (${blobs.location})`;

/** Marks the storage on first start; afterwards throws ConfigError, saying what to fix, when `blobs` lacks the database's marker. */
export async function checkStorageIdentity(blobs: BlobStore, identities: StorageIdentityRegistry): Promise<void> {
  let identity = await identities.get();
  if (!identity) {
    const createdAt = new Date().toISOString();
    const markerSha256 = await blobs.putMarker(`Backlot media storage\nmarked: ${createdAt}\nmark: ${randomUUID()}\n`);
    // Two processes starting at once both write a marker; the first recorded wins and the other is checked against it below.
    identity = await identities.claim({ markerSha256, storage: describeStore(blobs), createdAt });
  }
  if (await blobs.hasMarker(identity.markerSha256)) return;
  throw new ConfigError([
    `BACKLOT_STORAGE: this database keeps its media in ${identity.storage}, marked ${identity.createdAt} (markers/${identity.markerSha256}); ` +
      `this process was given ${describeStore(blobs)}, which does not hold that mark. Every server and \`backlot worker\` on one database must see the same media: ` +
      'with BACKLOT_STORAGE=s3, the same BACKLOT_S3_ENDPOINT and BACKLOT_S3_BUCKET; with disk storage, the same BACKLOT_DATA_DIR (one machine, or one folder every process mounts).',
  ]);
}
