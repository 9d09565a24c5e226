/** Notes on takes in SQL: drawings and mentions as JSON text, the same on SQLite and PostgreSQL. */
import type { Kysely, Selectable } from 'kysely';
import type { NotePatch, NoteRecord, NoteRepository } from '../../../ports/note-store.ts';
import type { Dialect } from '../database.ts';
import type { DB, NotesTable } from '../schema.ts';

export function toNote(r: Selectable<NotesTable>): NoteRecord {
  return {
    id: r.id,
    projectId: r.project_id,
    takeId: r.take_id,
    parentId: r.parent_id,
    authorId: r.author_id,
    authorName: r.author_name,
    body: r.body,
    frame: r.frame === null ? null : Number(r.frame),
    frameEnd: r.frame_end === null ? null : Number(r.frame_end),
    drawing: r.drawing === null ? null : (JSON.parse(r.drawing) as NoteRecord['drawing']),
    visibility: r.visibility,
    mentions: JSON.parse(r.mentions) as NoteRecord['mentions'],
    resolvedAt: r.resolved_at,
    resolvedBy: r.resolved_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    sessionId: r.session_id,
    guestId: r.guest_id,
  };
}

function toColumns(p: NotePatch): Partial<Selectable<NotesTable>> {
  const v: Partial<Selectable<NotesTable>> = {};
  if (p.body !== undefined) v.body = p.body;
  if (p.mentions !== undefined) v.mentions = JSON.stringify(p.mentions);
  if (p.resolvedAt !== undefined) v.resolved_at = p.resolvedAt;
  if (p.resolvedBy !== undefined) v.resolved_by = p.resolvedBy;
  if (p.updatedAt !== undefined) v.updated_at = p.updatedAt;
  return v;
}

export function createNoteRepository(db: Kysely<DB>, dialect: Dialect): NoteRepository {
  return {
    async insert(n) {
      await db
        .insertInto('notes')
        .values({
          id: n.id,
          project_id: n.projectId,
          take_id: n.takeId,
          parent_id: n.parentId,
          author_id: n.authorId,
          author_name: n.authorName,
          body: n.body,
          frame: n.frame,
          frame_end: n.frameEnd,
          drawing: n.drawing === null ? null : JSON.stringify(n.drawing),
          visibility: n.visibility,
          mentions: JSON.stringify(n.mentions),
          resolved_at: n.resolvedAt,
          resolved_by: n.resolvedBy,
          created_at: n.createdAt,
          updated_at: n.updatedAt,
          session_id: n.sessionId ?? null,
          guest_id: n.guestId ?? null,
        })
        .execute();
    },
    async findById(projectId, id) {
      const r = await db.selectFrom('notes').selectAll().where('id', '=', id).where('project_id', '=', projectId).executeTakeFirst();
      return r && toNote(r);
    },
    async lock(projectId, id) {
      if (dialect === 'postgres') await db.selectFrom('notes').select('id').where('id', '=', id).where('project_id', '=', projectId).forUpdate().execute();
    },
    async listForTake(takeId) {
      const rows = await db.selectFrom('notes').selectAll().where('take_id', '=', takeId).orderBy('created_at').orderBy('id').execute();
      return rows.map(toNote);
    },
    async listForTakes(takeIds) {
      if (takeIds.length === 0) return [];
      const out: NoteRecord[] = [];
      for (let i = 0; i < takeIds.length; i += 500) {
        const rows = await db
          .selectFrom('notes')
          .selectAll()
          .where('take_id', 'in', takeIds.slice(i, i + 500))
          .orderBy('created_at')
          .orderBy('id')
          .execute();
        out.push(...rows.map(toNote));
      }
      return out.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },
    async update(id, patch) {
      const v = toColumns(patch);
      if (Object.keys(v).length) await db.updateTable('notes').set(v).where('id', '=', id).execute();
    },
    async ledTo(noteIds) {
      if (noteIds.length === 0) return [];
      const rows = await db
        .selectFrom('takes')
        .select(['id', 'source_note_id', 'number', 'review', 'output_hidden'])
        .where('source_note_id', 'in', noteIds)
        .orderBy('requested_at')
        .orderBy('number')
        .execute();
      return rows.map((r) => ({ noteId: r.source_note_id!, takeId: r.id, number: Number(r.number), review: r.review, outputHidden: Number(r.output_hidden) === 1 }));
    },
  };
}
