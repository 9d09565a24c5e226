/** The ledger (append-only), the price catalog and the event outbox in SQL. */
import { sql, type Kysely } from 'kysely';
import type { LedgerEntryRecord, LedgerRepository, OutboxRepository, PriceEntryRecord, PriceRecord, PriceRepository } from '../../../ports/take-store.ts';
import type { Dialect } from '../database.ts';
import type { DB, PriceEntriesTable } from '../schema.ts';

/** The PostgreSQL channel live events travel on. */
export const EVENT_CHANNEL = 'backlot_events';

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
      const of = (kind: string) => Number(rows.find((r) => r.kind === kind)?.total ?? 0);
      return { reserved: of('reservation'), settled: of('settlement'), released: of('release') };
    },
    async forTake(takeId) {
      const rows = await db.selectFrom('ledger_entries').selectAll().where('take_id', '=', takeId).orderBy('created_at').orderBy('id').execute();
      return rows.map(
        (r): LedgerEntryRecord => ({ id: r.id, projectId: r.project_id, takeId: r.take_id, kind: r.kind, amountMicros: Number(r.amount_micros), currency: r.currency, note: r.note, createdAt: r.created_at }),
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
      const r = await db.selectFrom('event_outbox').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
      await db.insertInto('event_outbox').values({ seq: Number(r?.seq ?? 0) + 1, project_id: event.projectId, payload, created_at: event.at }).execute();
    },
  };
}
