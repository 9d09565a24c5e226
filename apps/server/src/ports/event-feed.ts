/** Event feed port: live project events, across processes (PostgreSQL LISTEN/NOTIFY, or the SQLite outbox). */
import type { ProjectEvent } from '@backlot/contracts';

export interface EventFeed {
  /** Calls `listener` for every event of the project from now on; returns the unsubscribe function. */
  subscribe(projectId: string, listener: (event: ProjectEvent) => void): () => void;
  /** Starts listening (a dedicated connection, or the outbox poll). */
  start(): Promise<void>;
  close(): Promise<void>;
}
