/** The id port: opaque, time-ordered identifiers (UUIDv7). */
export interface Ids {
  next(): string;
}
