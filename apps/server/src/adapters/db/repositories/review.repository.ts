/** Review decisions on takes in SQL: appended, never changed, read back oldest first. */
import type { ReviewState } from '@backlot/contracts';
import type { Kysely } from 'kysely';
import type { ReviewEventRecord, ReviewRepository } from '../../../ports/review-store.ts';
import type { Dialect } from '../database.ts';
import type { DB } from '../schema.ts';

export function createReviewRepository(db: Kysely<DB>, dialect: Dialect): ReviewRepository {
  return {
    async lockShot(shotId) {
      // SQLite's BEGIN IMMEDIATE transaction already holds the database's only write lock.
      if (dialect === 'postgres') await db.selectFrom('shots').select('id').where('id', '=', shotId).forUpdate().execute();
    },
    async insertEvent(e) {
      await db
        .insertInto('take_review_events')
        .values({
          id: e.id,
          take_id: e.takeId,
          from_state: e.from,
          to_state: e.to,
          actor_id: e.actorId,
          actor_name: e.actorName,
          reason: e.reason,
          override: e.override ? 1 : 0,
          at: e.at,
          session_id: e.sessionId ?? null,
        })
        .execute();
    },
    async events(takeId) {
      // Ids are time-ordered (UUIDv7), so they order decisions made within the same millisecond.
      const rows = await db.selectFrom('take_review_events').selectAll().where('take_id', '=', takeId).orderBy('at').orderBy('id').execute();
      return rows.map(toEvent);
    },
    async eventsForTakes(takeIds) {
      if (takeIds.length === 0) return [];
      const rows = await db.selectFrom('take_review_events').selectAll().where('take_id', 'in', takeIds).orderBy('at').orderBy('id').execute();
      return rows.map(toEvent);
    },
  };
}

/** A stored decision as the port's record. */
function toEvent(r: {
  id: string;
  take_id: string;
  from_state: string;
  to_state: string;
  actor_id: string | null;
  actor_name: string;
  reason: string | null;
  override: number | boolean;
  at: string;
}): ReviewEventRecord {
  return {
    id: r.id,
    takeId: r.take_id,
    from: r.from_state as ReviewState,
    to: r.to_state as ReviewState,
    actorId: r.actor_id,
    actorName: r.actor_name,
    reason: r.reason,
    override: Number(r.override) === 1,
    at: r.at,
  };
}
