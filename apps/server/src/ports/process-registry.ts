/**
 * The serve and worker processes running on one database, each with a heartbeat, and which media
 * storage the database belongs to: what a process starting up needs to know before it sweeps
 * storage another process may be writing to.
 */

export type ProcessKind = 'serve' | 'worker';

/** A registered process. Times are ISO 8601 UTC text. */
export interface ProcessRecord {
  id: string;
  host: string;
  pid: number;
  kind: ProcessKind;
  startedAt: string;
  heartbeatAt: string;
}

export interface ProcessRegistry {
  register(p: ProcessRecord): Promise<void>;
  /** Records that the process is alive; false when its row is gone (another process judged it dead and removed it). */
  heartbeat(id: string, at: string): Promise<boolean>;
  list(): Promise<ProcessRecord[]>;
  /** Removes processes (on a clean stop, or once judged dead). */
  remove(...ids: string[]): Promise<void>;
}

/** Which media storage a database belongs to: the marker that storage holds. */
export interface StorageIdentity {
  markerSha256: string;
  /** Where the storage was when the marker was written, for messages. */
  storage: string;
  createdAt: string;
}

export interface StorageIdentityRegistry {
  get(): Promise<StorageIdentity | undefined>;
  /** Records the identity unless one is recorded already; returns the one recorded (first writer wins). */
  claim(identity: StorageIdentity): Promise<StorageIdentity>;
}
