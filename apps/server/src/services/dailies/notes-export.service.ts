/** Notes of a dailies session or of one take, exported as CSV or JSON in the dailies notes shape, as the reader may see them (a viewer: client-visible notes only). */
import type { Role } from '@backlot/contracts';
import { noteRecords, notesToCsv, notesToJson, type ExportTake } from '../../domain/dailies/notes-export.rules.ts';
import { fail } from '../../domain/errors.ts';
import { noteVisibleTo } from '../../domain/review/notes.rules.ts';
import { frameRangeTimecode } from '../../domain/timecode/timecode.ts';
import type { DailiesSessionRecord } from '../../ports/dailies-store.ts';
import type { Store } from '../../ports/store.ts';
import { takeCode } from '../generate/generate.service.ts';
import { takeVisibleTo } from '../generate/take-presenter.ts';

export interface NotesExportDeps {
  store: Store;
  /** The session if the member may see it (the dailies service's check). */
  sessionFor(projectId: string, accountId: string, role: Role, sessionId: string): Promise<DailiesSessionRecord>;
}

type Format = 'csv' | 'json';

/** A file name without characters a file system refuses. */
const safeName = (s: string) => s.replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '') || 'notes';

export function createNotesExportService(deps: NotesExportDeps) {
  const read = deps.store.read;

  async function exportOf(projectId: string, role: Role, takes: ExportTake[], playlist: { id: string; title: string } | null, format: Format, name: string) {
    const project = (await read.projects.findById(projectId)) ?? fail('project.not_found', 'No such project.');
    const rate = { num: project.fpsNum, den: project.fpsDen };
    const all = await read.notes.listForTakes(takes.map((t) => t.id));
    const roots = new Map(all.filter((n) => n.parentId === null).map((n) => [n.id, n]));
    const visible = all.filter((n) => noteVisibleTo(role, n, n.parentId === null ? n : roots.get(n.parentId)));
    const records = noteRecords(
      visible.map((n) => ({
        id: n.id,
        parentId: n.parentId,
        takeId: n.takeId,
        authorName: n.authorName,
        body: n.body,
        frame: n.frame,
        frameEnd: n.frameEnd,
        timecode: frameRangeTimecode(n.frame, n.frameEnd, rate, project.timecodeMode),
        visibility: n.visibility,
        resolved: n.resolvedAt !== null,
        hasDrawing: n.drawing !== null,
        createdAt: n.createdAt,
        updatedAt: n.updatedAt,
      })),
      takes,
      playlist,
    );
    const content = format === 'csv' ? notesToCsv(records) : notesToJson(records);
    return { format, fileName: `${safeName(`${project.code}_${name}_notes`)}.${format}`, content };
  }

  return {
    /** The notes on a session's playlist, in playlist order. */
    async session(projectId: string, accountId: string, role: Role, sessionId: string, format: Format) {
      const session = await deps.sessionFor(projectId, accountId, role, sessionId);
      const items = await read.dailies.itemsWithTakes(session.id);
      const takes = items.map((i) => ({ id: i.take.id, shotCode: i.shotCode, takeCode: takeCode(i.take.number), review: i.take.review }));
      return exportOf(projectId, role, takes, { id: session.id, title: session.title }, format, `${session.date}_${session.title}`);
    },

    /** The notes on one take the member may see. */
    async take(projectId: string, role: Role, takeId: string, format: Format) {
      const take = await read.takes.findById(projectId, takeId);
      if (!take || !takeVisibleTo(role, take)) fail('take.not_found', 'No such take in this project.');
      const shot = await read.shots.findById(projectId, take.shotId);
      const code = takeCode(take.number);
      return exportOf(projectId, role, [{ id: take.id, shotCode: shot?.code ?? '', takeCode: code, review: take.review }], null, format, `${shot?.code ?? ''}_${code}`);
    },
  };
}

export type NotesExportService = ReturnType<typeof createNotesExportService>;
