/**
 * Zip port: a package streamed out as a zip, one entry at a time, never held whole in memory.
 * Stream types are Node's global ones (`NodeJS.ReadableStream`) so this port imports nothing.
 */

/** One file of a zip: text written as it is, or bytes opened only when their turn comes. */
export type ZipEntry =
  | { path: string; text: string }
  /** `size` in bytes when known (then the whole zip's size is known before it is written). */
  | { path: string; size: number | null; open: () => Promise<NodeJS.ReadableStream> };

export interface ZipWriter {
  /**
   * Streams the entries as a zip, stored without compression (media does not compress, and the
   * size is then known up front). `size` resolves to the zip's exact length, or null when an
   * entry's size is unknown. A source that fails makes the stream fail.
   */
  write(entries: readonly ZipEntry[]): { stream: NodeJS.ReadableStream; size: Promise<number | null> };
}
