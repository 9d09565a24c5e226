/**
 * Ports of the archive bundle (issue 19): the project's rows read and restored as the database
 * stores them, and the bundle file written and read one entry at a time, never whole in memory.
 * Stream types are Node's global ones so this port imports nothing that does work.
 */
import type { RecordTable } from '../domain/archive/archive-bundle.ts';

export type ArchiveRow = Record<string, unknown>;

export interface ArchiveRepository {
  /** A table's rows that belong to the project, in key order, a batch at a time. */
  rows(projectId: string, table: Exclude<RecordTable, 'blobs'>, batch: number): AsyncIterable<ArchiveRow[]>;
  /** The project's audit chain in seq order, a batch at a time, as stored. */
  auditRows(chain: string, batch: number): AsyncIterable<ArchiveRow[]>;
  /** The `blobs` rows of these hashes that exist, in hash order. */
  blobRows(sha256s: readonly string[]): Promise<ArchiveRow[]>;
  /** Each member's email, name and role. */
  members(projectId: string): Promise<{ email: string; name: string; role: string }[]>;
  /** Inserts rows as they were stored (`blobs` rows already present are kept). */
  insert(table: RecordTable | 'audit_events' | 'audit_heads', rows: readonly ArchiveRow[]): Promise<void>;
  /** The newest migration applied, for the bundle's description. */
  schemaVersion(): Promise<string>;
}

/** One file of a bundle being read. */
export interface BundleEntry {
  path: string;
  size: number;
}

export interface BundleWriter {
  /**
   * Adds one file from its source and resolves once the file is written whole, with the SHA-256
   * and size of what was written; add the next only then, so one source is open at a time.
   */
  add(path: string, source: AsyncIterable<Uint8Array | string> | NodeJS.ReadableStream): Promise<{ sha256: string; size: number }>;
  /** Ends the bundle; resolves with its length in bytes once the output has taken every byte. */
  finish(): Promise<number>;
  /** Stops writing (a failed export): the output is destroyed with the error. */
  abort(err: Error): void;
}

export interface BundleReader {
  /** Every file in the bundle, in stored order. */
  readonly entries: readonly BundleEntry[];
  /** The file's bytes as a stream; a missing path is an Error. */
  open(path: string): Promise<NodeJS.ReadableStream>;
  /** The file's SHA-256 and size, read through. */
  hash(path: string, onBytes?: (n: number) => void): Promise<{ sha256: string; size: number }>;
  close(): Promise<void>;
}

export interface BundleFormat {
  /** Starts a bundle written into `out` as entries are added. */
  create(out: NodeJS.WritableStream): BundleWriter;
  /** Opens a bundle file; a file that is not one is DomainError `archive.invalid` naming it. */
  open(path: string): Promise<BundleReader>;
}
