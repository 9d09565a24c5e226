/** Staging for uploads: a file streams to a private temporary place, is checked and probed there, then stored or dropped. */

export interface StagedFile {
  /** Path of the temporary copy, for probing tools. */
  path: string;
  size: number;
  originalName: string | null;
}

export interface Staging {
  /** Streams `source` to a temporary file; refuses more than `maxBytes` (DomainError `blob.too_large`). */
  stage(source: NodeJS.ReadableStream, originalName: string | null, maxBytes: number): Promise<StagedFile>;
  /** A fresh temporary path with this extension, for previews made from a staged file. */
  scratchPath(extension: string): string;
  /** Reads a staged or scratch file back as a stream. */
  open(path: string): NodeJS.ReadableStream;
  /** Removes temporary files; a missing one is not an error. */
  remove(...paths: string[]): Promise<void>;
}
