/** Dailies in SQL: sessions, playlists at dense positions, attendees, presence, the room's log and guest review links; the same SQL on SQLite and PostgreSQL. */
import type { PresenterState } from '@backlot/contracts';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DailiesRepository, DailiesSessionRecord, ReviewGuestRecord, ReviewLinkRecord, RoomLogRecord } from '../../../ports/dailies-store.ts';
import type { Dialect } from '../database.ts';
import type { DailiesSessionsTable, DB, ReviewGuestsTable, ReviewLinksTable } from '../schema.ts';
import { toTake } from './take.repository.ts';

function toSession(r: Selectable<DailiesSessionsTable>): DailiesSessionRecord {
  return {
    id: r.id,
    projectId: r.project_id,
    title: r.title,
    date: r.date,
    status: r.status,
    sourceKind: r.source_kind as DailiesSessionRecord['sourceKind'],
    createdById: r.created_by_id,
    createdByName: r.created_by_name,
    createdAt: r.created_at,
    closedAt: r.closed_at,
    closedByName: r.closed_by_name,
    reportSha256: r.report_sha256,
    presenter: r.presenter_state === null ? null : (JSON.parse(r.presenter_state) as PresenterState),
    presenterSeq: Number(r.presenter_seq),
    updatedAt: r.updated_at,
  };
}

function toLink(r: Selectable<ReviewLinksTable>): ReviewLinkRecord {
  return {
    id: r.id,
    projectId: r.project_id,
    sessionId: r.session_id,
    label: r.label,
    tokenHash: r.token_hash,
    passcodeHash: r.passcode_hash,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    createdById: r.created_by_id,
    createdByName: r.created_by_name,
    createdAt: r.created_at,
  };
}

const toGuest = (r: Selectable<ReviewGuestsTable>): ReviewGuestRecord => ({ id: r.id, linkId: r.link_id, name: r.name, secretHash: r.secret_hash, createdAt: r.created_at });

export function createDailiesRepository(db: Kysely<DB>, dialect: Dialect): DailiesRepository {
  const countsOf = (ids: string[]) =>
    ids.length === 0
      ? Promise.resolve(new Map<string, { itemCount: number; attendeeCount: number }>())
      : Promise.all([
          db
            .selectFrom('dailies_items')
            .select(['session_id', (eb) => eb.fn.countAll<number>().as('n')])
            .where('session_id', 'in', ids)
            .groupBy('session_id')
            .execute(),
          db
            .selectFrom('dailies_attendees')
            .select(['session_id', (eb) => eb.fn.countAll<number>().as('n')])
            .where('session_id', 'in', ids)
            .groupBy('session_id')
            .execute(),
        ]).then(([items, attendees]) => {
          const m = new Map(ids.map((id) => [id, { itemCount: 0, attendeeCount: 0 }]));
          for (const r of items) m.get(r.session_id)!.itemCount = Number(r.n);
          for (const r of attendees) m.get(r.session_id)!.attendeeCount = Number(r.n);
          return m;
        });

  return {
    async insertSession(s) {
      await db
        .insertInto('dailies_sessions')
        .values({
          id: s.id,
          project_id: s.projectId,
          title: s.title,
          date: s.date,
          status: s.status,
          source_kind: s.sourceKind,
          created_by_id: s.createdById,
          created_by_name: s.createdByName,
          created_at: s.createdAt,
          closed_at: s.closedAt,
          closed_by_name: s.closedByName,
          presenter_state: s.presenter === null ? null : JSON.stringify(s.presenter),
          presenter_seq: s.presenterSeq,
          updated_at: s.updatedAt,
        })
        .execute();
    },
    async findSession(projectId, id) {
      const r = await db.selectFrom('dailies_sessions').selectAll().where('id', '=', id).where('project_id', '=', projectId).executeTakeFirst();
      return r && toSession(r);
    },
    async listSessions(projectId, attendeeId) {
      let q = db.selectFrom('dailies_sessions').selectAll('dailies_sessions').where('dailies_sessions.project_id', '=', projectId);
      if (attendeeId !== undefined) {
        q = q.where((eb) =>
          eb.exists(
            eb
              .selectFrom('dailies_attendees')
              .select('dailies_attendees.session_id')
              .whereRef('dailies_attendees.session_id', '=', 'dailies_sessions.id')
              .where('dailies_attendees.account_id', '=', attendeeId),
          ),
        );
      }
      const rows = await q.orderBy('dailies_sessions.date', 'desc').orderBy('dailies_sessions.created_at', 'desc').orderBy('dailies_sessions.id', 'desc').execute();
      const counts = await countsOf(rows.map((r) => r.id));
      return rows.map((r) => ({ ...toSession(r), ...counts.get(r.id)! }));
    },
    async counts(sessionId) {
      return (await countsOf([sessionId])).get(sessionId)!;
    },
    async updateSession(id, p) {
      const v: Partial<Selectable<DailiesSessionsTable>> = {};
      if (p.title !== undefined) v.title = p.title;
      if (p.date !== undefined) v.date = p.date;
      if (p.status !== undefined) v.status = p.status;
      if (p.closedAt !== undefined) v.closed_at = p.closedAt;
      if (p.closedByName !== undefined) v.closed_by_name = p.closedByName;
      if (p.reportSha256 !== undefined) v.report_sha256 = p.reportSha256;
      if (p.updatedAt !== undefined) v.updated_at = p.updatedAt;
      await db.updateTable('dailies_sessions').set(v).where('id', '=', id).execute();
    },
    async lastSessionStart(projectId) {
      const r = await db
        .selectFrom('dailies_sessions')
        .select((eb) => eb.fn.max('created_at').as('at'))
        .where('project_id', '=', projectId)
        .executeTakeFirst();
      return r?.at ?? undefined;
    },
    async selectsSince(projectId, since, limit) {
      let q = db
        .selectFrom('takes')
        .innerJoin('shots', 'shots.id', 'takes.shot_id')
        .innerJoin('scenes', 'scenes.id', 'shots.scene_id')
        .selectAll('takes')
        .where('takes.project_id', '=', projectId)
        .where('takes.review', 'in', ['selected', 'approved'])
        .where('takes.output_hidden', '=', 0);
      if (since !== undefined) {
        // The take's latest decision (the one that made it a select, or approved it) came at or after `since`.
        q = q.where((eb) =>
          eb.exists(eb.selectFrom('take_review_events').select('take_review_events.id').whereRef('take_review_events.take_id', '=', 'takes.id').where('take_review_events.at', '>=', since)),
        );
      }
      const rows = await q.orderBy('scenes.position').orderBy('shots.position').orderBy('shots.id').orderBy('takes.number').limit(limit).execute();
      return rows.map(toTake);
    },
    async lockSession(id) {
      if (dialect === 'postgres') await db.selectFrom('dailies_sessions').select('id').where('id', '=', id).forUpdate().execute();
    },
    async setPresenter(id, state) {
      await db
        .updateTable('dailies_sessions')
        .set({ presenter_state: JSON.stringify(state), presenter_seq: state.seq })
        .where('id', '=', id)
        .execute();
    },

    async items(sessionId) {
      const rows = await db.selectFrom('dailies_items').selectAll().where('session_id', '=', sessionId).orderBy('position').execute();
      return rows.map((r) => ({ id: r.id, sessionId: r.session_id, takeId: r.take_id, position: Number(r.position), addedAt: r.added_at }));
    },
    async itemsByIds(sessionId, ids) {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom('dailies_items').selectAll().where('session_id', '=', sessionId).where('id', 'in', ids).execute();
      return rows.map((r) => ({ id: r.id, sessionId: r.session_id, takeId: r.take_id, position: Number(r.position), addedAt: r.added_at }));
    },
    async itemsWithTakes(sessionId) {
      const rows = await db
        .selectFrom('dailies_items')
        .innerJoin('takes', 'takes.id', 'dailies_items.take_id')
        .innerJoin('shots', 'shots.id', 'takes.shot_id')
        .selectAll('takes')
        .select(['dailies_items.id as item_id', 'dailies_items.position as item_position', 'dailies_items.added_at as item_added_at', 'shots.code as shot_code'])
        .where('dailies_items.session_id', '=', sessionId)
        .orderBy('dailies_items.position')
        .execute();
      return rows.map((r) => ({ id: r.item_id, sessionId, takeId: r.id, position: Number(r.item_position), addedAt: r.item_added_at, take: toTake(r), shotCode: r.shot_code }));
    },
    async insertItems(items) {
      if (items.length === 0) return;
      for (let i = 0; i < items.length; i += 500) {
        await db
          .insertInto('dailies_items')
          .values(items.slice(i, i + 500).map((it) => ({ id: it.id, session_id: it.sessionId, take_id: it.takeId, position: it.position, added_at: it.addedAt })))
          .execute();
      }
    },
    async removeItem(sessionId, itemId) {
      const r = await db.deleteFrom('dailies_items').where('session_id', '=', sessionId).where('id', '=', itemId).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    async rewritePositions(sessionId, orderedIds) {
      if (orderedIds.length === 0) return;
      // Two statements keep the unique (session, position) index true after every row: first every
      // position out of the way (negative), then each to its place.
      await db.updateTable('dailies_items').set({ position: sql<number>`-1 - position` }).where('session_id', '=', sessionId).execute();
      for (let i = 0; i < orderedIds.length; i += 500) {
        const chunk = orderedIds.slice(i, i + 500);
        const cases = sql.join(
          chunk.map((id, j) => sql`when ${id} then ${sql.lit(i + j)}`),
          sql` `,
        );
        await db
          .updateTable('dailies_items')
          .set({ position: sql<number>`case id ${cases} end` })
          .where('session_id', '=', sessionId)
          .where('id', 'in', chunk)
          .execute();
      }
    },
    async attendsWithTake(accountId, takeId) {
      const r = await db
        .selectFrom('dailies_items')
        .innerJoin('dailies_attendees', 'dailies_attendees.session_id', 'dailies_items.session_id')
        .select('dailies_items.id')
        .where('dailies_items.take_id', '=', takeId)
        .where('dailies_attendees.account_id', '=', accountId)
        .executeTakeFirst();
      return Boolean(r);
    },
    async hasTake(sessionId, takeId) {
      return Boolean(await db.selectFrom('dailies_items').select('id').where('session_id', '=', sessionId).where('take_id', '=', takeId).executeTakeFirst());
    },

    async attendees(sessionId) {
      const rows = await db
        .selectFrom('dailies_attendees')
        .innerJoin('accounts', 'accounts.id', 'dailies_attendees.account_id')
        .innerJoin('dailies_sessions', 'dailies_sessions.id', 'dailies_attendees.session_id')
        .leftJoin('project_members', (j) => j.onRef('project_members.project_id', '=', 'dailies_sessions.project_id').onRef('project_members.account_id', '=', 'dailies_attendees.account_id'))
        .select(['dailies_attendees.account_id', 'accounts.name', 'project_members.role'])
        .where('dailies_attendees.session_id', '=', sessionId)
        .orderBy('accounts.name')
        .orderBy('dailies_attendees.account_id')
        .execute();
      return rows.map((r) => ({ accountId: r.account_id, name: r.name, role: r.role ?? 'former member' }));
    },
    async isAttendee(sessionId, accountId) {
      return Boolean(await db.selectFrom('dailies_attendees').select('session_id').where('session_id', '=', sessionId).where('account_id', '=', accountId).executeTakeFirst());
    },
    async attendeesAmong(sessionId, accountIds) {
      if (accountIds.length === 0) return new Set();
      const rows = await db
        .selectFrom('dailies_attendees')
        .select('account_id')
        .where('session_id', '=', sessionId)
        .where('account_id', 'in', [...new Set(accountIds)])
        .execute();
      return new Set(rows.map((r) => r.account_id));
    },
    async setAttendees(sessionId, accountIds, at) {
      await db.deleteFrom('dailies_attendees').where('session_id', '=', sessionId).execute();
      if (accountIds.length)
        await db
          .insertInto('dailies_attendees')
          .values(accountIds.map((id) => ({ session_id: sessionId, account_id: id, added_at: at })))
          .execute();
    },

    async touchPresence(p, staleBefore) {
      const before = await db.selectFrom('dailies_presence').select(['last_seen']).where('session_id', '=', p.sessionId).where('participant_key', '=', p.key).executeTakeFirst();
      const arrived = !before || before.last_seen < staleBefore;
      await db
        .insertInto('dailies_presence')
        .values({ session_id: p.sessionId, participant_key: p.key, name: p.name, kind: p.kind, since: p.since, last_seen: p.lastSeen })
        .onConflict((oc) => oc.columns(['session_id', 'participant_key']).doUpdateSet(arrived ? { name: p.name, since: p.since, last_seen: p.lastSeen } : { name: p.name, last_seen: p.lastSeen }))
        .execute();
      return arrived;
    },
    async removePresence(sessionId, key) {
      const r = await db.deleteFrom('dailies_presence').where('session_id', '=', sessionId).where('participant_key', '=', key).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    async presence(sessionId, since) {
      const rows = await db.selectFrom('dailies_presence').selectAll().where('session_id', '=', sessionId).where('last_seen', '>=', since).orderBy('since').orderBy('participant_key').execute();
      return rows.map((r) => ({ sessionId: r.session_id, key: r.participant_key, name: r.name, kind: r.kind, since: r.since, lastSeen: r.last_seen }));
    },

    async appendLog(e) {
      await db
        .insertInto('dailies_log')
        .values({
          id: e.id,
          session_id: e.sessionId,
          at: e.at,
          kind: e.kind,
          actor_id: e.actorId,
          actor_name: e.actorName,
          guest_id: e.guestId,
          take_id: e.takeId,
          summary: e.summary,
          data: JSON.stringify(e.data),
        })
        .execute();
    },
    async log(sessionId) {
      const rows = await db.selectFrom('dailies_log').selectAll().where('session_id', '=', sessionId).orderBy('at').orderBy('id').execute();
      return rows.map(
        (r): RoomLogRecord => ({
          id: r.id,
          sessionId: r.session_id,
          at: r.at,
          kind: r.kind,
          actorId: r.actor_id,
          actorName: r.actor_name,
          guestId: r.guest_id,
          takeId: r.take_id,
          summary: r.summary,
          data: JSON.parse(r.data) as Record<string, unknown>,
        }),
      );
    },

    async insertLink(l) {
      await db
        .insertInto('review_links')
        .values({
          id: l.id,
          project_id: l.projectId,
          session_id: l.sessionId,
          label: l.label,
          token_hash: l.tokenHash,
          passcode_hash: l.passcodeHash,
          expires_at: l.expiresAt,
          revoked_at: l.revokedAt,
          created_by_id: l.createdById,
          created_by_name: l.createdByName,
          created_at: l.createdAt,
        })
        .execute();
    },
    async findLinkByHash(tokenHash) {
      const r = await db.selectFrom('review_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return r && toLink(r);
    },
    async findLink(sessionId, id) {
      const r = await db.selectFrom('review_links').selectAll().where('session_id', '=', sessionId).where('id', '=', id).executeTakeFirst();
      return r && toLink(r);
    },
    async links(sessionId) {
      const rows = await db.selectFrom('review_links').selectAll().where('session_id', '=', sessionId).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
      const guests = rows.length
        ? await db
            .selectFrom('review_guests')
            .select(['link_id', (eb) => eb.fn.countAll<number>().as('n')])
            .where(
              'link_id',
              'in',
              rows.map((r) => r.id),
            )
            .groupBy('link_id')
            .execute()
        : [];
      const n = new Map(guests.map((g) => [g.link_id, Number(g.n)]));
      return rows.map((r) => ({ ...toLink(r), guests: n.get(r.id) ?? 0 }));
    },
    async revokeLink(id, at) {
      await db.updateTable('review_links').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
    },
    async revokeLinksOf(sessionId, at) {
      await db.updateTable('review_links').set({ revoked_at: at }).where('session_id', '=', sessionId).where('revoked_at', 'is', null).execute();
    },
    async insertGuest(g) {
      await db.insertInto('review_guests').values({ id: g.id, link_id: g.linkId, name: g.name, secret_hash: g.secretHash, created_at: g.createdAt }).execute();
    },
    async findGuest(secretHash) {
      const g = await db.selectFrom('review_guests').selectAll().where('secret_hash', '=', secretHash).executeTakeFirst();
      if (!g) return undefined;
      const l = await db.selectFrom('review_links').selectAll().where('id', '=', g.link_id).executeTakeFirst();
      return l && { guest: toGuest(g), link: toLink(l) };
    },
    async countAttempt(linkId, at, windowStart) {
      await db.deleteFrom('review_link_failures').where('link_id', '=', linkId).where('first_failed_at', '<=', windowStart).execute();
      const row = await db
        .insertInto('review_link_failures')
        .values({ link_id: linkId, failures: 1, first_failed_at: at })
        .onConflict((oc) => oc.column('link_id').doUpdateSet((eb) => ({ failures: eb('review_link_failures.failures', '+', 1) })))
        .returning(['failures'])
        .executeTakeFirstOrThrow();
      return Number(row.failures);
    },
    async clearAttempts(linkId) {
      await db.deleteFrom('review_link_failures').where('link_id', '=', linkId).execute();
    },
    async findMovie(sessionId, requestKey) {
      const r = await db.selectFrom('dailies_movies').selectAll().where('session_id', '=', sessionId).where('request_key', '=', requestKey).executeTakeFirst();
      return r && { sessionId: r.session_id, requestKey: r.request_key, sha256: r.sha256, size: Number(r.size), totalFrames: Number(r.total_frames), createdAt: r.created_at };
    },
    async saveMovie(m) {
      await db
        .insertInto('dailies_movies')
        .values({ session_id: m.sessionId, request_key: m.requestKey, sha256: m.sha256, size: m.size, total_frames: m.totalFrames, created_at: m.createdAt })
        .onConflict((oc) => oc.columns(['session_id', 'request_key']).doNothing())
        .execute();
    },
  };
}
