/**
 * Retention over HTTP, on SQLite and PostgreSQL: the setting (off by default, the owner's), the
 * preview (which rejected takes, how many bytes; owners and producers), the purge (the owner's,
 * NDJSON progress, audited with counts, bytes and take ids), what is never touched (selected,
 * approved, handed off, used as a source or reference, a file shared with a reference), a decision
 * changed between preview and purge, a purge that fails midway, and a purge racing dozens of
 * decisions. Sizes and expectations are written by hand from the files each take is given.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { describeEachDatabase, type Person } from '../../test/harness.ts';
import { createDiskBlobStore } from '../adapters/storage/disk.blob-store.ts';
import type { BlobStore } from '../ports/blob-store.ts';
import type { Store } from '../ports/store.ts';
import { appendAudit } from '../services/audit/audit-append.ts';
import { newTakeRecord } from '../services/generate/take-record.ts';
import { createRetentionService } from '../services/retention/retention.service.ts';
import { nodeSecrets } from '../adapters/system/system.ts';

const blobs = createDiskBlobStore({ root: join(mkdtempSync(join(tmpdir(), 'backlot-retention-')), 'blobs') });
const PLAN = { job: 'Cover the scene', subjectAction: 'Mara waits.', camera: { size: 'WS', movement: 'static' }, reviewCriteria: ['Mara readable'], targetFrames: 12 };
const OLD = '2026-01-05T10:00:00.000Z';
// Each take's files, by size: original 1000 bytes, proxy 500, filmstrip 200, poster 100. A purge frees the first three.
const SIZES = { original: 1000, proxy: 500, filmstrip: 200, poster: 100 } as const;

interface Files {
  original: string;
  proxy: string;
  filmstrip: string;
  poster: string;
}

describeEachDatabase(
  'retention',
  (h) => {
    let owner: Person;
    let producer: Person;
    let director: Person;
    let editor: Person;
    let projectId = '';
    let shotId = '';
    let n = 0;
    const files = new Map<string, Files>();
    const url = (path: string) => `/api/v1/projects/${projectId}${path}`;
    const store = (): Store => h().container.store;

    /** Stores a file of `size` bytes whose content names `label` (and the database, so the two suites share nothing). */
    async function put(label: string, size: number): Promise<string> {
      const text = `${h().dialect}:${label}:`.padEnd(size, '.');
      const b = await blobs.put(Readable.from([Buffer.from(text)]));
      await store().transaction((tx) => tx.blobs.record({ sha256: b.sha256, size: b.size, mediaType: 'application/octet-stream', createdAt: OLD }));
      return b.sha256;
    }

    /** A finished take with its four files, as ingest leaves one; `share` reuses another take's original (content-addressed). */
    async function take(review: string, opts: { finishedAt?: string; parentTakeId?: string; original?: string; providerTaskId?: string; request?: unknown } = {}): Promise<string> {
      n += 1;
      const id = `019e0000-0000-7000-8000-${h().dialect === 'sqlite' ? '1' : '2'}${String(n).padStart(11, '0')}`;
      const f: Files = {
        original: opts.original ?? (await put(`original ${n}`, SIZES.original)),
        proxy: await put(`proxy ${n}`, SIZES.proxy),
        filmstrip: await put(`filmstrip ${n}`, SIZES.filmstrip),
        poster: await put(`poster ${n}`, SIZES.poster),
      };
      files.set(id, f);
      const at = opts.finishedAt ?? OLD;
      await store().transaction(async (tx) => {
        const number = await tx.takes.nextNumber(shotId);
        await tx.takes.insert(
          newTakeRecord(
            {
              id,
              projectId,
              shotId,
              number,
              provider: 'runway',
              model: 'gen4_turbo',
              planVersion: 1,
              currency: 'USD',
              requestedBy: director.id,
              requestedByName: director.name,
              status: 'succeeded',
              step: 'done',
              review,
              prompt: `take ${n}`,
              estimateMicros: 250_000,
              actualMicros: 250_000,
              finishedAt: at,
              parentTakeId: opts.parentTakeId ?? null,
              providerTaskId: opts.providerTaskId ?? null,
              request: (opts.request ?? null) as never,
              media: {
                originalSha256: f.original,
                proxySha256: f.proxy,
                posterSha256: f.poster,
                filmstripSha256: f.filmstrip,
                filmstrip: { columns: 1, rows: 1, tileWidth: 160, tileHeight: 90, frameNumbers: [0] },
                width: 1920,
                height: 1080,
                frameRate: '24/1',
                frames: 48,
                durationUs: 2_000_000,
                videoCodec: 'h264',
                mediaType: 'video/mp4',
                proxyFrames: 48,
              },
            },
            at,
          ),
        );
      });
      return id;
    }

    const stored = async (sha: string) => (await blobs.stat(sha)) !== undefined;
    const preview = async (who: Person = owner) => {
      const r = await h().as(who, { method: 'GET', url: url('/retention') });
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    };
    const setDays = (days: number | null, who: Person = owner) => h().as(who, { method: 'PUT', url: url('/retention'), payload: { purgeRejectedAfterDays: days } });
    /** The purge's NDJSON lines. */
    const purge = async (takeIds: string[], who: Person = owner) => {
      const r = await h().as(who, { method: 'POST', url: url('/retention/purge'), payload: { takeIds } });
      return {
        status: r.statusCode,
        body: r.body,
        lines:
          r.statusCode === 200
            ? r.body
                .trim()
                .split('\n')
                .map((l) => JSON.parse(l))
            : [],
      };
    };
    /** Every take of the project that holds media has every file it names: no record points at a missing blob. */
    async function everyRecordedFilePresent() {
      for (const t of await store().read.takes.listForShot(shotId)) {
        if (t.media) for (const sha of [t.media.originalSha256, t.media.proxySha256, t.media.posterSha256, t.media.filmstripSha256]) expect(await stored(sha), `${t.id} ${sha}`).toBe(true);
        if (t.mediaPurge) expect(await stored(t.mediaPurge.posterSha256)).toBe(true);
      }
    }

    const ids: Record<string, string> = {};

    it('sets up a shot whose takes are rejected, selected, approved, handed off, used as a source or a reference, and young', async () => {
      [owner, producer, director, editor] = await Promise.all(['Olga', 'Pia', 'Dora', 'Eddie'].map((name) => h().person(name)));
      projectId = await h().project(owner, 'KEEP', [
        [producer, 'producer'],
        [director, 'director'],
        [editor, 'editor'],
      ]);
      const scene = (await h().as(director, { method: 'POST', url: url('/scenes'), payload: { heading: 'INT. VAULT - NIGHT' } })).json();
      shotId = (await h().as(director, { method: 'POST', url: url(`/scenes/${scene.id}/shots`), payload: { plan: PLAN } })).json().id;

      ids.plain = await take('rejected'); // TK001: purged whole
      ids.shared = await take('rejected'); // TK002: its original is also a reference's file
      ids.selected = await take('selected'); // TK003
      ids.approved = await take('approved'); // TK004
      ids.handedOff = await take('rejected'); // TK005: named by a handoff's audit event, then rejected
      ids.parent = await take('rejected'); // TK006: a variation was made from it
      ids.child = await take('maybe', { parentTakeId: ids.parent }); // TK007
      ids.framed = await take('rejected'); // TK008: a frame of it was saved as a reference
      ids.young = await take('rejected', { finishedAt: new Date().toISOString() }); // TK009
      ids.reselected = await take('rejected'); // TK010: selected again between preview and purge
      // TK011: a Luma generation another take (TK012) extends, naming it as its first keyframe.
      ids.keyframe = await take('rejected', { providerTaskId: `luma-gen-${h().dialect}-4f1c9a` });
      ids.extension = await take('maybe', {
        request: {
          method: 'POST',
          url: 'https://api.lumalabs.ai/dream-machine/v1/generations/video',
          headers: {},
          body: { model: 'ray-2', keyframes: { frame0: { type: 'generation', id: `luma-gen-${h().dialect}-4f1c9a` } } },
        },
      });
      ids.handedById = await take('rejected'); // TK013: named by id in a handoff's audit event, then rejected

      // A reference whose file is TK002's original, byte for byte (blobs are content-addressed),
      // and a reference version made from a frame of TK008 (its note names the take, as saving a frame writes it).
      const db = h().testDb.database.db;
      const now = new Date().toISOString();
      await db
        .insertInto('assets')
        .values({ id: 'asset-ret-1', project_id: projectId, kind: 'prop', name: 'BRASS KEY', status: 'draft', clearance: 'cleared', source: 'original', created_at: now, updated_at: now })
        .execute();
      await db.insertInto('asset_versions').values({ asset_id: 'asset-ret-1', version: 1, note: null, created_by: owner.id, created_at: now }).execute();
      await db
        .insertInto('asset_versions')
        .values({ asset_id: 'asset-ret-1', version: 2, note: `From frame 12 of SC001_SH010 TK008 (take ${ids.framed})`, created_by: owner.id, created_at: now })
        .execute();
      await db
        .insertInto('asset_files')
        .values({
          id: 'asset-file-ret-1',
          asset_id: 'asset-ret-1',
          version: 1,
          view: 'main',
          sha256: files.get(ids.shared)!.original,
          media_type: 'video/mp4',
          kind: 'video',
          size: SIZES.original,
          width: 1920,
          height: 1080,
          duration_us: 2_000_000,
          frame_rate: '24/1',
          video_codec: 'h264',
          audio_codec: null,
          poster_sha256: null,
          thumbnail_sha256: null,
          original_name: 'key.mp4',
          created_at: now,
        })
        .execute();
      // A handoff of TK005 while it was a select, recorded as the handoff records it: an audit event naming its clip.
      await store().transaction((tx) =>
        appendAudit(
          tx,
          { clock: { now: () => new Date() }, ids: { next: () => `019e0000-0000-7000-9000-${h().dialect === 'sqlite' ? '1' : '2'}00000000001` }, secrets: nodeSecrets },
          {
            chain: `project:${projectId}`,
            actor: { accountId: owner.id, name: owner.name },
            action: 'handoff.exported',
            targetType: 'project',
            targetId: projectId,
            summary: 'Olga handed off KEEP SC001 selects: 1 clip',
            data: { package: 'KEEP_SC001', clips: ['KEEP_SC001_SH010_TK005'], formats: ['otio'] },
          },
        ),
      );
      // A later handoff, recorded with its take ids as handoffs now are (its clip under a shot code since changed).
      await store().transaction((tx) =>
        appendAudit(
          tx,
          { clock: { now: () => new Date() }, ids: { next: () => `019e0000-0000-7000-9000-${h().dialect === 'sqlite' ? '1' : '2'}00000000002` }, secrets: nodeSecrets },
          {
            chain: `project:${projectId}`,
            actor: { accountId: owner.id, name: owner.name },
            action: 'handoff.exported_with_override',
            targetType: 'project',
            targetId: projectId,
            summary: 'Olga handed off KEEP SC001 selects: 1 clip, overriding a rights risk',
            data: { package: 'KEEP_SC001', clips: ['KEEP_SC001_SH010A_TK013'], takeIds: [ids.handedById], formats: ['edl'] },
          },
        ),
      );
    });

    it('is off by default: the preview lists nothing and a purge is refused, changing nothing', async () => {
      const p = await preview();
      expect(p).toEqual({ setting: { purgeRejectedAfterDays: null, setBy: null, setAt: null }, cutoff: null, takes: [], totalBytes: 0, kept: [] });
      const r = await purge([ids.plain]);
      expect(r.status, r.body).toBe(409);
      expect(JSON.parse(r.body).error.code).toBe('retention.off');
      expect(await stored(files.get(ids.plain)!.original)).toBe(true);
    });

    it('lets the owner alone set it; bad days are refused naming the field', async () => {
      expect((await setDays(30, producer)).statusCode).toBe(403);
      expect((await setDays(30, director)).statusCode).toBe(403);
      const bad = await setDays(0);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toMatchObject({ code: 'request.invalid', field: 'purgeRejectedAfterDays' });
      const half = await setDays(1.5);
      expect(half.statusCode).toBe(400);
      const ok = await setDays(30);
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ purgeRejectedAfterDays: 30, setBy: 'Olga' });
    });

    it('previews the rejected takes older than 30 days with the bytes only they hold, and says why the others are kept', async () => {
      const p = await preview();
      expect(p.setting.purgeRejectedAfterDays).toBe(30);
      const byCode = Object.fromEntries(p.takes.map((t: { code: string }) => [t.code, t]));
      expect(Object.keys(byCode).sort()).toEqual(['TK001', 'TK002', 'TK010']);
      expect(byCode.TK001).toMatchObject({ takeId: ids.plain, bytes: 1700, files: 3, shared: 0 });
      // TK002's original is the reference's file: only its proxy and filmstrip would go.
      expect(byCode.TK002).toMatchObject({ takeId: ids.shared, bytes: 700, files: 2, shared: 1 });
      expect(byCode.TK010).toMatchObject({ bytes: 1700 });
      expect(p.totalBytes).toBe(1700 + 700 + 1700);
      const kept = Object.fromEntries(p.kept.map((k: { code: string; reason: string }) => [k.code, k.reason]));
      expect(kept).toEqual({
        TK005: 'it was handed off to editorial',
        TK006: 'another take was made from it (regenerated, varied or extended)',
        TK008: 'a reference version was made from it',
        TK011: 'another take uses it as a keyframe or source',
        TK013: 'it was handed off to editorial',
      });
      // Producers read the preview too; directors, editors and viewers do not.
      expect((await preview(producer)).totalBytes).toBe(4100);
      expect((await h().as(director, { method: 'GET', url: url('/retention') })).statusCode).toBe(403);
      expect((await h().as(editor, { method: 'GET', url: url('/retention') })).statusCode).toBe(403);
    });

    it('purges what the preview listed, re-checking each take: one selected meanwhile keeps everything', async () => {
      const listed = (await preview()).takes.map((t: { takeId: string }) => t.takeId);
      // A director selects TK010 after the preview.
      const sel = await h().as(director, { method: 'POST', url: url(`/takes/${ids.reselected}/review`), payload: { state: 'selected' } });
      expect(sel.statusCode, sel.body).toBe(200);
      expect((await purge(listed, producer)).status).toBe(403);
      // Selected and approved takes named by hand are refused at execution too.
      const r = await purge([...listed, ids.selected, ids.approved, ids.handedOff]);
      expect(r.status, r.body).toBe(200);
      expect(r.lines[0]).toEqual({ progress: { done: 0, total: 6, bytes: 0 } });
      const result = r.lines.at(-1).result;
      expect(result.purged).toBe(2);
      expect(result.bytes).toBe(2400);
      expect(result.takeIds.sort()).toEqual([ids.plain, ids.shared].sort());
      expect(Object.fromEntries(result.skipped.map((s: { takeId: string; reason: string }) => [s.takeId, s.reason]))).toEqual({
        [ids.reselected]: 'it is selected now',
        [ids.selected]: 'it is selected now',
        [ids.approved]: 'it is approved now',
        [ids.handedOff]: 'kept: it was handed off to editorial',
      });

      const plain = files.get(ids.plain)!;
      expect(await stored(plain.original)).toBe(false);
      expect(await stored(plain.proxy)).toBe(false);
      expect(await stored(plain.filmstrip)).toBe(false);
      expect(await stored(plain.poster)).toBe(true);
      const shared = files.get(ids.shared)!;
      // The file the reference shares survives, and the reference still serves it.
      expect(await stored(shared.original)).toBe(true);
      expect(await store().read.blobs.exists(shared.original)).toBe(true);
      expect(await stored(shared.proxy)).toBe(false);
      for (const id of [ids.selected, ids.approved, ids.handedOff, ids.parent, ids.framed, ids.young, ids.reselected, ids.child, ids.keyframe, ids.extension, ids.handedById])
        for (const sha of Object.values(files.get(id)!)) expect(await stored(sha)).toBe(true);
      await everyRecordedFilePresent();
    });

    it('keeps the purged take’s record, request, cost and poster, and shows it as purged instead of a player', async () => {
      const t = (await h().as(owner, { method: 'GET', url: url(`/takes/${ids.plain}`) })).json();
      expect(t.media).toBeNull();
      expect(t.mediaPurged).toMatchObject({ bytes: 1700, poster: `/api/v1/projects/${projectId}/takes/${ids.plain}/media/${files.get(ids.plain)!.poster}` });
      expect(t.prompt).toBe('take 1');
      expect(t.review).toBe('rejected');
      expect(t.cost).toMatchObject({ actual: '0.25', currency: 'USD' });
      expect((await h().as(owner, { method: 'GET', url: t.mediaPurged.poster })).statusCode).toBe(200);
      const gone = await h().as(owner, { method: 'GET', url: url(`/takes/${ids.plain}/media/${files.get(ids.plain)!.original}`) });
      expect(gone.statusCode).toBe(404);
    });

    it('audits each purge with its counts, bytes and take ids', async () => {
      const events = await store().read.audit.page(`project:${projectId}`, undefined, 100);
      const purged = events.filter((e) => e.action === 'retention.purged');
      expect(purged).toHaveLength(1);
      expect(purged[0].actorName).toBe('Olga');
      expect(purged[0].data).toMatchObject({ count: 2, bytes: 2400, files: 5, keptShared: 1, days: 30 });
      expect((purged[0].data as { takeIds: string[] }).takeIds.sort()).toEqual([ids.plain, ids.shared].sort());
      expect(events.filter((e) => e.action === 'retention.set').map((e) => e.data)).toEqual([{ from: null, to: 30 }]);
      // The owner reads it in the audit log too.
      const r = await h().as(owner, { method: 'GET', url: url('/audit') });
      expect(r.json().events.map((e: { action: string }) => e.action)).toContain('retention.purged');
    });

    it('leaves each take purged or intact when a purge fails midway, inside its transaction or after it', async () => {
      const a = await take('rejected');
      const b = await take('rejected');
      const c = await take('rejected');
      const real = store();
      let forgets = 0;
      // Fails while writing the second take of the batch: the whole batch rolls back.
      const failing: Store = {
        read: real.read,
        transaction: (work) =>
          real.transaction((tx) =>
            work({
              ...tx,
              retention: {
                ...tx.retention,
                forgetBlobs: async (shas) => {
                  forgets += 1;
                  if (forgets === 2) throw new Error('the machine lost power');
                  return tx.retention.forgetBlobs(shas);
                },
              },
            }),
          ),
      };
      const deps = { clock: { now: () => new Date() }, ids: { next: () => crypto.randomUUID() }, secrets: nodeSecrets };
      const actor = { accountId: owner.id, name: owner.name };
      await expect(createRetentionService({ ...deps, store: failing, blobs }).purge(actor, projectId, { takeIds: [a, b, c] })).rejects.toThrow('the machine lost power');
      for (const id of [a, b, c]) {
        expect((await real.read.takes.findById(projectId, id))!.media).not.toBeNull();
        for (const sha of Object.values(files.get(id)!)) expect(await stored(sha)).toBe(true);
      }
      // Fails after the commit, while removing bytes: the takes are purged and nothing recorded is missing.
      let deletes = 0;
      const dying: BlobStore = {
        ...blobs,
        delete: async (sha) => {
          deletes += 1;
          if (deletes === 2) throw new Error('the disk went away');
          return blobs.delete(sha);
        },
      };
      await expect(createRetentionService({ ...deps, store: real, blobs: dying }).purge(actor, projectId, { takeIds: [a, b, c] })).rejects.toThrow('the disk went away');
      for (const id of [a, b, c]) expect((await real.read.takes.findById(projectId, id))!.mediaPurge).toBeTruthy();
      await everyRecordedFilePresent();
    });

    it('runs while dozens of decisions change takes at once: no server error, nothing kept is lost', async () => {
      const rejected: string[] = [];
      for (let i = 0; i < 12; i++) rejected.push(await take('rejected'));
      const selects = rejected.filter((_, i) => i % 2 === 0);
      const listed = (await preview()).takes.map((t: { takeId: string }) => t.takeId);
      expect(listed).toEqual(expect.arrayContaining(rejected));
      // While the purge runs: half of the listed takes selected, others marked maybe and back, criteria on kept ones.
      const calls = [
        purge(listed),
        ...selects.map((id) => h().as(director, { method: 'POST', url: url(`/takes/${id}/review`), payload: { state: 'selected' } })),
        ...rejected
          .filter((_, i) => i % 2 === 1)
          .flatMap((id) => [
            h().as(director, { method: 'POST', url: url(`/takes/${id}/review`), payload: { state: 'maybe' } }),
            h().as(producer, { method: 'POST', url: url(`/takes/${id}/review`), payload: { state: 'rejected' } }),
          ]),
        ...[ids.selected, ids.approved, ids.child].flatMap((id) => [
          h().as(director, { method: 'PUT', url: url(`/takes/${id}/criteria`), payload: { results: [], rating: 4, verdict: 'keep' } }),
          h().as(director, { method: 'GET', url: url(`/takes/${id}`) }),
        ]),
        ...Array.from({ length: 10 }, () => h().as(producer, { method: 'GET', url: url('/retention') })),
      ];
      const answers = await Promise.all(calls);
      for (const a of answers) expect('status' in a ? a.status : a.statusCode, 'body' in a ? a.body : '').toBeLessThan(500);
      const result = (answers[0] as Awaited<ReturnType<typeof purge>>).lines.at(-1).result;
      expect(result).toBeDefined();
      // Each take selected meanwhile is either intact, or was purged before the decision and says so; never a record pointing nowhere.
      await everyRecordedFilePresent();
      for (const id of selects) {
        const t = (await store().read.takes.findById(projectId, id))!;
        expect(t.review).toBe('selected');
        if (!t.mediaPurge) for (const sha of Object.values(files.get(id)!)) expect(await stored(sha)).toBe(true);
      }
      for (const id of [ids.selected, ids.approved, ids.child, ids.handedOff, ids.parent, ids.framed, ids.young]) for (const sha of Object.values(files.get(id)!)) expect(await stored(sha)).toBe(true);
    });
  },
  { blobs },
);
