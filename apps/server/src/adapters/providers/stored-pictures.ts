/**
 * Backlot's own pictures in a provider request. The request stored with a take names each picture
 * by a marker, `backlot-blob:<sha256>:<media type>`, never by its bytes (requests stored by earlier
 * Kling and Luma adapters hold `backlot-blob:<sha256>`); an adapter swaps each marker for what its
 * provider takes (base64, a data URI, an upload) only as it sends.
 */
import type { BlobStore } from '../../ports/blob-store.ts';
import type { MediaRef } from '../../ports/video-provider.ts';

export const BLOB_PREFIX = 'backlot-blob:';

/** The marker for one of Backlot's pictures. */
export function blobMarker(sha256: string, mediaType: string): string {
  return `${BLOB_PREFIX}${sha256}:${mediaType}`;
}

/** What a marker names; the media type is missing from the older form. */
export function parseBlobMarker(marker: string): { sha256: string; mediaType: string | undefined } {
  const [sha256, mediaType] = marker.slice(BLOB_PREFIX.length).split(':');
  return { sha256, mediaType: mediaType || undefined };
}

/** A picture as providers that take addresses or data URIs name it: Backlot's own by marker, given bytes inline. */
export function pictureRef(ref: MediaRef): string {
  switch (ref.kind) {
    case 'url':
      return ref.url;
    case 'blob':
      return blobMarker(ref.sha256, ref.mediaType);
    case 'bytes':
      return `data:${ref.mediaType};base64,${Buffer.from(ref.bytes).toString('base64')}`;
    case 'provider':
      return ref.ref;
  }
}

/** A stored picture's bytes. */
export async function readBlob(blobs: Pick<BlobStore, 'get'>, sha256: string): Promise<Buffer<ArrayBuffer>> {
  const chunks: Buffer[] = [];
  for await (const chunk of await blobs.get(sha256)) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** What the provider is sent for one picture: its bytes as base64, a data URI, a file to upload… */
export type SendPicture = (bytes: Buffer<ArrayBuffer>, picture: { sha256: string; mediaType: string | undefined }) => unknown;

/** `value` with every marker in it, at any depth, replaced by what `send` makes of the picture. */
export async function fillPictures(value: unknown, blobs: Pick<BlobStore, 'get'>, send: SendPicture): Promise<unknown> {
  if (typeof value === 'string' && value.startsWith(BLOB_PREFIX)) {
    const picture = parseBlobMarker(value);
    return send(await readBlob(blobs, picture.sha256), picture);
  }
  if (Array.isArray(value)) return Promise.all(value.map((v) => fillPictures(v, blobs, send)));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await fillPictures(v, blobs, send);
    return out;
  }
  return value;
}

/** Sends a picture inline as a data URI. */
export const asDataUri: SendPicture = (bytes, { mediaType }) => `data:${mediaType ?? 'application/octet-stream'};base64,${bytes.toString('base64')}`;

/** Sends a picture inline as bare base64. */
export const asBase64: SendPicture = (bytes) => bytes.toString('base64');
