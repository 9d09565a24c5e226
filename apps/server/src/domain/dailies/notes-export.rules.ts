/**
 * Notes exported in the dailies notes shape (after the ASWF dailies notes assistant; the mapping is
 * docs/dailies-notes.md): one record per thread with its replies (JSON), or one row per note and
 * reply (CSV, replies naming the note they answer). Pure: the caller hands in what each reader may see.
 */
import type { DailiesNoteRecord } from '@backlot/contracts';
import { csvLine } from '../ledger/spend-views.rules.ts';

/** A note as the export reads it: Backlot's fields, with the timecode already worked out on the project's grid. */
export interface ExportNote {
  id: string;
  parentId: string | null;
  takeId: string;
  authorName: string;
  body: string;
  frame: number | null;
  frameEnd: number | null;
  timecode: string | null;
  visibility: 'internal' | 'client';
  resolved: boolean;
  hasDrawing: boolean;
  createdAt: string;
  updatedAt: string;
}

/** The take a note is on: its shot, its code and its review state. */
export interface ExportTake {
  id: string;
  shotCode: string;
  takeCode: string;
  review: string;
}

/** The CSV's columns, in order: DNA's `shot`, `version` and `notes` first, then the rest. */
export const NOTES_CSV_HEADER = [
  'shot',
  'version',
  'notes',
  'author',
  'created_at',
  'frame',
  'frame_end',
  'timecode',
  'version_status',
  'subject',
  'visibility',
  'resolved',
  'has_drawing',
  'note_id',
  'reply_to',
  'version_id',
  'playlist',
] as const;

/** Each thread (a note and its replies, in the order written) as one record, in the order of `takes` then time. */
export function noteRecords(notes: readonly ExportNote[], takes: readonly ExportTake[], playlist: { id: string; title: string } | null): DailiesNoteRecord[] {
  const order = new Map(takes.map((t, i) => [t.id, i]));
  const takeOf = new Map(takes.map((t) => [t.id, t]));
  const roots = notes.filter((n) => n.parentId === null && takeOf.has(n.takeId));
  roots.sort((a, b) => order.get(a.takeId)! - order.get(b.takeId)! || (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
  return roots.map((n) => {
    const take = takeOf.get(n.takeId)!;
    const version = `${take.shotCode} ${take.takeCode}`;
    return {
      playlist: playlist?.title ?? null,
      shot: take.shotCode,
      version,
      version_id: take.id,
      version_status: take.review,
      note_id: n.id,
      subject: n.timecode ? `${version} @ ${n.timecode}` : version,
      content: n.body,
      author: n.authorName,
      created_at: n.createdAt,
      updated_at: n.updatedAt,
      frame: n.frame,
      frame_end: n.frameEnd,
      timecode: n.timecode,
      visibility: n.visibility,
      resolved: n.resolved,
      has_drawing: n.hasDrawing,
      links: [
        ...(playlist ? [{ entity_type: 'Playlist' as const, entity_id: playlist.id, entity_name: playlist.title }] : []),
        { entity_type: 'Shot' as const, entity_id: take.shotCode, entity_name: take.shotCode },
        { entity_type: 'Version' as const, entity_id: take.id, entity_name: version },
      ],
      replies: notes.filter((r) => r.parentId === n.id).map((r) => ({ note_id: r.id, author: r.authorName, created_at: r.createdAt, content: r.body })),
    };
  });
}

/** The records as JSON: `{ format: 'backlot.dailies-notes', version: 1, notes }`. */
export function notesToJson(records: readonly DailiesNoteRecord[]): string {
  return `${JSON.stringify({ format: 'backlot.dailies-notes', version: 1, notes: records }, null, 2)}\n`;
}

/** The records as CSV (RFC 4180, CRLF, cells safe from spreadsheet formulas): a row per note, then a row per reply naming it in `reply_to`. */
export function notesToCsv(records: readonly DailiesNoteRecord[]): string {
  let out = csvLine([...NOTES_CSV_HEADER]);
  const cell = (v: string | number | boolean | null) => (v === null ? '' : String(v));
  for (const r of records) {
    out += csvLine(
      [
        r.shot,
        r.version,
        r.content,
        r.author,
        r.created_at,
        cell(r.frame),
        cell(r.frame_end),
        cell(r.timecode),
        r.version_status,
        r.subject,
        r.visibility,
        cell(r.resolved),
        cell(r.has_drawing),
        r.note_id,
        '',
        r.version_id,
        cell(r.playlist),
      ].map(String),
    );
    for (const reply of r.replies) {
      out += csvLine([
        r.shot,
        r.version,
        reply.content,
        reply.author,
        reply.created_at,
        '',
        '',
        '',
        r.version_status,
        r.subject,
        r.visibility,
        cell(r.resolved),
        'false',
        reply.note_id,
        r.note_id,
        r.version_id,
        cell(r.playlist),
      ]);
    }
  }
  return out;
}
