/** A member's home in SQL: notes that mention them or sit on their takes, their failed takes, takes awaiting review, and what they have read. */
import type { Kysely } from 'kysely';
import type { HomeNoteRow, HomeRepository, HomeTakeRow } from '../../../ports/home-store.ts';
import type { DB } from '../schema.ts';
import { toNote } from './note.repository.ts';

/** The take columns home reads, named apart from a note's. */
const TAKE_COLUMNS = [
  'takes.id as t_id',
  'takes.project_id as t_project_id',
  'takes.number as t_number',
  'takes.review as t_review',
  'takes.status as t_status',
  'takes.output_hidden as t_output_hidden',
  'takes.media as t_media',
  'takes.shot_id as t_shot_id',
  'shots.code as t_shot_code',
  'takes.requested_by as t_requested_by',
  'takes.error_code as t_error_code',
  'takes.error_message as t_error_message',
  'takes.error_category as t_error_category',
  'takes.finished_at as t_finished_at',
  'takes.updated_at as t_updated_at',
  'takes.requested_by_name as t_requested_by_name',
  'takes.requested_at as t_requested_at',
  'takes.estimate_micros as t_estimate_micros',
  'takes.currency as t_currency',
  'takes.sign_off as t_sign_off',
] as const;

interface TakeColumns {
  t_id: string;
  t_project_id: string;
  t_number: number;
  t_review: string;
  t_status: string;
  t_output_hidden: number;
  t_media: string | null;
  t_shot_id: string;
  t_shot_code: string;
  t_requested_by: string;
  t_error_code: string | null;
  t_error_message: string | null;
  t_error_category: string | null;
  t_finished_at: string | null;
  t_updated_at: string;
  t_requested_by_name: string;
  t_requested_at: string;
  t_estimate_micros: number;
  t_currency: string;
  t_sign_off: string | null;
}

function toTakeRow(r: TakeColumns): HomeTakeRow {
  const media = r.t_media === null ? null : (JSON.parse(r.t_media) as { posterSha256?: string });
  return {
    takeId: r.t_id,
    projectId: r.t_project_id,
    number: Number(r.t_number),
    review: r.t_review,
    status: r.t_status,
    outputHidden: Number(r.t_output_hidden) === 1,
    posterSha256: media?.posterSha256 ?? null,
    shotId: r.t_shot_id,
    shotCode: r.t_shot_code,
    requestedBy: r.t_requested_by,
    error: r.t_error_code === null ? null : { code: r.t_error_code, message: r.t_error_message ?? '', category: r.t_error_category ?? 'unknown' },
    at: r.t_finished_at ?? r.t_updated_at,
    requestedByName: r.t_requested_by_name,
    requestedAt: r.t_requested_at,
    estimateMicros: Number(r.t_estimate_micros),
    currency: r.t_currency,
    signOff: r.t_sign_off === null ? null : (JSON.parse(r.t_sign_off) as HomeTakeRow['signOff']),
  };
}

export function createHomeRepository(db: Kysely<DB>): HomeRepository {
  const notesWithTakes = (projectIds: string[]) =>
    db
      .selectFrom('notes')
      .innerJoin('takes', 'takes.id', 'notes.take_id')
      .innerJoin('shots', 'shots.id', 'takes.shot_id')
      .selectAll('notes')
      .select(TAKE_COLUMNS)
      .where('notes.project_id', 'in', projectIds);
  const takesWithShots = (projectIds: string[]) => db.selectFrom('takes').innerJoin('shots', 'shots.id', 'takes.shot_id').select(TAKE_COLUMNS).where('takes.project_id', 'in', projectIds);

  return {
    async mentioning(accountId, projectIds, limit) {
      if (projectIds.length === 0) return [];
      // Mentions are JSON text (`[{"id":"…","name":"…"}]`) on both databases; an account id holds no LIKE wildcard.
      const rows = await notesWithTakes(projectIds)
        .where('notes.mentions', 'like', `%"id":"${accountId}"%`)
        .where((eb) => eb.or([eb('notes.author_id', 'is', null), eb('notes.author_id', '!=', accountId)]))
        .orderBy('notes.created_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r): HomeNoteRow => ({ note: toNote(r), take: toTakeRow(r) }));
    },
    async onTakesBy(accountId, projectIds, limit) {
      if (projectIds.length === 0) return [];
      const rows = await notesWithTakes(projectIds)
        .where('takes.requested_by', '=', accountId)
        .where((eb) => eb.or([eb('notes.author_id', 'is', null), eb('notes.author_id', '!=', accountId)]))
        .orderBy('notes.created_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r): HomeNoteRow => ({ note: toNote(r), take: toTakeRow(r) }));
    },
    async failedTakesBy(accountId, projectIds, limit) {
      if (projectIds.length === 0) return [];
      const rows = await takesWithShots(projectIds).where('takes.requested_by', '=', accountId).where('takes.status', '=', 'failed').orderBy('takes.updated_at', 'desc').limit(limit).execute();
      return rows.map(toTakeRow);
    },
    async awaitingSignOff(projectIds, limit) {
      if (projectIds.length === 0) return [];
      const rows = await takesWithShots(projectIds).where('takes.status', '=', 'awaiting_approval').orderBy('takes.requested_at', 'desc').limit(limit).execute();
      return rows.map(toTakeRow);
    },
    async signOffsFor(accountId, projectIds, limit) {
      if (projectIds.length === 0) return [];
      const rows = await takesWithShots(projectIds).where('takes.requested_by', '=', accountId).where('takes.sign_off', 'is not', null).orderBy('takes.updated_at', 'desc').limit(limit).execute();
      return rows.map(toTakeRow);
    },
    async unreviewed(projectIds, limit) {
      if (projectIds.length === 0) return [];
      const rows = await takesWithShots(projectIds)
        .where('takes.status', '=', 'succeeded')
        .where('takes.review', '=', 'unreviewed')
        .where('takes.output_hidden', '=', 0)
        .orderBy('takes.updated_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toTakeRow);
    },
    async readKeys(accountId, keys) {
      if (keys.length === 0) return new Set();
      const found = new Set<string>();
      // A long home is asked about in slices, under every database's limit on bound values.
      for (let i = 0; i < keys.length; i += 500) {
        const rows = await db
          .selectFrom('home_reads')
          .select('item_key')
          .where('account_id', '=', accountId)
          .where('item_key', 'in', keys.slice(i, i + 500))
          .execute();
        for (const r of rows) found.add(r.item_key);
      }
      return found;
    },
    async markRead(accountId, keys, at) {
      const unique = [...new Set(keys)];
      for (let i = 0; i < unique.length; i += 500) {
        await db
          .insertInto('home_reads')
          .values(unique.slice(i, i + 500).map((k) => ({ account_id: accountId, item_key: k, read_at: at })))
          .onConflict((oc) => oc.columns(['account_id', 'item_key']).doNothing())
          .execute();
      }
    },
  };
}
