/**
 * The dailies report over HTTP, on SQLite and PostgreSQL: closing a session prints its report
 * (real Chromium), kept with the session; the PDF downloads and reads back (pdftotext) with each
 * take's code, decision and notes; the closing's audit event carries the PDF's SHA-256 (computed
 * here from the downloaded bytes) and each take's decision. A viewer reads the client's cut.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeEachDatabase, type Person } from '../../test/harness.ts';
import { createDiskBlobStore } from '../adapters/storage/disk.blob-store.ts';
import { projectChain } from '../domain/audit/audit-chain.ts';
import { newTakeRecord } from '../services/generate/take-record.ts';

const PLAN = { job: 'Cover the scene', subjectAction: 'Mara waits.', camera: { size: 'WS', movement: 'static' }, reviewCriteria: ['Mara readable'], targetFrames: 12 };
const dir = mkdtempSync(join(tmpdir(), 'backlot-dailies-report-'));
const blobs = createDiskBlobStore({ root: join(dir, 'blobs') });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A real clip and poster made by ffmpeg, kept in the server's blob storage. */
async function media(name: string, source: string) {
  const ffmpeg = (...args: string[]) => execFileSync('ffmpeg', ['-v', 'error', '-y', ...args]);
  const clip = join(dir, `${name}.mp4`);
  const poster = join(dir, `${name}.jpg`);
  ffmpeg('-f', 'lavfi', '-i', `${source}=s=320x180:r=24`, '-frames:v', '48', '-pix_fmt', 'yuv420p', clip);
  ffmpeg('-i', clip, '-frames:v', '1', poster);
  const put = (path: string) =>
    blobs.put(
      (async function* () {
        yield readFileSync(path);
      })(),
    );
  const [c, p] = [await put(clip), await put(poster)];
  return {
    originalSha256: c.sha256,
    proxySha256: c.sha256,
    posterSha256: p.sha256,
    filmstripSha256: p.sha256,
    filmstrip: { columns: 1, rows: 1, tileWidth: 16, tileHeight: 9, frameNumbers: [0] },
    width: 320,
    height: 180,
    frameRate: '24/1',
    frames: 48,
    durationUs: 2_000_000,
    videoCodec: 'h264',
    mediaType: 'video/mp4',
    proxyFrames: 48,
  };
}

describeEachDatabase(
  'the dailies report',
  (h) => {
    let owner: Person, director: Person, viewer: Person;
    let projectId = '';
    let shotCode = '';
    const takeIds: string[] = [];
    let sessionId = '';
    const url = (path: string) => `/api/v1/projects/${projectId}${path}`;

    it('sets up three previs takes of one shot, with real pictures, in an open session', async () => {
      [owner, director, viewer] = await Promise.all(['Olga', 'Dora', 'Vera'].map((x) => h().person(x)));
      projectId = await h().project(owner, 'RPT', [
        [director, 'director'],
        [viewer, 'viewer'],
      ]);
      const scene = (await h().as(director, { method: 'POST', url: url('/scenes'), payload: { heading: 'INT. LOADING BAY - NIGHT' } })).json();
      const shot = (await h().as(director, { method: 'POST', url: url(`/scenes/${scene.id}/shots`), payload: { plan: PLAN } })).json();
      shotCode = shot.code;
      for (const [i, source] of ['testsrc2', 'smptehdbars', 'rgbtestsrc'].entries()) {
        const id = `019d0000-0000-7000-8000-${String(i + 1).padStart(12, '0')}`;
        const m = await media(`take${i}`, source);
        await h().container.store.transaction(async (tx) => {
          const number = await tx.takes.nextNumber(shot.id);
          for (const [sha256, mediaType] of [
            [m.proxySha256, 'video/mp4'],
            [m.posterSha256, 'image/jpeg'],
          ])
            await tx.blobs.record({ sha256, size: 1, mediaType, createdAt: '2026-03-01T00:00:00.000Z' });
          await tx.takes.insert(
            newTakeRecord(
              {
                id,
                projectId,
                shotId: shot.id,
                number,
                provider: 'previs',
                model: 'previs-animatic',
                planVersion: 1,
                currency: 'USD',
                requestedBy: director.id,
                requestedByName: director.name,
                status: 'succeeded',
                step: 'done',
                prompt: 'p',
                seed: 1,
                review: 'unreviewed',
                media: m,
                finishedAt: '2026-03-01T00:00:00.000Z',
              },
              '2026-03-01T00:00:00.000Z',
            ),
          );
        });
        takeIds.push(id);
      }
      const s = await h().as(director, {
        method: 'POST',
        url: url('/dailies'),
        payload: { title: 'Friday dailies', date: '2026-03-06', attendeeIds: [viewer.id], source: { kind: 'takes', takeIds } },
      });
      expect(s.statusCode, s.body).toBe(201);
      sessionId = s.json().session.id;
    });

    it('has no report while the session is open', async () => {
      const r = await h().as(director, { method: 'GET', url: url(`/dailies/${sessionId}/report.pdf`) });
      expect(r.statusCode).toBe(409);
      expect(r.json().error.code).toBe('dailies.report_not_ready');
    });

    it('prints the report at closing: the PDF reads each take, its decision and its notes; the audit chain holds its hash and the decisions', async () => {
      const decide = (take: string, state: string) => h().as(director, { method: 'POST', url: url(`/takes/${take}/review`), payload: { state, sessionId } });
      const note = (who: Person, take: string, payload: object) => h().as(who, { method: 'POST', url: url(`/takes/${take}/notes`), payload: { ...payload, sessionId } });
      for (const [take, state] of [
        [takeIds[0], 'selected'],
        [takeIds[1], 'rejected'],
        [takeIds[2], 'maybe'],
      ])
        expect((await decide(take, state)).statusCode).toBe(200);
      const drawn = await note(director, takeIds[0], {
        body: 'Crane lands late, trim the tail',
        frame: 12,
        drawing: { width: 320, height: 180, shapes: [{ type: 'box', x: 40, y: 30, w: 120, h: 80, colour: '#ff0000', width: 4 }] },
      });
      expect(drawn.statusCode, drawn.body).toBe(201);
      expect((await note(director, takeIds[1], { body: 'Wrong wardrobe entirely' })).statusCode).toBe(201);
      expect((await note(viewer, takeIds[0], { body: 'Warmer grade please', visibility: 'client' })).statusCode).toBe(201);

      const closed = await h().as(director, { method: 'POST', url: url(`/dailies/${sessionId}/close`) });
      expect(closed.statusCode, closed.body).toBe(200);
      const pdf = await h().as(director, { method: 'GET', url: url(`/dailies/${sessionId}/report.pdf`) });
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['content-disposition']).toMatch(/^attachment; filename=".+\.pdf"$/);
      const bytes = pdf.rawPayload;
      writeFileSync(join(dir, 'report.pdf'), bytes);
      const text = execFileSync('pdftotext', [join(dir, 'report.pdf'), '-'])
        .toString()
        .replace(/\s+/g, ' ');
      for (const words of [
        `${shotCode} · TK001 SELECTED`,
        `${shotCode} · TK002 REJECTED`,
        `${shotCode} · TK003 MAYBE`,
        'Crane lands late, trim the tail',
        'Wrong wardrobe entirely',
        'Warmer grade please',
        'Friday dailies',
        'Dora',
        'Vera',
      ]) {
        expect(text).toContain(words);
      }

      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const audit = await h().container.store.read.audit.page(projectChain(projectId), undefined, 100);
      const close = audit.find((e) => e.action === 'dailies.closed' && e.targetId === sessionId);
      expect(close?.data).toMatchObject({
        report: { sha256 },
        takeDecisions: [
          { takeId: takeIds[0], take: `${shotCode} TK001`, decision: 'selected' },
          { takeId: takeIds[1], take: `${shotCode} TK002`, decision: 'rejected' },
          { takeId: takeIds[2], take: `${shotCode} TK003`, decision: 'maybe' },
        ],
      });
    }, 120_000);

    it('shows the report as a web page: the team reads everything, a viewer the client cut', async () => {
      const team = await h().as(director, { method: 'GET', url: url(`/dailies/${sessionId}/report`) });
      expect(team.statusCode).toBe(200);
      expect(team.headers['content-type']).toMatch(/^text\/html/);
      expect(team.body).toContain('Wrong wardrobe entirely');
      const client = await h().as(viewer, { method: 'GET', url: url(`/dailies/${sessionId}/report`) });
      expect(client.statusCode).toBe(200);
      expect(client.body).toContain('Warmer grade please');
      expect(client.body).not.toContain('Wrong wardrobe entirely');
      expect(client.body).not.toContain('Crane lands late');
      // A viewer sees selects and approvals only: the rejected and the maybe take are not in their cut.
      expect(client.body).toContain('TK001');
      expect(client.body).not.toContain('TK002');
      expect(client.body).not.toContain('TK003');
      // The viewer's PDF is the client cut too.
      const pdf = await h().as(viewer, { method: 'GET', url: url(`/dailies/${sessionId}/report.pdf`) });
      expect(pdf.statusCode).toBe(200);
      writeFileSync(join(dir, 'client.pdf'), pdf.rawPayload);
      const text = execFileSync('pdftotext', [join(dir, 'client.pdf'), '-'])
        .toString()
        .replace(/\s+/g, ' ');
      expect(text).toContain('Warmer grade please');
      expect(text).not.toContain('Wrong wardrobe entirely');
    }, 60_000);

    it('closes once when dozens close at once: one 200, the rest 409 closed, never a 500; one report, one audit event', async () => {
      const s = await h().as(director, { method: 'POST', url: url('/dailies'), payload: { title: 'Rush', source: { kind: 'takes', takeIds: [takeIds[0]] } } });
      const id = s.json().session.id;
      const answers = await Promise.all(Array.from({ length: 24 }, () => h().as(director, { method: 'POST', url: url(`/dailies/${id}/close`) })));
      const codes = answers.map((r) => (r.statusCode === 200 ? 200 : `${r.statusCode} ${r.json().error.code}`));
      expect(codes.filter((c) => c === 200)).toHaveLength(1);
      expect(codes.filter((c) => c !== 200)).toEqual(Array(23).fill('409 dailies.closed'));
      const audit = await h().container.store.read.audit.page(projectChain(projectId), undefined, 200);
      const closes = audit.filter((e) => e.action === 'dailies.closed' && e.targetId === id);
      expect(closes).toHaveLength(1);
      const pdf = await h().as(director, { method: 'GET', url: url(`/dailies/${id}/report.pdf`) });
      expect((closes[0].data as { report: { sha256: string } }).report.sha256).toBe(createHash('sha256').update(pdf.rawPayload).digest('hex'));
    }, 120_000);
  },
  { blobs },
);
