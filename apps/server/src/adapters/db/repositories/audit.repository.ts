/** Audit events and chain heads in SQL. Events are only ever inserted. */
import type { Kysely, Selectable } from 'kysely';
import type { AuditRecord, AuditRepository } from '../../../ports/store.ts';
import type { Dialect } from '../database.ts';
import type { AuditEventsTable, DB } from '../schema.ts';
import { GENESIS_HASH } from '../../../domain/audit/audit-chain.ts';

function toEvent(r: Selectable<AuditEventsTable>): AuditRecord {
  return {
    id: r.id,
    chain: r.chain,
    seq: Number(r.seq),
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    summary: r.summary,
    data: JSON.parse(r.data),
    at: r.at,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export function createAuditRepository(db: Kysely<DB>, dialect: Dialect): AuditRepository {
  return {
    async lockHead(chain) {
      // Make sure the head row exists, then lock it: concurrent appends to one chain queue here.
      await db.insertInto('audit_heads').values({ chain, count: 0, last_hash: GENESIS_HASH }).onConflict((oc) => oc.column('chain').doNothing()).execute();
      let q = db.selectFrom('audit_heads').select(['count', 'last_hash']).where('chain', '=', chain);
      // SQLite has no row locks; its transactions already hold the write lock (BEGIN IMMEDIATE).
      if (dialect === 'postgres') q = q.forUpdate();
      const r = await q.executeTakeFirstOrThrow();
      return { count: Number(r.count), lastHash: r.last_hash };
    },
    async insert(e) {
      await db
        .insertInto('audit_events')
        .values({
          id: e.id,
          chain: e.chain,
          seq: e.seq,
          actor_id: e.actorId,
          actor_name: e.actorName,
          action: e.action,
          target_type: e.targetType,
          target_id: e.targetId,
          summary: e.summary,
          data: JSON.stringify(e.data ?? null),
          at: e.at,
          prev_hash: e.prevHash,
          hash: e.hash,
        })
        .execute();
    },
    async saveHead(chain, head) {
      await db.updateTable('audit_heads').set({ count: head.count, last_hash: head.lastHash }).where('chain', '=', chain).execute();
    },
    async page(chain, before, limit) {
      let q = db.selectFrom('audit_events').selectAll().where('chain', '=', chain);
      if (before !== undefined) q = q.where('seq', '<', before);
      const rows = await q.orderBy('seq', 'desc').limit(limit).execute();
      return rows.map(toEvent);
    },
    async head(chain) {
      const r = await db.selectFrom('audit_heads').select(['count', 'last_hash']).where('chain', '=', chain).executeTakeFirst();
      return r ? { count: Number(r.count), lastHash: r.last_hash } : null;
    },
    async *walk(chain, batch) {
      // Rows are read by their physical order of seq so a renumbered or swapped row shows up as such.
      let after = 0;
      for (;;) {
        const rows = await db.selectFrom('audit_events').selectAll().where('chain', '=', chain).where('seq', '>', after).orderBy('seq').limit(batch).execute();
        if (rows.length === 0) return;
        yield rows.map(toEvent);
        after = Number(rows[rows.length - 1].seq);
      }
    },
    async chains() {
      const rows = await db
        .selectFrom('audit_heads')
        .select('chain')
        .union(db.selectFrom('audit_events').select('chain').distinct())
        .execute();
      return [...new Set(rows.map((r) => r.chain))].sort();
    },
  };
}
