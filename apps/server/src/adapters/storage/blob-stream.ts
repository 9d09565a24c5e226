/** What both blob stores share: hashing and counting an upload on its way through, and the checks on names and ranges. */
import { createHash } from 'node:crypto';
import { DomainError } from '../../domain/errors.ts';
import type { ByteRange } from '../../ports/blob-store.ts';

const SHA256 = /^[0-9a-f]{64}$/;

/** True for a lower-case hex SHA-256; anything else never names a blob (and never reaches a path or a key). */
export function isSha256(text: string): boolean {
  return SHA256.test(text);
}

export function blobNotFound(sha256: string): DomainError {
  return new DomainError('blob.not_found', `No stored media has the content ${sha256.slice(0, 64)}.`);
}

/** Refuses a range that starts at or past the end; an end past the last byte is cut to it. */
export function checkRange(range: ByteRange, size: number): ByteRange {
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start || start >= size) {
    throw new RangeError(`bytes ${start}-${end} is not a range of a blob of ${size} bytes`);
  }
  return { start, end: Math.min(end, size - 1) };
}

/** Hashes and counts an upload as it passes; `failure` keeps the error that stopped it. */
export interface UploadMeter {
  /** The source, re-yielded as Uint8Array chunks while the hash and the count follow it. */
  readonly chunks: AsyncGenerator<Uint8Array>;
  readonly size: number;
  /** The error that ended the upload from the source's side (its own error, or `blob.too_large`). */
  readonly failure: unknown;
  /** Lower-case hex SHA-256 of everything that passed; call once, after the source ended. */
  digest(): string;
}

/** Wraps `source` so that reading it hashes and counts it, throwing `blob.too_large` as soon as `maxBytes` is passed. */
export function meterUpload(source: AsyncIterable<Uint8Array | string> | NodeJS.ReadableStream, maxBytes?: number): UploadMeter {
  const hash = createHash('sha256');
  const state = { size: 0, failure: undefined as unknown };
  async function* pass(): AsyncGenerator<Uint8Array> {
    try {
      // Leaving this loop by a throw calls the source's return(), which destroys a stream source.
      for await (const chunk of source as AsyncIterable<Uint8Array | string>) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        state.size += bytes.byteLength;
        if (maxBytes !== undefined && state.size > maxBytes) {
          throw new DomainError('blob.too_large', `The file is larger than the ${formatBytes(maxBytes)} allowed.`, 'file');
        }
        hash.update(bytes);
        yield bytes;
      }
    } catch (err) {
      state.failure = err;
      throw err;
    }
  }
  return {
    chunks: pass(),
    get size() {
      return state.size;
    },
    get failure() {
      return state.failure;
    },
    digest: () => hash.digest('hex'),
  };
}

function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${+(n / 1024 ** 3).toFixed(1)} GiB`;
  if (n >= 1024 ** 2) return `${+(n / 1024 ** 2).toFixed(1)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}
