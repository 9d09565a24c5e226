/**
 * A dailies session's report (issue 15): what the session decided and said, gathered from the
 * database as DailiesReportData, printed to PDF when the session closes (its hash kept with the
 * session and written into the audit chain), and read back as a web page or the PDF — the team's
 * cut, or a client's (viewer) cut with no spend, internal notes or names of who decided.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Role } from '@backlot/contracts';
import type { DailiesReportData, ReportNote, ReportTake } from '../../domain/dailies/report.data.ts';
import { fail } from '../../domain/errors.ts';
import { frameRangeTimecode } from '../../domain/timecode/timecode.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { Clock } from '../../ports/clock.ts';
import type { DocumentRenderer } from '../../ports/documents.ts';
import type { DailiesSessionRecord } from '../../ports/dailies-store.ts';
import type { NoteRecord } from '../../ports/note-store.ts';
import type { Repos, Store } from '../../ports/store.ts';
import type { Actor } from '../audit/audit-append.ts';
import { takeCode } from '../generate/generate.service.ts';
import { takeVisibleTo } from '../generate/take-presenter.ts';
import { roleMay } from '../../domain/permissions/permissions.ts';
import type { DailiesService } from './dailies.service.ts';
import type { DailiesReportService } from './report.service.ts';

export interface SessionReportDeps {
  store: Store;
  clock: Clock;
  blobs: BlobStore;
  /** Prints the reports printed for one reader (kept nowhere). */
  documents: DocumentRenderer;
  dailies: Pick<DailiesService, 'close' | 'sessionFor'>;
  report: DailiesReportService;
}

// A session changed while its report printed is printed again, a few times at most.
const CLOSE_ATTEMPTS = 3;

/** Why a take is to be made again: rejected or left at maybe, or an open note asks for it; null otherwise. */
function regenerateReason(decision: string, notes: NoteRecord[]): string | null {
  const asking = notes.find((n) => n.parentId === null && n.resolvedAt === null && /\bregenerat|\bredo\b|\bagain\b/i.test(n.body));
  if (decision === 'rejected') return `Rejected${asking ? `: ${asking.body}` : ''}`;
  if (decision === 'maybe') return `Left at maybe${asking ? `: ${asking.body}` : ''}`;
  return asking && decision !== 'approved' ? `A note asks for it: ${asking.body}` : null;
}

/**
 * The report's data as the session reads now, every take and note (the team's cut; the report
 * service cuts it for clients). A poster or proxy missing from storage is left out, not fatal.
 */
export async function gatherReport(repos: Repos, blobs: Pick<BlobStore, 'stat'>, session: DailiesSessionRecord, closedAt: string | null, reader?: Role): Promise<DailiesReportData> {
  const project = (await repos.projects.findById(session.projectId)) ?? fail('project.not_found', 'No such project.');
  const rate = { num: project.fpsNum, den: project.fpsDen };
  const [all, attendees] = await Promise.all([repos.dailies.itemsWithTakes(session.id), repos.dailies.attendees(session.id)]);
  // A reader who may not see every take (a viewer: selects and approvals only) reads of the takes they may see.
  const items = reader ? all.filter((i) => takeVisibleTo(reader, i.take)) : all;
  const notes = await repos.notes.listForTakes(items.map((i) => i.take.id));
  const stored = async (sha256: string | null | undefined) => (sha256 && (await blobs.stat(sha256)) ? sha256 : null);
  const files = await Promise.all(items.map(async ({ take }) => ({ poster: await stored(take.media?.posterSha256), proxy: await stored(take.media?.proxySha256) })));
  const takes: ReportTake[] = items.map(({ take, shotCode }, i) => {
    const own = notes.filter((n) => n.takeId === take.id);
    const reportNote = (n: NoteRecord): ReportNote => ({
      author: n.authorName,
      body: n.body,
      frame: n.frame,
      timecode: frameRangeTimecode(n.frame, n.frameEnd, rate, project.timecodeMode),
      drawing: n.drawing,
      visibility: n.visibility,
      replies: own.filter((r) => r.parentId === n.id).map((r) => ({ author: r.authorName, body: r.body })),
    });
    return {
      code: takeCode(take.number),
      shot: shotCode,
      decision: take.review as ReportTake['decision'],
      posterSha256: files[i].poster,
      proxySha256: files[i].proxy,
      criteria: take.criteria,
      verdict: take.verdict || null,
      notes: own.filter((n) => n.parentId === null).map(reportNote),
      regenerate: regenerateReason(take.review, own),
      spendMicros: take.actualMicros ?? (take.reservedMicros || null),
    };
  });
  return {
    project: { code: project.code, name: project.name, currency: project.currency },
    session: { name: session.title, date: session.date, closedAt },
    attendees: attendees.map((a) => ({ name: a.name, role: a.role })),
    takes,
  };
}

export function createSessionReportService(deps: SessionReportDeps) {
  const read = deps.store.read;

  async function closedSession(projectId: string, accountId: string, role: Role, sessionId: string) {
    const session = await deps.dailies.sessionFor(projectId, accountId, role, sessionId);
    if (session.status !== 'closed' || !session.reportSha256) fail('dailies.report_not_ready', `“${session.title}” has no report yet: its report is printed when it closes.`);
    return session;
  }

  // Closings under way in this process, by session: the next waits for the last.
  const closing = new Map<string, Promise<void>>();

  /** One closing with its report (see close). */
  async function closeNow(actor: Actor, role: Role, projectId: string, sessionId: string) {
    for (let attempt = 1; ; attempt++) {
      const session = (await read.dailies.findSession(projectId, sessionId)) ?? fail('dailies.not_found', 'No such dailies session in this project.');
      if (session.status === 'closed') fail('dailies.closed', `“${session.title}” is closed and read-only.`);
      const at = deps.clock.now().toISOString();
      const data = await gatherReport(read, deps.blobs, session, at);
      const printed = await deps.report.print(data);
      const items = await read.dailies.itemsWithTakes(session.id);
      const decisions = items.map((i, n) => ({ takeId: i.take.id, take: `${data.takes[n].shot} ${data.takes[n].code}`, decision: data.takes[n].decision }));
      const expected = JSON.stringify(data);
      try {
        return await deps.dailies.close(actor, role, projectId, sessionId, {
          at,
          sha256: printed.sha256,
          size: printed.size,
          decisions,
          current: async (tx) => JSON.stringify(await gatherReport(tx, deps.blobs, session, at)) === expected,
        });
      } catch (err) {
        if (attempt >= CLOSE_ATTEMPTS || (err as { code?: string }).code !== 'dailies.report_stale') throw err;
      }
    }
  }

  // Viewers read what a client reads (DESIGN.md §8).
  const audienceOf = (role: Role) => (role === 'viewer' ? 'client' : 'team');

  return {
    /**
     * Closes the session with its report: gathered, printed, then checked again as the closing
     * writes its hash. Closings of one session in this process take turns, so those after the
     * first are refused at once instead of each printing a report.
     */
    async close(actor: Actor, role: Role, projectId: string, sessionId: string) {
      const before = closing.get(sessionId) ?? Promise.resolve();
      const turn = before.then(() => closeNow(actor, role, projectId, sessionId));
      const settled = turn.then(
        () => undefined,
        () => undefined,
      );
      closing.set(sessionId, settled);
      void settled.then(() => closing.get(sessionId) === settled && closing.delete(sessionId));
      return turn;
    },

    /** The report as a web page: the team's cut, or a viewer's (client) cut. */
    async html(projectId: string, accountId: string, role: Role, sessionId: string): Promise<string> {
      const session = await closedSession(projectId, accountId, role, sessionId);
      return deps.report.html(await gatherReport(read, deps.blobs, session, session.closedAt, role), { audience: audienceOf(role) });
    },

    /**
     * The PDF: the one printed at closing for those who see every take; for others (an editor, a
     * viewer's client cut) one printed for them, in memory only (nothing kept for a download).
     */
    async pdf(projectId: string, accountId: string, role: Role, sessionId: string): Promise<{ sha256: string; fileName: string; body: NodeJS.ReadableStream }> {
      const session = await closedSession(projectId, accountId, role, sessionId);
      const fileName = `${session.date}_${session.title}_report.pdf`.replace(/[^\w.-]+/g, '_');
      if (roleMay(role, 'take.generate')) return { sha256: session.reportSha256!, fileName, body: await deps.blobs.get(session.reportSha256!) };
      const html = await deps.report.html(await gatherReport(read, deps.blobs, session, session.closedAt, role), { audience: audienceOf(role) });
      const pdf = Buffer.from(await deps.documents.renderPdf(html, { landscape: false }));
      return { sha256: createHash('sha256').update(pdf).digest('hex'), fileName, body: Readable.from([pdf]) };
    },
  };
}

export type SessionReportService = ReturnType<typeof createSessionReportService>;
