/** The spend views in SQL: ledger sums per take folded into groups of takes, and the per-take export, on SQLite and PostgreSQL alike. */
import { sql, type Kysely } from 'kysely';
import type { SpendGrouping } from '@backlot/contracts';
import type { SpendExportRow, SpendGroupRow, SpendRepository } from '../../../ports/spend-store.ts';
import type { DB } from '../schema.ts';

/** Each take's ledger in one row: held now (reserved − released) and settled. */
function ledgerPerTake(db: Kysely<DB>, projectId: string) {
  return db
    .selectFrom('ledger_entries')
    .select([
      'take_id',
      sql<number>`sum(case when kind = 'reservation' then amount_micros when kind = 'release' then -amount_micros else 0 end)`.as('held'),
      sql<number>`sum(case when kind = 'settlement' then amount_micros else 0 end)`.as('settled'),
    ])
    .where('project_id', '=', projectId)
    .groupBy('take_id')
    .as('l');
}

/** What a grouping groups by, and the name it carries. */
const GROUP_KEYS: Record<SpendGrouping, { key: string[]; name: string }> = {
  provider: { key: ['t.provider'], name: 't.provider' },
  model: { key: ['t.provider', 't.model'], name: 't.model' },
  member: { key: ['t.requested_by'], name: 'max(t.requested_by_name)' },
  scene: { key: ['s.scene_id'], name: 's.scene_id' },
  shot: { key: ['t.shot_id'], name: 'max(s.code)' },
  // Request times are stored as ISO text in UTC, so the first ten characters are the UTC day.
  day: { key: ['substr(t.requested_at, 1, 10)'], name: 'substr(t.requested_at, 1, 10)' },
};

export function createSpendRepository(db: Kysely<DB>): SpendRepository {
  return {
    async groupBy(projectId, by) {
      const g = GROUP_KEYS[by];
      const keys = g.key.map((k) => sql.raw(k));
      const rows = await db
        .selectFrom('takes as t')
        .innerJoin('shots as s', 's.id', 't.shot_id')
        .leftJoin(ledgerPerTake(db, projectId), 'l.take_id', 't.id')
        .select([
          sql<string>`${keys[0]}`.as('k0'),
          ...(keys.length > 1 ? [sql<string>`${keys[1]}`.as('k1')] : []),
          sql<string>`${sql.raw(g.name)}`.as('name'),
          sql<number>`count(*)`.as('takes'),
          sql<number>`sum(t.estimate_micros)`.as('estimated'),
          sql<number>`coalesce(sum(l.held), 0)`.as('held'),
          sql<number>`coalesce(sum(l.settled), 0)`.as('settled'),
          sql<number>`coalesce(sum(case when t.review = 'rejected' then l.settled else 0 end), 0)`.as('rejects'),
        ])
        .where('t.project_id', '=', projectId)
        .groupBy(keys)
        .execute();
      return rows.map((r): SpendGroupRow => {
        const row = r as typeof r & { k1?: string };
        return {
          key: keys.length > 1 ? `${row.k0}/${row.k1}` : String(row.k0),
          name: String(r.name),
          takes: Number(r.takes),
          estimated: Number(r.estimated),
          held: Number(r.held),
          settled: Number(r.settled),
          rejects: Number(r.rejects),
        };
      });
    },

    async approvedTakes(projectId) {
      const rows = await db
        .selectFrom('takes as t')
        .innerJoin('shots as s', 's.id', 't.shot_id')
        .select(['s.scene_id', 't.provider', 't.model', 't.media'])
        .where('t.project_id', '=', projectId)
        .where('t.review', '=', 'approved')
        .execute();
      return rows.map((r) => {
        const media = r.media ? (JSON.parse(r.media) as { proxyFrames?: number }) : null;
        return { sceneId: r.scene_id, provider: r.provider, model: r.model, proxyFrames: typeof media?.proxyFrames === 'number' ? media.proxyFrames : null };
      });
    },

    async settledSince(projectId, since) {
      const r = await db
        .selectFrom('ledger_entries')
        .select((eb) => eb.fn.sum<number>('amount_micros').as('total'))
        .where('project_id', '=', projectId)
        .where('kind', '=', 'settlement')
        .where('created_at', '>=', since)
        .executeTakeFirst();
      return Number(r?.total ?? 0);
    },

    async exportPage(projectId, after, limit) {
      let q = db
        .selectFrom('takes as t')
        .innerJoin('shots as s', 's.id', 't.shot_id')
        .innerJoin('scenes as sc', 'sc.id', 's.scene_id')
        .select([
          't.id',
          'sc.number as scene_number',
          's.code as shot_code',
          't.number',
          't.provider',
          't.model',
          't.requested_by_name',
          't.status',
          't.review',
          't.estimate_micros',
          't.reserved_micros',
          't.price_source',
          't.requested_at',
          't.finished_at',
        ])
        .where('t.project_id', '=', projectId);
      if (after) q = q.where((eb) => eb(eb.refTuple('t.requested_at', 't.id'), '>', eb.tuple(after.requestedAt, after.takeId)));
      const rows = await q.orderBy('t.requested_at').orderBy('t.id').limit(limit).execute();
      if (rows.length === 0) return [];
      // The page's ledger in one query by take id, rather than the whole project's for every page.
      const sums = await db
        .selectFrom('ledger_entries')
        .select([
          'take_id',
          sql<number>`sum(case when kind = 'reservation' then amount_micros when kind = 'release' then -amount_micros else 0 end)`.as('held'),
          sql<number>`sum(case when kind = 'settlement' then amount_micros else 0 end)`.as('settled'),
        ])
        .where(
          'take_id',
          'in',
          rows.map((r) => r.id),
        )
        .groupBy('take_id')
        .execute();
      const ledger = new Map(sums.map((l) => [l.take_id, l]));
      return rows.map(
        (r): SpendExportRow => ({
          takeId: r.id,
          sceneNumber: r.scene_number,
          shotCode: r.shot_code,
          number: Number(r.number),
          provider: r.provider,
          model: r.model,
          requestedByName: r.requested_by_name,
          status: r.status,
          review: r.review,
          estimated: Number(r.estimate_micros),
          reserved: Number(r.reserved_micros),
          held: Number(ledger.get(r.id)?.held ?? 0),
          settled: Number(ledger.get(r.id)?.settled ?? 0),
          priceSource: r.price_source,
          requestedAt: r.requested_at,
          finishedAt: r.finished_at,
        }),
      );
    },
  };
}
