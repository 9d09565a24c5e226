/** Audit events, chain heads and checkpoints in SQL. Events and checkpoints are only ever inserted. */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { AuditCheckpointRow, AuditRecord, AuditRepository } from '../../../ports/store.ts';
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
    hashVersion: Number(r.hash_version),
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export function createAuditRepository(db: Kysely<DB>, dialect: Dialect): AuditRepository {
  return {
    async lockHead(chain) {
      // Make sure the head row exists, then lock it: concurrent appends to one chain queue here.
      await db
        .insertInto('audit_heads')
        .values({ chain, count: 0, last_hash: GENESIS_HASH })
        .onConflict((oc) => oc.column('chain').doNothing())
        .execute();
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
          hash_version: e.hashVersion,
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
    async eventAt(chain, seq) {
      const r = await db.selectFrom('audit_events').selectAll().where('chain', '=', chain).where('seq', '=', seq).executeTakeFirst();
      return r ? toEvent(r) : undefined;
    },
    async chains() {
      const rows = await db.selectFrom('audit_heads').select('chain').union(db.selectFrom('audit_events').select('chain').distinct()).execute();
      return [...new Set(rows.map((r) => r.chain))].sort();
    },
    async heads() {
      const rows = await db
        .selectFrom('audit_heads')
        // A project's chain is named after its id ("project:<id>"), so its code comes in the same query.
        .leftJoin('projects', (j) => j.on(sql<boolean>`'project:' || projects.id = audit_heads.chain`))
        .select(['audit_heads.chain', 'audit_heads.count', 'audit_heads.last_hash', 'projects.code'])
        .orderBy('audit_heads.chain')
        .execute();
      return rows.map((r) => ({ chain: r.chain, count: Number(r.count), lastHash: r.last_hash, projectCode: r.code ?? null }));
    },
    async insertCheckpoint(c) {
      await db
        .insertInto('audit_checkpoints')
        .values({ id: c.id, taken_at: c.takenAt, taken_by_id: c.takenById, taken_by_name: c.takenByName, document: JSON.stringify(c.document) })
        .execute();
    },
    async checkpoints(limit) {
      const rows = await db.selectFrom('audit_checkpoints').selectAll().orderBy('taken_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
      return rows.map((r): AuditCheckpointRow => ({ id: r.id, takenAt: r.taken_at, takenById: r.taken_by_id, takenByName: r.taken_by_name, document: JSON.parse(r.document) }));
    },
  };
}
