/** Takes (each row is also the worker's job) and the references each used, in SQL; claims use leases. */
import type { GenerationStatus, ReferenceRole } from '@backlot/contracts';
import { sql, type Expression, type RawBuilder, type ExpressionBuilder, type Kysely, type Selectable, type SqlBool } from 'kysely';
import type { ProjectTakeFilter, TakeFilterRepository, TakePatch, TakeRecord, TakeReferenceRecord, TakeRepository, TakeSort, TakeSortKey, TakeStep } from '../../../ports/take-store.ts';
import type { Dialect } from '../database.ts';
import type { DB, TakesTable } from '../schema.ts';

const json = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));
const num = (v: number | null) => (v === null ? null : Number(v));

export function toTake(r: Selectable<TakesTable>): TakeRecord {
  return {
    id: r.id,
    projectId: r.project_id,
    shotId: r.shot_id,
    number: Number(r.number),
    provider: r.provider,
    model: r.model,
    external: Number(r.external) === 1,
    status: r.status as GenerationStatus,
    step: r.step as TakeStep,
    providerStatus: r.provider_status,
    progress: num(r.progress),
    error: r.error_code === null ? null : { code: r.error_code, message: r.error_message ?? '', category: r.error_category ?? 'unknown' },
    review: r.review,
    planVersion: Number(r.plan_version),
    settings: JSON.parse(r.settings) as Record<string, unknown>,
    seed: num(r.seed),
    prompt: r.prompt,
    negativePrompt: r.negative_prompt,
    spec: json(r.spec),
    request: json(r.request),
    adaptations: JSON.parse(r.adaptations) as TakeRecord['adaptations'],
    idempotencyKey: r.idempotency_key,
    webhookSecret: r.webhook_secret,
    providerTaskId: r.provider_task_id,
    snapshot: json(r.snapshot),
    currency: r.currency,
    estimateMicros: Number(r.estimate_micros),
    reservedMicros: Number(r.reserved_micros),
    actualMicros: num(r.actual_micros),
    estimateDetail: r.estimate_detail,
    usageUnit: r.usage_unit,
    usageQuantity: Number(r.usage_quantity),
    priceSource: r.price_source,
    signOff: json(r.sign_off),
    mediaPurge: json(r.media_purge ?? null),
    media: json(r.media),
    continuity: JSON.parse(r.continuity) as TakeRecord['continuity'],
    outputHidden: Number(r.output_hidden) === 1,
    parentTakeId: r.parent_take_id,
    requestedBy: r.requested_by,
    requestedByName: r.requested_by_name,
    attempts: Number(r.attempts),
    sendRefused: Number(r.send_refused ?? 0) === 1,
    nextAttemptAt: r.next_attempt_at,
    leaseOwner: r.lease_owner,
    leaseUntil: r.lease_until,
    requestedAt: r.requested_at,
    submittedAt: r.submitted_at,
    finishedAt: r.finished_at,
    ingestMs: num(r.ingest_ms),
    updatedAt: r.updated_at,
    criteria: JSON.parse(r.criteria) as TakeRecord['criteria'],
    rating: num(r.rating),
    verdict: r.verdict,
    inFrame: num(r.in_frame),
    outFrame: num(r.out_frame),
    sourceNoteId: r.source_note_id,
  };
}

/** Column values for the fields a patch names. */
function toColumns(p: TakePatch): Partial<Selectable<TakesTable>> {
  const v: Partial<Selectable<TakesTable>> = {};
  if (p.status !== undefined) v.status = p.status;
  if (p.step !== undefined) v.step = p.step;
  if (p.providerStatus !== undefined) v.provider_status = p.providerStatus;
  if (p.progress !== undefined) v.progress = p.progress;
  if (p.error !== undefined) {
    v.error_code = p.error?.code ?? null;
    v.error_message = p.error?.message ?? null;
    v.error_category = p.error?.category ?? null;
  }
  if (p.review !== undefined) v.review = p.review;
  if (p.request !== undefined) v.request = p.request === null ? null : JSON.stringify(p.request);
  if (p.providerTaskId !== undefined) v.provider_task_id = p.providerTaskId;
  if (p.snapshot !== undefined) v.snapshot = p.snapshot === null ? null : JSON.stringify(p.snapshot);
  if (p.actualMicros !== undefined) v.actual_micros = p.actualMicros;
  if (p.media !== undefined) {
    v.media = p.media === null ? null : JSON.stringify(p.media);
    v.original_sha256 = p.media?.originalSha256 ?? null;
  }
  if (p.continuity !== undefined) v.continuity = JSON.stringify(p.continuity);
  if (p.outputHidden !== undefined) v.output_hidden = p.outputHidden ? 1 : 0;
  if (p.attempts !== undefined) v.attempts = p.attempts;
  if (p.sendRefused !== undefined) v.send_refused = p.sendRefused ? 1 : 0;
  if (p.nextAttemptAt !== undefined) v.next_attempt_at = p.nextAttemptAt;
  if (p.leaseOwner !== undefined) v.lease_owner = p.leaseOwner;
  if (p.leaseUntil !== undefined) v.lease_until = p.leaseUntil;
  if (p.submittedAt !== undefined) v.submitted_at = p.submittedAt;
  if (p.finishedAt !== undefined) v.finished_at = p.finishedAt;
  if (p.ingestMs !== undefined) v.ingest_ms = p.ingestMs;
  if (p.updatedAt !== undefined) v.updated_at = p.updatedAt;
  if (p.criteria !== undefined) v.criteria = JSON.stringify(p.criteria);
  if (p.rating !== undefined) v.rating = p.rating;
  if (p.verdict !== undefined) v.verdict = p.verdict;
  if (p.inFrame !== undefined) v.in_frame = p.inFrame;
  if (p.outFrame !== undefined) v.out_frame = p.outFrame;
  if (p.reservedMicros !== undefined) v.reserved_micros = p.reservedMicros;
  if (p.signOff !== undefined) v.sign_off = p.signOff === null ? null : JSON.stringify(p.signOff);
  return v;
}

type GridEb = ExpressionBuilder<DB & { takes: TakesTable }, 'takes' | 'shots' | 'scenes'>;

/** One column of a sort: how to compute it, whether it is a number, and whether it runs downwards. */
interface SortColumn {
  expr: RawBuilder<unknown>;
  numeric: boolean;
  desc: boolean;
}

/** The columns of each sort, the last of which (a take's id, or its number within its shot) makes the key unique. */
const SORTS: Record<TakeSort, SortColumn[]> = {
  scene: [
    { expr: sql.ref('scenes.position'), numeric: true, desc: false },
    { expr: sql.ref('shots.position'), numeric: true, desc: false },
    { expr: sql.ref('shots.id'), numeric: false, desc: false },
    { expr: sql.ref('takes.number'), numeric: true, desc: true },
  ],
  newest: [
    { expr: sql.ref('takes.requested_at'), numeric: false, desc: true },
    { expr: sql.ref('takes.id'), numeric: false, desc: true },
  ],
  oldest: [
    { expr: sql.ref('takes.requested_at'), numeric: false, desc: false },
    { expr: sql.ref('takes.id'), numeric: false, desc: false },
  ],
  cost: [
    { expr: sql`coalesce(takes.actual_micros, takes.estimate_micros)`, numeric: true, desc: true },
    { expr: sql.ref('takes.id'), numeric: false, desc: true },
  ],
};

/** Rows that come after `key` in the sort: (a > x) or (a = x and b > y) or …, each column in its own direction. */
function beyond(eb: GridEb, columns: SortColumn[], key: TakeSortKey): Expression<SqlBool> {
  return eb.or(columns.map((c, i) => eb.and([...columns.slice(0, i).map((p, j) => eb(p.expr, '=', key[j])), eb(c.expr, c.desc ? '<' : '>', key[i])])));
}

/** The filter as a condition on takes joined to their shots and scenes; prompt words through each database's full-text index. */
function matching(eb: GridEb, dialect: Dialect, f: ProjectTakeFilter): Expression<SqlBool> {
  const all: Expression<SqlBool>[] = [];
  if (f.words?.length) {
    if (dialect === 'sqlite') {
      // Each word quoted (words hold letters and digits only), the last also as a prefix.
      const match = f.words.map((w, i) => `"${w}"${i === f.words!.length - 1 ? '*' : ''}`).join(' ');
      all.push(sql<SqlBool>`takes.id in (select take_id from takes_fts where takes_fts match ${match})`);
    } else {
      const query = f.words.map((w, i) => `'${w}'${i === f.words!.length - 1 ? ':*' : ''}`).join(' & ');
      all.push(sql<SqlBool>`takes.prompt_search @@ to_tsquery('simple', ${query})`);
    }
  }
  if (f.provider) all.push(eb('takes.provider', '=', f.provider));
  if (f.model) all.push(eb('takes.model', '=', f.model));
  if (f.seed !== undefined) all.push(eb('takes.seed', '=', f.seed));
  if (f.status) all.push(eb('takes.status', '=', f.status));
  if (f.review) all.push(eb('takes.review', '=', f.review));
  if (f.requestedBy) all.push(eb('takes.requested_by', '=', f.requestedBy));
  if (f.sceneId) all.push(eb('shots.scene_id', '=', f.sceneId));
  if (f.shotId) all.push(eb('takes.shot_id', '=', f.shotId));
  if (f.from) all.push(eb('takes.requested_at', '>=', f.from));
  if (f.to) all.push(eb('takes.requested_at', '<=', f.to));
  if (f.reviewedOnly) all.push(eb('takes.review', 'in', ['selected', 'approved']), eb('takes.output_hidden', '=', 0));
  return eb.and(all);
}

/** Statuses with work left for a worker (awaiting approval waits for a person; terminal ones are done). */
const WORKING: GenerationStatus[] = ['queued', 'submitted', 'running', 'cancel_requested'];

export function createTakeRepository(db: Kysely<DB>, dialect: Dialect): TakeRepository {
  return {
    async insert(t) {
      await db
        .insertInto('takes')
        .values({
          id: t.id,
          project_id: t.projectId,
          shot_id: t.shotId,
          number: t.number,
          provider: t.provider,
          model: t.model,
          external: t.external ? 1 : 0,
          status: t.status,
          step: t.step,
          provider_status: t.providerStatus,
          progress: t.progress,
          error_code: t.error?.code ?? null,
          error_message: t.error?.message ?? null,
          error_category: t.error?.category ?? null,
          review: t.review,
          plan_version: t.planVersion,
          settings: JSON.stringify(t.settings),
          seed: t.seed,
          prompt: t.prompt,
          negative_prompt: t.negativePrompt,
          spec: t.spec === null ? null : JSON.stringify(t.spec),
          request: t.request === null ? null : JSON.stringify(t.request),
          adaptations: JSON.stringify(t.adaptations),
          idempotency_key: t.idempotencyKey,
          webhook_secret: t.webhookSecret,
          provider_task_id: t.providerTaskId,
          snapshot: t.snapshot === null ? null : JSON.stringify(t.snapshot),
          currency: t.currency,
          estimate_micros: t.estimateMicros,
          reserved_micros: t.reservedMicros,
          actual_micros: t.actualMicros,
          estimate_detail: t.estimateDetail,
          usage_unit: t.usageUnit,
          usage_quantity: t.usageQuantity,
          price_source: t.priceSource,
          sign_off: t.signOff === null ? null : JSON.stringify(t.signOff),
          media: t.media === null ? null : JSON.stringify(t.media),
          original_sha256: t.media?.originalSha256 ?? null,
          continuity: JSON.stringify(t.continuity),
          output_hidden: t.outputHidden ? 1 : 0,
          parent_take_id: t.parentTakeId,
          requested_by: t.requestedBy,
          requested_by_name: t.requestedByName,
          attempts: t.attempts,
          next_attempt_at: t.nextAttemptAt,
          lease_owner: t.leaseOwner,
          lease_until: t.leaseUntil,
          requested_at: t.requestedAt,
          submitted_at: t.submittedAt,
          finished_at: t.finishedAt,
          ingest_ms: t.ingestMs,
          updated_at: t.updatedAt,
          criteria: JSON.stringify(t.criteria),
          rating: t.rating,
          verdict: t.verdict,
          in_frame: t.inFrame,
          out_frame: t.outFrame,
          source_note_id: t.sourceNoteId,
        })
        .execute();
    },
    async insertReferences(refs) {
      if (refs.length === 0) return;
      await db
        .insertInto('take_references')
        .values(refs.map((r) => ({ take_id: r.takeId, asset_id: r.assetId, asset_version: r.assetVersion, role: r.role })))
        .execute();
    },
    async findById(projectId, id) {
      const r = await db.selectFrom('takes').selectAll().where('id', '=', id).where('project_id', '=', projectId).executeTakeFirst();
      return r && toTake(r);
    },
    async get(id) {
      const r = await db.selectFrom('takes').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toTake(r);
    },
    async listForShot(shotId, filter) {
      let q = db.selectFrom('takes').selectAll().where('shot_id', '=', shotId);
      if (filter?.status) q = q.where('status', '=', filter.status);
      return (await q.orderBy('number', 'desc').execute()).map(toTake);
    },
    async references(takeIds) {
      if (takeIds.length === 0) return [];
      const rows = await db.selectFrom('take_references').selectAll().where('take_id', 'in', takeIds).execute();
      return rows.map((r): TakeReferenceRecord => ({ takeId: r.take_id, assetId: r.asset_id, assetVersion: Number(r.asset_version), role: r.role as ReferenceRole }));
    },
    async nextNumber(shotId) {
      const r = await db
        .selectFrom('takes')
        .select((eb) => eb.fn.max('number').as('n'))
        .where('shot_id', '=', shotId)
        .executeTakeFirst();
      return Number(r?.n ?? 0) + 1;
    },
    async update(id, patch) {
      const v = toColumns(patch);
      if (Object.keys(v).length) await db.updateTable('takes').set(v).where('id', '=', id).execute();
    },
    async updateLeased(id, owner, patch, status) {
      let q = db.updateTable('takes').set(toColumns(patch)).where('id', '=', id).where('lease_owner', '=', owner);
      if (status) q = q.where('status', '=', status);
      const r = await q.executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async claim(owner, now, leaseUntil, limit) {
      // Candidates: work left, due, and no live lease. PostgreSQL skips rows another worker is
      // claiming right now; SQLite's transaction already holds the only write lock.
      let candidates = db
        .selectFrom('takes')
        .select('id')
        .where('status', 'in', WORKING)
        .where('next_attempt_at', '<=', now)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(limit);
      if (dialect === 'postgres') candidates = candidates.forUpdate().skipLocked();
      const ids = (await candidates.execute()).map((r) => r.id);
      if (ids.length === 0) return [];
      // Every candidate is this transaction's to lease (locked on PostgreSQL, the write lock on SQLite).
      await db.updateTable('takes').set({ lease_owner: owner, lease_until: leaseUntil }).where('id', 'in', ids).execute();
      return ids;
    },
    async takeSlot(id, owner, slotKey, limit, patch, waiting) {
      // Whoever asks for a place under this key next waits here until this transaction ends, then
      // counts what it committed. On SQLite the transaction's write lock already does that.
      if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtextextended(${slotKey}, 0))`.execute(db);
      const held = await db
        .selectFrom('takes')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('slot_key', '=', slotKey)
        .where('id', '!=', id)
        .where((eb) =>
          eb.or([
            eb.and([eb('status', 'in', ['submitted', 'running', 'cancel_requested']), eb('step', '!=', 'ingest')]),
            eb.and([eb('status', '=', 'queued'), eb('step', '=', 'submit'), eb('attempts', '>', 0)]),
          ]),
        )
        .executeTakeFirst();
      const full = Number(held?.n ?? 0) >= limit;
      const r = await db
        .updateTable('takes')
        .set({ ...toColumns(full ? waiting : patch), slot_key: slotKey })
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .executeTakeFirst();
      return !full && Number(r.numUpdatedRows) > 0;
    },
    async wakeWaiting(slotKey, count, now) {
      const waiting = await db
        .selectFrom('takes')
        .select('id')
        .where('slot_key', '=', slotKey)
        .where('status', '=', 'queued')
        .where('step', '=', 'submit')
        .where('attempts', '=', 0)
        .where('next_attempt_at', '>', now)
        .orderBy('requested_at')
        .orderBy('id')
        .limit(count)
        .execute();
      if (waiting.length)
        await db
          .updateTable('takes')
          .set({ next_attempt_at: now })
          .where(
            'id',
            'in',
            waiting.map((w) => w.id),
          )
          .where('next_attempt_at', '>', now)
          .execute();
    },
    async heldTaskIds(provider, providerTaskIds, takeId) {
      if (!providerTaskIds.length) return new Set();
      const rows = await db.selectFrom('takes').select('provider_task_id').where('provider', '=', provider).where('provider_task_id', 'in', providerTaskIds).where('id', '!=', takeId).execute();
      return new Set(rows.map((r) => r.provider_task_id!));
    },
    async nextDue(now) {
      const r = await db
        .selectFrom('takes')
        .select((eb) => eb.fn.min('next_attempt_at').as('at'))
        .where('status', 'in', WORKING)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
        .executeTakeFirst();
      return r?.at ?? undefined;
    },
    async listReviewed(projectId, states) {
      if (!states.length) return [];
      const rows = await db.selectFrom('takes').selectAll().where('project_id', '=', projectId).where('review', 'in', states).orderBy('shot_id').orderBy('number').execute();
      return rows.map(toTake);
    },
    async approvedForShots(shotIds) {
      if (!shotIds.length) return [];
      const rows = await db.selectFrom('takes').selectAll().where('shot_id', 'in', shotIds).where('review', '=', 'approved').execute();
      return rows.map(toTake);
    },
    async pageForProject(projectId, { limit, offset, sort, after, ...filter }) {
      const q = db
        .selectFrom('takes')
        .innerJoin('shots', 'shots.id', 'takes.shot_id')
        .innerJoin('scenes', 'scenes.id', 'shots.scene_id')
        // With words on SQLite, the unary + keeps the planner off the project's indexes, so the
        // full-text matches lead (each found by its id) rather than every take of the project.
        .where(dialect === 'sqlite' && filter.words?.length ? sql<SqlBool>`+takes.project_id = ${projectId}` : sql<SqlBool>`takes.project_id = ${projectId}`)
        .where((eb) => matching(eb, dialect, filter));
      const columns = SORTS[sort];
      // The page's ids and keys first (narrow rows through the sort), then those takes whole.
      let keys = q.select('takes.id').select(columns.map((c, i) => c.expr.as(`sort_${i}`)));
      if (after) keys = keys.where((eb) => beyond(eb, columns, after));
      for (const c of columns) keys = keys.orderBy(c.expr, c.desc ? 'desc' : 'asc');
      if (!after && offset > 0) keys = keys.offset(offset);
      const count = async () => Number((await q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      let page: Record<string, unknown>[];
      let total: number;
      if (after) {
        [page, total] = await Promise.all([keys.limit(limit).execute(), count()]);
      } else {
        // Without a cursor the page's own pass counts every match (one search, not two); past the end, a count of its own.
        page = await keys.select(sql<number>`count(*) over ()`.as('total_n')).limit(limit).execute();
        total = page.length ? Number(page[0].total_n) : offset > 0 ? await count() : 0;
      }
      const ids = page.map((r) => String(r.id));
      const byId = ids.length ? new Map((await db.selectFrom('takes').selectAll().where('id', 'in', ids).execute()).map((r) => [r.id, r])) : new Map<string, Selectable<TakesTable>>();
      const rows = ids.map((id) => byId.get(id)!).filter(Boolean);
      const last = page.at(-1) as Record<string, unknown> | undefined;
      const lastKey = last ? columns.map((c, i) => (c.numeric ? Number(last[`sort_${i}`]) : String(last[`sort_${i}`]))) : null;
      return { items: rows.map(toTake), total, lastKey };
    },
    async settledByModel(projectId, currency) {
      const rows = await db
        .selectFrom('takes')
        .select(['provider', 'model'])
        .select((eb) => [eb.fn.countAll<number>().as('takes'), eb.fn.sum<number>('estimate_micros').as('estimated'), eb.fn.sum<number>('actual_micros').as('actual')])
        .where('project_id', '=', projectId)
        .where('currency', '=', currency)
        .where('actual_micros', 'is not', null)
        .groupBy(['provider', 'model'])
        .orderBy('provider')
        .orderBy('model')
        .execute();
      return rows.map((r) => ({ provider: r.provider, model: r.model, takes: Number(r.takes), estimatedMicros: Number(r.estimated), actualMicros: Number(r.actual) }));
    },
    async renderedForProject(projectId, sceneId) {
      let q = db
        .selectFrom('takes')
        .innerJoin('shots', 'shots.id', 'takes.shot_id')
        .innerJoin('scenes', 'scenes.id', 'shots.scene_id')
        .selectAll('takes')
        .select('shots.scene_id as scene_id')
        .where('takes.project_id', '=', projectId)
        .where('takes.status', '=', 'succeeded')
        .where('takes.media', 'is not', null)
        .where('takes.output_hidden', '=', 0)
        .where('takes.review', '!=', 'rejected');
      if (sceneId) q = q.where('shots.scene_id', '=', sceneId);
      const rows = await q.orderBy('scenes.position').orderBy('shots.position').orderBy('shots.id').orderBy('takes.number', 'desc').execute();
      return rows.map((r) => ({ ...toTake(r), sceneId: r.scene_id }));
    },
    async shotsWithTakes(projectId, filter) {
      let q = db
        .selectFrom('shots')
        .innerJoin('scenes', 'scenes.id', 'shots.scene_id')
        .where('shots.project_id', '=', projectId)
        .where((eb) => {
          let takes = eb.selectFrom('takes').select('takes.id').whereRef('takes.shot_id', '=', 'shots.id');
          if (filter.reviewedOnly) takes = takes.where('takes.review', 'in', ['selected', 'approved']).where('takes.output_hidden', '=', 0);
          return eb.exists(takes);
        });
      q = q.orderBy('scenes.position').orderBy('shots.position').orderBy('shots.id');
      const rows = await q.select(['shots.id', 'shots.code', 'shots.scene_id', 'scenes.number']).execute();
      return rows.map((r) => ({ id: r.id, code: r.code, sceneId: r.scene_id, sceneNumber: r.number }));
    },
    async approvedForShot(shotId) {
      const r = await db.selectFrom('takes').selectAll().where('shot_id', '=', shotId).where('review', '=', 'approved').executeTakeFirst();
      return r && toTake(r);
    },
  };
}

/** Saved searches of a project's takes, one member's each. */
export function createTakeFilterRepository(db: Kysely<DB>): TakeFilterRepository {
  return {
    async insert(f) {
      await db
        .insertInto('take_filters')
        .values({ id: f.id, project_id: f.projectId, account_id: f.accountId, name: f.name, query: JSON.stringify(f.query), created_at: f.createdAt })
        .execute();
    },
    async listFor(projectId, accountId) {
      const rows = await db.selectFrom('take_filters').selectAll().where('project_id', '=', projectId).where('account_id', '=', accountId).orderBy('name').orderBy('id').execute();
      return rows.map((r) => ({ id: r.id, projectId: r.project_id, accountId: r.account_id, name: r.name, query: JSON.parse(r.query) as Record<string, unknown>, createdAt: r.created_at }));
    },
    async delete(projectId, accountId, id) {
      const r = await db.deleteFrom('take_filters').where('id', '=', id).where('project_id', '=', projectId).where('account_id', '=', accountId).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}
