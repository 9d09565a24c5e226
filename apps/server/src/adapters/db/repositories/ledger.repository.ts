/** The ledger (append-only), the price catalog and the event outbox in SQL. */
import { sql, type Kysely } from 'kysely';
import type {
  LedgerEntryRecord,
  LedgerRepository,
  OutboxRepository,
  PriceEntryRecord,
  PriceRecord,
  PriceRepository,
  SceneBudgetRecord,
  SpendCapRecord,
  SpendLimitRepository,
} from '../../../ports/take-store.ts';
import type { Dialect } from '../database.ts';
import type { DB, PriceEntriesTable, SceneBudgetsTable, SpendCapsTable } from '../schema.ts';

/** The PostgreSQL channel live events travel on. */
export const EVENT_CHANNEL = 'backlot_events';

/** Sums grouped by entry kind as reserved, settled and released (0 for a kind without entries). */
function byKind(rows: { kind: string; total: number | string | null }[]): { reserved: number; settled: number; released: number } {
  const sum = (kind: string) => Number(rows.find((r) => r.kind === kind)?.total ?? 0);
  return { reserved: sum('reservation'), settled: sum('settlement'), released: sum('release') };
}

export function createLedgerRepository(db: Kysely<DB>, dialect: Dialect): LedgerRepository {
  return {
    async lock(projectId) {
      // A row lock on the project serialises reservations against its budget; SQLite's
      // BEGIN IMMEDIATE transaction already holds the database's only write lock.
      if (dialect === 'postgres') await db.selectFrom('projects').select('id').where('id', '=', projectId).forUpdate().execute();
    },
    async append(e) {
      await db
        .insertInto('ledger_entries')
        .values({ id: e.id, project_id: e.projectId, take_id: e.takeId, kind: e.kind, amount_micros: e.amountMicros, currency: e.currency, note: e.note, created_at: e.createdAt })
        .execute();
    },
    async totals(projectId) {
      const rows = await db
        .selectFrom('ledger_entries')
        .select(['kind', (eb) => eb.fn.sum<number>('amount_micros').as('total')])
        .where('project_id', '=', projectId)
        .groupBy('kind')
        .execute();
      return byKind(rows);
    },
    async totalsFor(projectId, of) {
      let q = db
        .selectFrom('ledger_entries')
        .innerJoin('takes', 'takes.id', 'ledger_entries.take_id')
        .select(['ledger_entries.kind as kind', (eb) => eb.fn.sum<number>('ledger_entries.amount_micros').as('total')])
        .where('ledger_entries.project_id', '=', projectId);
      if ('sceneId' in of) q = q.innerJoin('shots', 'shots.id', 'takes.shot_id').where('shots.scene_id', '=', of.sceneId);
      else {
        q = q.where('takes.requested_by', '=', of.requestedBy);
        if (of.since) q = q.where('takes.requested_at', '>=', of.since);
      }
      return byKind(await q.groupBy('ledger_entries.kind').execute());
    },
    async totalsByScene(projectId) {
      const rows = await db
        .selectFrom('ledger_entries')
        .innerJoin('takes', 'takes.id', 'ledger_entries.take_id')
        .innerJoin('shots', 'shots.id', 'takes.shot_id')
        .select(['shots.scene_id as scene_id', 'ledger_entries.kind as kind', (eb) => eb.fn.sum<number>('ledger_entries.amount_micros').as('total')])
        .where('ledger_entries.project_id', '=', projectId)
        .groupBy(['shots.scene_id', 'ledger_entries.kind'])
        .execute();
      const byScene = new Map<string, { sceneId: string; reserved: number; settled: number; released: number }>();
      for (const r of rows) {
        const s = byScene.get(r.scene_id) ?? { sceneId: r.scene_id, reserved: 0, settled: 0, released: 0 };
        const total = Number(r.total ?? 0);
        if (r.kind === 'reservation') s.reserved = total;
        else if (r.kind === 'settlement') s.settled = total;
        else s.released = total;
        byScene.set(r.scene_id, s);
      }
      return [...byScene.values()];
    },
    async forTake(takeId) {
      const rows = await db.selectFrom('ledger_entries').selectAll().where('take_id', '=', takeId).orderBy('created_at').orderBy('id').execute();
      return rows.map(
        (r): LedgerEntryRecord => ({
          id: r.id,
          projectId: r.project_id,
          takeId: r.take_id,
          kind: r.kind,
          amountMicros: Number(r.amount_micros),
          currency: r.currency,
          note: r.note,
          createdAt: r.created_at,
        }),
      );
    },
  };
}

export function createPriceRepository(db: Kysely<DB>): PriceRepository {
  const toPrice = (r: { currency: string; provider: string; model: string; unit: string; per_quantity: number; price_micros: number; updated_at: string }): PriceRecord => ({
    currency: r.currency,
    provider: r.provider,
    model: r.model,
    unit: r.unit,
    perQuantity: Number(r.per_quantity),
    priceMicros: Number(r.price_micros),
    updatedAt: r.updated_at,
  });
  const toEntry = (r: PriceEntriesTable): PriceEntryRecord => ({
    id: r.id,
    projectId: r.project_id,
    currency: r.currency,
    provider: r.provider,
    model: r.model,
    unit: r.unit,
    perQuantity: Number(r.per_quantity),
    priceMicros: Number(r.price_micros),
    inForceFrom: r.in_force_from,
    source: r.source,
    setById: r.set_by_id,
    setByName: r.set_by_name,
    createdAt: r.created_at,
  });
  return {
    async entryInForce(projectId, currency, provider, model, at) {
      const r = await db
        .selectFrom('price_entries')
        .selectAll()
        .where('project_id', '=', projectId)
        .where('currency', '=', currency)
        .where('provider', '=', provider)
        .where('model', '=', model)
        .where('in_force_from', '<=', at)
        .orderBy('in_force_from', 'desc')
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .executeTakeFirst();
      return r && toEntry(r);
    },
    async appendEntry(e) {
      await db
        .insertInto('price_entries')
        .values({
          id: e.id,
          project_id: e.projectId,
          currency: e.currency,
          provider: e.provider,
          model: e.model,
          unit: e.unit,
          per_quantity: e.perQuantity,
          price_micros: e.priceMicros,
          in_force_from: e.inForceFrom,
          source: e.source,
          set_by_id: e.setById,
          set_by_name: e.setByName,
          created_at: e.createdAt,
        })
        .execute();
    },
    async entries(projectId, currency) {
      const rows = await db
        .selectFrom('price_entries')
        .selectAll()
        .where('project_id', '=', projectId)
        .where('currency', '=', currency)
        .orderBy('in_force_from', 'desc')
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toEntry);
    },
    async find(currency, provider, model) {
      const r = await db.selectFrom('prices').selectAll().where('currency', '=', currency).where('provider', '=', provider).where('model', '=', model).executeTakeFirst();
      return r && toPrice(r);
    },
    async upsert(p) {
      const values = { currency: p.currency, provider: p.provider, model: p.model, unit: p.unit, per_quantity: p.perQuantity, price_micros: p.priceMicros, updated_at: p.updatedAt };
      await db
        .insertInto('prices')
        .values(values)
        .onConflict((oc) => oc.columns(['currency', 'provider', 'model']).doUpdateSet({ unit: p.unit, per_quantity: p.perQuantity, price_micros: p.priceMicros, updated_at: p.updatedAt }))
        .execute();
    },
    async list(currency) {
      let q = db.selectFrom('prices').selectAll();
      if (currency) q = q.where('currency', '=', currency);
      return (await q.orderBy('provider').orderBy('model').execute()).map(toPrice);
    },
  };
}

export function createSpendLimitRepository(db: Kysely<DB>): SpendLimitRepository {
  const toBudget = (r: SceneBudgetsTable): SceneBudgetRecord => ({ sceneId: r.scene_id, projectId: r.project_id, amountMicros: Number(r.amount_micros), setByName: r.set_by_name, setAt: r.set_at });
  const toCap = (r: SpendCapsTable): SpendCapRecord => ({
    id: r.id,
    projectId: r.project_id,
    subjectKind: r.subject_kind,
    subject: r.subject,
    period: r.period,
    amountMicros: Number(r.amount_micros),
    setByName: r.set_by_name,
    setAt: r.set_at,
  });
  return {
    async sceneBudgets(projectId) {
      return (await db.selectFrom('scene_budgets').selectAll().where('project_id', '=', projectId).execute()).map(toBudget);
    },
    async sceneBudget(sceneId) {
      const r = await db.selectFrom('scene_budgets').selectAll().where('scene_id', '=', sceneId).executeTakeFirst();
      return r && toBudget(r);
    },
    async setSceneBudget(b) {
      const values = { scene_id: b.sceneId, project_id: b.projectId, amount_micros: b.amountMicros, set_by_name: b.setByName, set_at: b.setAt };
      await db
        .insertInto('scene_budgets')
        .values(values)
        .onConflict((oc) => oc.column('scene_id').doUpdateSet({ amount_micros: b.amountMicros, set_by_name: b.setByName, set_at: b.setAt }))
        .execute();
    },
    async removeSceneBudget(sceneId) {
      await db.deleteFrom('scene_budgets').where('scene_id', '=', sceneId).execute();
    },
    async caps(projectId) {
      return (await db.selectFrom('spend_caps').selectAll().where('project_id', '=', projectId).orderBy('subject_kind').orderBy('subject').orderBy('period').execute()).map(toCap);
    },
    async setCap(c) {
      await db
        .insertInto('spend_caps')
        .values({ id: c.id, project_id: c.projectId, subject_kind: c.subjectKind, subject: c.subject, period: c.period, amount_micros: c.amountMicros, set_by_name: c.setByName, set_at: c.setAt })
        .onConflict((oc) => oc.columns(['project_id', 'subject_kind', 'subject', 'period']).doUpdateSet({ amount_micros: c.amountMicros, set_by_name: c.setByName, set_at: c.setAt }))
        .execute();
    },
    async removeCap(projectId, subjectKind, subject, period) {
      await db.deleteFrom('spend_caps').where('project_id', '=', projectId).where('subject_kind', '=', subjectKind).where('subject', '=', subject).where('period', '=', period).execute();
    },
  };
}

export function createOutboxRepository(db: Kysely<DB>, dialect: Dialect): OutboxRepository {
  return {
    async publish(event) {
      const payload = JSON.stringify(event);
      // NOTIFY inside a transaction is delivered when (and only if) it commits.
      if (dialect === 'postgres') {
        await sql`select pg_notify(${EVENT_CHANNEL}, ${payload})`.execute(db);
        return;
      }
      // SQLite: the transaction holds the write lock, so max + 1 is safe and in commit order.
      const r = await db
        .selectFrom('event_outbox')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .executeTakeFirst();
      await db
        .insertInto('event_outbox')
        .values({ seq: Number(r?.seq ?? 0) + 1, project_id: event.projectId, payload, created_at: event.at })
        .execute();
    },
  };
}
