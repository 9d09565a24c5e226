import { describe, expect, it } from 'vitest';
import { noteRecords, notesToCsv, notesToJson, type ExportNote, type ExportTake } from './notes-export.rules.ts';

const takes: ExportTake[] = [
  { id: 't2', shotCode: 'SC01_SH020', takeCode: 'TK001', review: 'approved' },
  { id: 't1', shotCode: 'SC01_SH010', takeCode: 'TK003', review: 'maybe' },
];
const note = (over: Partial<ExportNote>): ExportNote => ({
  id: 'n',
  parentId: null,
  takeId: 't1',
  authorName: 'Dora',
  body: 'x',
  frame: null,
  frameEnd: null,
  timecode: null,
  visibility: 'internal',
  resolved: false,
  hasDrawing: false,
  createdAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-01T10:00:00.000Z',
  ...over,
});

describe('notes in the dailies notes shape', () => {
  const notes = [
    note({ id: 'n1', takeId: 't1', body: 'Trim the head', frame: 12, timecode: '00:00:00:12', hasDrawing: true }),
    note({ id: 'r1', parentId: 'n1', takeId: 't1', authorName: 'Cleo (guest)', body: 'Agreed', createdAt: '2026-03-01T10:05:00.000Z', updatedAt: '2026-03-01T10:05:00.000Z', visibility: 'client' }),
    note({ id: 'n2', takeId: 't2', authorName: 'Pete', body: '=SUM(A1)', visibility: 'client', resolved: true, createdAt: '2026-03-01T11:00:00.000Z', updatedAt: '2026-03-01T11:00:00.000Z' }),
  ];

  it('makes one record per thread, in playlist order, with its replies', () => {
    const records = noteRecords(notes, takes, { id: 's1', title: 'Monday' });
    expect(records).toEqual([
      {
        playlist: 'Monday',
        shot: 'SC01_SH020',
        version: 'SC01_SH020 TK001',
        version_id: 't2',
        version_status: 'approved',
        note_id: 'n2',
        subject: 'SC01_SH020 TK001',
        content: '=SUM(A1)',
        author: 'Pete',
        created_at: '2026-03-01T11:00:00.000Z',
        updated_at: '2026-03-01T11:00:00.000Z',
        frame: null,
        frame_end: null,
        timecode: null,
        visibility: 'client',
        resolved: true,
        has_drawing: false,
        links: [
          { entity_type: 'Playlist', entity_id: 's1', entity_name: 'Monday' },
          { entity_type: 'Shot', entity_id: 'SC01_SH020', entity_name: 'SC01_SH020' },
          { entity_type: 'Version', entity_id: 't2', entity_name: 'SC01_SH020 TK001' },
        ],
        replies: [],
      },
      {
        playlist: 'Monday',
        shot: 'SC01_SH010',
        version: 'SC01_SH010 TK003',
        version_id: 't1',
        version_status: 'maybe',
        note_id: 'n1',
        subject: 'SC01_SH010 TK003 @ 00:00:00:12',
        content: 'Trim the head',
        author: 'Dora',
        created_at: '2026-03-01T10:00:00.000Z',
        updated_at: '2026-03-01T10:00:00.000Z',
        frame: 12,
        frame_end: null,
        timecode: '00:00:00:12',
        visibility: 'internal',
        resolved: false,
        has_drawing: true,
        links: [
          { entity_type: 'Playlist', entity_id: 's1', entity_name: 'Monday' },
          { entity_type: 'Shot', entity_id: 'SC01_SH010', entity_name: 'SC01_SH010' },
          { entity_type: 'Version', entity_id: 't1', entity_name: 'SC01_SH010 TK003' },
        ],
        replies: [{ note_id: 'r1', author: 'Cleo (guest)', created_at: '2026-03-01T10:05:00.000Z', content: 'Agreed' }],
      },
    ]);
  });

  it('writes CSV rows for notes and replies, formulas defused', () => {
    const csv = notesToCsv(noteRecords(notes, takes, null));
    expect(csv.split('\r\n')).toEqual([
      'shot,version,notes,author,created_at,frame,frame_end,timecode,version_status,subject,visibility,resolved,has_drawing,note_id,reply_to,version_id,playlist',
      "SC01_SH020,SC01_SH020 TK001,'=SUM(A1),Pete,2026-03-01T11:00:00.000Z,,,,approved,SC01_SH020 TK001,client,true,false,n2,,t2,",
      'SC01_SH010,SC01_SH010 TK003,Trim the head,Dora,2026-03-01T10:00:00.000Z,12,,00:00:00:12,maybe,SC01_SH010 TK003 @ 00:00:00:12,internal,false,true,n1,,t1,',
      'SC01_SH010,SC01_SH010 TK003,Agreed,Cleo (guest),2026-03-01T10:05:00.000Z,,,,maybe,SC01_SH010 TK003 @ 00:00:00:12,internal,false,false,r1,n1,t1,',
      '',
    ]);
  });

  it('wraps the records as a versioned JSON document', () => {
    expect(JSON.parse(notesToJson([]))).toEqual({ format: 'backlot.dailies-notes', version: 1, notes: [] });
  });
});
