/**
 * Blob storage port: media bytes kept by their SHA-256, streamed in and out, never held whole in
 * memory. The disk adapter (the default) and the S3 adapter both pass one contract suite.
 * Stream types are Node's global ones (`NodeJS.ReadableStream`) so this port imports nothing.
 */

/** What a store keeps for one content: its address and length. */
export interface StoredBlob {
  /** Lower-case hex SHA-256 of the bytes; the blob's only name. */
  sha256: string;
  size: number;
}

/** An inclusive byte range, as in an HTTP `Range: bytes=start-end` header. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface BlobStore {
  readonly kind: 'disk' | 's3';
  /**
   * Streams `source` into the store, hashing on the way; content already stored is kept once.
   * Returns its sha256 and size. Aborts cleanly (nothing left behind) if the source errors, with
   * the source's error, or if `limits.maxBytes` is exceeded (DomainError `blob.too_large`, field `file`).
   */
  put(source: AsyncIterable<Uint8Array> | NodeJS.ReadableStream, limits?: { maxBytes?: number }): Promise<StoredBlob>;
  /**
   * A readable stream of the blob, or of the byte range [start, end] inclusive; an `end` past the
   * last byte stops at the last byte, as HTTP ranges do. A missing blob (or a string that is not a
   * SHA-256) is DomainError `blob.not_found`; a `start` at or past the end is a RangeError, since
   * the caller should have checked the range against `stat` (and answered 416).
   */
  get(sha256: string, range?: ByteRange): Promise<NodeJS.ReadableStream>;
  /** The blob's size, or undefined when it is not stored. */
  stat(sha256: string): Promise<{ size: number } | undefined>;
  /** Removes the blob; removing one that is not there is not an error. */
  delete(sha256: string): Promise<void>;
  /**
   * The startup sweep: removes temporary uploads last written more than `olderThanMs` ago
   * (default one hour: uploads cut off by a crash) and every blob for which `keep` says no; `keep`
   * gets each blob's last modification time, so a caller can spare blobs too young to judge.
   * Markers are never swept. Run it before this process accepts uploads: a blob another live process
   * has just put but not yet recorded would look like an orphan. Returns how many of each it removed.
   */
  sweep(keep: (sha256: string, modifiedAt: Date) => Promise<boolean>, options?: { olderThanMs?: number }): Promise<{ temporary: number; orphans: number }>;
  /**
   * Keeps a small text apart from the blobs (`markers/<sha256>`), where sweeps never look; returns its
   * SHA-256. A database records the marker its storage holds, so a process that cannot see it knows
   * it was given other storage.
   */
  putMarker(text: string): Promise<string>;
  /** Whether this store holds the marker with this SHA-256. */
  hasMarker(sha256: string): Promise<boolean>;
  /** Where this store is, for messages: its folder, or its bucket and endpoint. */
  readonly location: string;
}
