/**
 * A dailies session's playlist as one review movie over HTTP, on SQLite and PostgreSQL: built by
 * the real ffmpeg from takes at 16:9 and 9:16, 24 and 30 fps, with its progress as NDJSON lines,
 * then downloaded; ffprobe counts the frames, which must be the slates and takes on the project's
 * grid, summed here by hand. Asked again, the built movie is returned, not built anew.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeEachDatabase, type Person } from '../../test/harness.ts';
import { createDiskBlobStore } from '../adapters/storage/disk.blob-store.ts';
import { newTakeRecord } from '../services/generate/take-record.ts';

const PLAN = { job: 'Cover the scene', subjectAction: 'Mara waits.', camera: { size: 'WS', movement: 'static' }, reviewCriteria: ['Mara readable'], targetFrames: 12 };
const dir = mkdtempSync(join(tmpdir(), 'backlot-dailies-movie-'));
const blobs = createDiskBlobStore({ root: join(dir, 'blobs') });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The clips: 16:9 at 24 fps (48 frames), 9:16 at 30 fps (60 frames), 16:9 at 30 fps (45 frames).
const CLIPS = [
  { name: 'wide', width: 320, height: 180, rate: 24, frames: 48 },
  { name: 'tall', width: 180, height: 320, rate: 30, frames: 60 },
  { name: 'fast', width: 320, height: 180, rate: 30, frames: 45 },
];

async function media(c: (typeof CLIPS)[number]) {
  const clip = join(dir, `${c.name}.mp4`);
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=s=${c.width}x${c.height}:r=${c.rate}`, '-frames:v', String(c.frames), '-pix_fmt', 'yuv420p', clip]);
  const stored = await blobs.put(
    (async function* () {
      yield readFileSync(clip);
    })(),
  );
  return {
    originalSha256: stored.sha256,
    proxySha256: stored.sha256,
    posterSha256: stored.sha256,
    filmstripSha256: stored.sha256,
    filmstrip: { columns: 1, rows: 1, tileWidth: 16, tileHeight: 9, frameNumbers: [0] },
    width: c.width,
    height: c.height,
    frameRate: `${c.rate}/1`,
    frames: c.frames,
    durationUs: Math.round((c.frames / c.rate) * 1e6),
    videoCodec: 'h264',
    mediaType: 'video/mp4',
    proxyFrames: c.frames,
  };
}

describeEachDatabase(
  'the dailies review movie',
  (h) => {
    let owner: Person, director: Person;
    let projectId = '';
    let sessionId = '';
    const url = (path: string) => `/api/v1/projects/${projectId}${path}`;

    it('builds the playlist as one movie with progress, downloads it, and its frames are the slates and takes on the grid', async () => {
      [owner, director] = await Promise.all(['Olga', 'Dora'].map((x) => h().person(x)));
      projectId = await h().project(owner, 'MOV', [[director, 'director']]);
      const scene = (await h().as(director, { method: 'POST', url: url('/scenes'), payload: { heading: 'EXT. ROOF - DAWN' } })).json();
      const shot = (await h().as(director, { method: 'POST', url: url(`/scenes/${scene.id}/shots`), payload: { plan: PLAN } })).json();
      const takeIds: string[] = [];
      for (const [i, c] of CLIPS.entries()) {
        const id = `019d0000-0000-7000-8000-${String(i + 1).padStart(12, '0')}`;
        const m = await media(c);
        await h().container.store.transaction(async (tx) => {
          await tx.blobs.record({ sha256: m.proxySha256, size: 1, mediaType: 'video/mp4', createdAt: '2026-03-01T00:00:00.000Z' });
          await tx.takes.insert(
            newTakeRecord(
              {
                id,
                projectId,
                shotId: shot.id,
                number: await tx.takes.nextNumber(shot.id),
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
                review: 'selected',
                media: m,
                finishedAt: '2026-03-01T00:00:00.000Z',
              },
              '2026-03-01T00:00:00.000Z',
            ),
          );
        });
        takeIds.push(id);
      }
      const s = await h().as(director, { method: 'POST', url: url('/dailies'), payload: { title: 'Dawn dailies', date: '2026-03-06', source: { kind: 'takes', takeIds } } });
      expect(s.statusCode, s.body).toBe(201);
      sessionId = s.json().session.id;

      const built = await h().as(director, { method: 'GET', url: url(`/dailies/${sessionId}/movie`) });
      expect(built.statusCode, built.body).toBe(200);
      const lines = built.body
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      const progress = lines.filter((l) => 'progress' in l).map((l) => l.progress as number);
      expect(progress.length).toBeGreaterThan(1);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      expect(progress.at(-1)).toBe(1);
      const movie = lines.at(-1).movie;
      // Project grid 24 fps: a 2 s slate is 48 frames before each take; each take keeps every frame.
      const expected = 3 * 48 + 48 + 60 + 45;
      expect(movie.totalFrames).toBe(expected);

      const download = await h().as(director, { method: 'GET', url: url(`/dailies/${sessionId}/movie.mp4`) });
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-type']).toBe('video/mp4');
      expect(download.headers['content-disposition']).toMatch(/^attachment; filename=".+\.mp4"$/);
      const file = join(dir, 'movie.mp4');
      writeFileSync(file, download.rawPayload);
      expect(createHash('sha256').update(download.rawPayload).digest('hex')).toBe(movie.sha256);
      const probe = execFileSync('ffprobe', [
        '-v',
        'error',
        '-count_frames',
        '-select_streams',
        'v:0',
        '-show_entries',
        'stream=nb_read_frames,width,height,r_frame_rate',
        '-of',
        'json',
        file,
      ]).toString();
      const stream = JSON.parse(probe).streams[0];
      expect(Number(stream.nb_read_frames)).toBe(expected);
      expect([stream.width, stream.height, stream.r_frame_rate]).toEqual([1920, 1080, '24/1']);

      // Asked again: the movie built is returned at once (the same file), not built anew.
      const again = await h().as(director, { method: 'GET', url: url(`/dailies/${sessionId}/movie`) });
      expect(
        again.body
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l)),
      ).toEqual([{ progress: 1 }, { movie }]);
    }, 240_000);

    it('answers dozens asking for the same new movie at once with one movie, never a 500', async () => {
      const s = await h().as(director, {
        method: 'POST',
        url: url('/dailies'),
        payload: { title: 'Two at once', source: { kind: 'takes', takeIds: [`019d0000-0000-7000-8000-${String(1).padStart(12, '0')}`] } },
      });
      expect(s.statusCode, s.body).toBe(201);
      const answers = await Promise.all(Array.from({ length: 24 }, () => h().as(director, { method: 'GET', url: url(`/dailies/${s.json().session.id}/movie.mp4`) })));
      expect(answers.map((r) => r.statusCode)).toEqual(Array(24).fill(200));
      expect(new Set(answers.map((r) => createHash('sha256').update(r.rawPayload).digest('hex'))).size).toBe(1);
    }, 120_000);

    it('refuses a session with nothing to show, and one you may not see, changing nothing', async () => {
      const empty = await h().as(director, { method: 'POST', url: url('/dailies'), payload: { title: 'Empty', source: { kind: 'takes', takeIds: [] } } });
      expect(empty.statusCode, empty.body).toBe(201);
      const r = await h().as(director, { method: 'GET', url: url(`/dailies/${empty.json().session.id}/movie.mp4`) });
      expect(r.statusCode).toBe(422);
      expect(r.json().error.code).toBe('dailies.movie_empty');
      const missing = await h().as(director, { method: 'GET', url: url('/dailies/019d0000-0000-7000-8000-999999999999/movie') });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().error.code).toBe('dailies.not_found');
    });
  },
  { blobs },
);
