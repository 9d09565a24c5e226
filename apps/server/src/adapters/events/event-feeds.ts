/**
 * Live project events across processes. PostgreSQL: one dedicated connection LISTENs on the
 * channel the outbox repository NOTIFYs in each committing transaction. SQLite: the outbox table
 * is read every 25 milliseconds (a dailies room follows its presenter through it) from the last sequence number seen, so a worker process
 * sharing the file reaches the server's event streams too; old rows are pruned.
 */
import type { ProjectEvent } from '@backlot/contracts';
import type { Kysely } from 'kysely';
import pg from 'pg';
import type { EventFeed } from '../../ports/event-feed.ts';
import type { DB } from '../db/schema.ts';
import { EVENT_CHANNEL } from '../db/repositories/ledger.repository.ts';

/** Fans events out to the listeners of their project. */
function createFanOut() {
  const listeners = new Map<string, Set<(e: ProjectEvent) => void>>();
  return {
    subscribe(projectId: string, listener: (e: ProjectEvent) => void) {
      const set = listeners.get(projectId) ?? new Set();
      set.add(listener);
      listeners.set(projectId, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(projectId);
      };
    },
    emit(payload: string) {
      let event: ProjectEvent;
      try {
        event = JSON.parse(payload) as ProjectEvent;
      } catch {
        return;
      }
      for (const l of listeners.get(event.projectId) ?? []) l(event);
    },
  };
}

/** PostgreSQL LISTEN/NOTIFY; reconnects after a lost connection. */
export function createPgEventFeed(url: string, log?: { warn(obj: unknown, msg?: string): void }): EventFeed {
  const fan = createFanOut();
  let client: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  async function connect(): Promise<void> {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (m) => m.payload && fan.emit(m.payload));
    c.on('error', (error) => {
      log?.warn({ err: error }, 'event connection lost; reconnecting');
      c.end().catch(() => {});
      if (!closed) retry = setTimeout(() => connect().catch(() => {}), 1000);
    });
    await c.connect();
    await c.query(`LISTEN ${EVENT_CHANNEL}`);
    client = c;
  }

  return {
    subscribe: fan.subscribe,
    start: connect,
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => {});
    },
  };
}

/** The SQLite outbox, read from where this process started. */
export function createOutboxEventFeed(db: Kysely<DB>, options: { intervalMs?: number; keepMs?: number } = {}): EventFeed {
  const fan = createFanOut();
  let last = 0;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let reads = 0;

  async function read() {
    const rows = await db.selectFrom('event_outbox').select(['seq', 'payload']).where('seq', '>', last).orderBy('seq').limit(500).execute();
    for (const r of rows) {
      last = Number(r.seq);
      fan.emit(r.payload);
    }
    // Now and then drop what every live reader has long since seen.
    if (++reads % 200 === 0) {
      const before = new Date(Date.now() - (options.keepMs ?? 10 * 60_000)).toISOString();
      // The newest row always stays: sequence numbers continue from it.
      await db.deleteFrom('event_outbox').where('created_at', '<', before).where('seq', '<', last).execute();
    }
  }

  function loop() {
    if (closed) return;
    timer = setTimeout(() => {
      read()
        .catch(() => {})
        .finally(loop);
    }, options.intervalMs ?? 25);
  }

  return {
    subscribe: fan.subscribe,
    async start() {
      const r = await db
        .selectFrom('event_outbox')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .executeTakeFirst();
      last = Number(r?.seq ?? 0);
      loop();
    },
    async close() {
      closed = true;
      clearTimeout(timer);
    },
  };
}
