/**
 * The archive bundle (issue 19), as an owner and an instance admin use it: a project with a
 * screenplay revision, references, previs takes with decisions, marks, notes and a drawing, a
 * closed dailies session with its report, a handoff, prices, budgets and the ledger is exported
 * from SQLite over HTTP, verified, restored into a fresh PostgreSQL instance, exported there and
 * restored into a fresh SQLite instance; every project table is the same, every blob is there and
 * the audit chains verify. A bundle with a byte of a blob flipped, a record edited or an audit
 * event deleted is refused, each named; importing over the same project, or a bundle that breaks
 * part-way through restoring, changes nothing.
 */
import { mkdtempSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@backlot/contracts';
import { readZip, remanifest, sha256Hex, writeZip } from '../../test/archive-bundles.ts';
import { createHarness, type Harness, type Person } from '../../test/harness.ts';
import { makeTestMedia, multipart } from '../../test/media.ts';
import { waitFor } from '../../test/wait.ts';

const media = makeTestMedia();
const dir = mkdtempSync(join(tmpdir(), 'backlot-archive-'));

const PLAN = {
  job: 'Cover the handover',
  subjectAction: 'Mara hands the key to Jon.',
  camera: { size: 'MS', movement: 'static' },
  environment: 'Loading bay, sodium lights',
  reviewCriteria: ['Key stays in frame'],
  targetFrames: 24,
};
const DRAFT = 'Title: Key\n\nINT. LOADING BAY - NIGHT\n\nMara waits with the key.\n\nMARA\nYou are late.\n\nEXT. YARD - NIGHT\n\nJon runs for the gate.\n';

/**
 * The tables that hold a project's record, written from issue 19 and the schema: what must come
 * back unchanged. Left out by design (the issue: no keys, password hashes, sessions or tokens;
 * members come back as invitations): accounts and their sessions, tokens, resets, sign-in
 * failures, read marks and saved searches; members, invitations, guest links, dailies attendance
 * and presence; instance settings, provider keys, the price list, processes, storage, the
 * outbox and previs tasks.
 */
const PROJECT_TABLES = [
  'projects',
  'project_retention',
  'comfy_workflows',
  'comfy_workflow_versions',
  'scenes',
  'script_revisions',
  'scene_revisions',
  'scene_numbering_locks',
  'shots',
  'shot_plan_versions',
  'assets',
  'asset_versions',
  'asset_files',
  'clearance_events',
  'consents',
  'consent_changes',
  'consent_provider_assets',
  'plan_references',
  'takes',
  'take_references',
  'take_review_events',
  'notes',
  'ledger_entries',
  'price_entries',
  'scene_budgets',
  'spend_caps',
  'dailies_sessions',
  'dailies_items',
  'dailies_log',
  'dailies_movies',
];

type Db = Kysely<Record<string, Record<string, unknown>>>;
const dbOf = (h: Harness) => h.container.database.db as unknown as Db;

/**
 * A row as text with its keys sorted, so both databases' rows compare; without PostgreSQL's own
 * search index of a take's prompt (a column it derives, which SQLite keeps in a side table).
 */
const rowText = (row: Record<string, unknown>) =>
  JSON.stringify(
    Object.fromEntries(
      Object.entries(row)
        .filter(([k]) => k !== 'prompt_search')
        .sort(([a], [b]) => (a < b ? -1 : 1)),
    ),
  );

/** A sorted dump of each project table (the project's audit chain and head included), the instance's own rows left out. */
async function projectDump(h: Harness, projectId: string): Promise<Record<string, string[]>> {
  const db = dbOf(h);
  const out: Record<string, string[]> = {};
  for (const t of PROJECT_TABLES) out[t] = (await db.selectFrom(t).selectAll().execute()).map(rowText).sort();
  out.audit_events = (await db.selectFrom('audit_events').selectAll().where('chain', '=', `project:${projectId}`).execute()).map(rowText).sort();
  out.audit_heads = (await db.selectFrom('audit_heads').selectAll().where('chain', '=', `project:${projectId}`).execute()).map(rowText).sort();
  return out;
}

/** Every SHA-256 the project's blob rows and files name. */
async function blobsNamed(h: Harness): Promise<string[]> {
  const db = dbOf(h);
  return (await db.selectFrom('blobs').select('sha256').execute()).map((r) => String(r.sha256)).sort();
}

describe('the archive bundle: SQLite → PostgreSQL → SQLite', () => {
  let src: Harness, pg: Harness, back: Harness, pgAtOnce: Harness, sqliteAtOnce: Harness;
  let owner: Person, producer: Person, director: Person, editor: Person, viewer: Person;
  let pgAdmin: Person, backAdmin: Person;
  let projectId = '';
  const url = (path: string) => `/api/v1/projects/${projectId}${path}`;
  const post = (who: Person, path: string, payload: object) => src.as(who, { method: 'POST', url: url(path), payload });
  const bundle = join(dir, 'ARCH.zip');
  const fromPg = join(dir, 'ARCH-pg.zip');
  let secrets: string[] = [];
  let before: Record<string, string[]>;

  beforeAll(async () => {
    [src, pg, back, pgAtOnce, sqliteAtOnce] = await Promise.all([createHarness('sqlite'), createHarness('postgres'), createHarness('sqlite'), createHarness('postgres'), createHarness('sqlite')]);
  });
  afterAll(async () => {
    for (const h of [src, pg, back, pgAtOnce, sqliteAtOnce]) {
      await h?.app.close();
      await h?.container.close().catch(() => {});
      await h?.testDb.drop();
    }
  });

  it('sets up a project with a revision, a reference, previs takes reviewed in dailies, notes, a handoff and spend', async () => {
    owner = await src.person('Olga', { admin: true });
    [producer, director, editor, viewer] = await Promise.all(['Pablo', 'Dora', 'Eddie', 'Vera'].map((n) => src.person(n)));
    const p = await src.container.services.projects.create(
      { accountId: owner.id, name: owner.name },
      { name: 'Key Handover', code: 'ARCH', frameRate: '24/1', timecodeMode: 'ndf', resolution: { width: 320, height: 180 }, currency: 'USD', budget: '100' },
    );
    projectId = p.id;
    for (const [person, role] of [
      [producer, 'producer'],
      [director, 'director'],
      [editor, 'editor'],
      [viewer, 'viewer'],
    ] as [Person, Role][]) {
      await src.container.store.transaction((tx) => tx.members.insert({ projectId, accountId: person.id, role, createdAt: new Date().toISOString() }));
    }
    const preview = (await post(director, '/import/fountain/preview', { text: DRAFT, fileName: 'key.fountain' })).json();
    expect((await post(director, '/import/fountain', { text: DRAFT, fileName: 'key.fountain', previewToken: preview.previewToken })).statusCode).toBe(200);
    const scenes = (await src.as(director, { method: 'GET', url: url('/scenes') })).json().scenes as { id: string }[];
    const shot = (await post(director, `/scenes/${scenes[0].id}/shots`, { plan: PLAN })).json();
    expect((await post(director, `/scenes/${scenes[1].id}/shots`, { plan: PLAN })).statusCode).toBe(201);

    const asset = (await post(director, '/assets', { kind: 'prop', name: 'BRASS KEY' })).json();
    const upload = multipart([['main', 'key.png', media.png, 'image/png']]);
    expect((await src.as(director, { method: 'POST', url: url(`/assets/${asset.id}/versions`), headers: { 'content-type': upload.contentType }, payload: upload.body })).statusCode).toBe(201);
    expect((await post(producer, `/assets/${asset.id}/clearance`, { clearance: 'cleared', reason: 'made by props' })).statusCode).toBe(200);
    const planned = (await src.as(director, { method: 'GET', url: url(`/shots/${shot.id}`) })).json();
    expect(
      (
        await src.as(director, {
          method: 'PUT',
          url: url(`/shots/${shot.id}/references`),
          payload: { references: [{ assetId: asset.id, version: 1, role: 'prop' }], baseVersion: planned.planVersion },
        })
      ).statusCode,
    ).toBe(200);

    expect((await post(producer, '/prices', { provider: 'previs', model: 'previs-animatic', unit: 'generations', price: '1.00', source: 'Studio rate' })).statusCode).toBe(201);
    expect((await src.as(producer, { method: 'PUT', url: url(`/scenes/${scenes[0].id}/budget`), payload: { budget: '20.00' } })).statusCode).toBe(200);
    const takes = (await post(director, `/shots/${shot.id}/takes`, { provider: 'previs', model: 'previs-animatic', count: 2 })).json().takes as { id: string }[];
    src.container.startWorker();
    for (const t of takes)
      await waitFor(
        async () => (await src.as(director, { method: 'GET', url: url(`/takes/${t.id}`) })).json(),
        (x) => x.status === 'succeeded',
        90_000,
      );

    const session = (await post(director, '/dailies', { title: 'Friday dailies', date: '2026-03-06', source: { kind: 'takes', takeIds: takes.map((t) => t.id) } })).json().session;
    expect((await post(director, `/takes/${takes[0].id}/review`, { state: 'selected', sessionId: session.id })).statusCode).toBe(200);
    expect((await post(director, `/takes/${takes[1].id}/review`, { state: 'rejected', sessionId: session.id })).statusCode).toBe(200);
    expect((await post(director, `/takes/${takes[0].id}/review`, { state: 'approved' })).statusCode).toBe(200);
    expect((await src.as(director, { method: 'PUT', url: url(`/takes/${takes[0].id}/marks`), payload: { in: 4, out: 15 } })).statusCode).toBe(200);
    const drawing = { width: 320, height: 180, shapes: [{ type: 'box', x: 10, y: 10, w: 40, h: 30, colour: '#ff3b30', width: 2 }] };
    const hold = (await post(director, `/takes/${takes[0].id}/notes`, { body: 'This corner', frame: 5, drawing, sessionId: session.id })).json();
    expect((await post(producer, `/takes/${takes[0].id}/notes`, { body: 'Agreed', parentId: hold.id })).statusCode).toBe(201);
    expect((await post(viewer, `/takes/${takes[0].id}/notes`, { body: 'Warmer grade please', visibility: 'client' })).statusCode).toBe(201);
    const closed = await post(director, `/dailies/${session.id}/close`, {});
    expect(closed.statusCode, closed.body).toBe(200);
    const handoff = await src.as(editor, { method: 'GET', url: url(`/handoff.zip?scenes=${scenes[0].id}&formats=otio`) });
    expect(handoff.statusCode, handoff.body.slice(0, 200)).toBe(200);

    // A ComfyUI workflow (from the shipped sample) and the project's retention setting travel too.
    expect((await post(director, '/comfyui/workflows', { name: 'Pier t2v' })).statusCode).toBe(201);
    expect((await src.as(owner, { method: 'PUT', url: url('/retention'), payload: { purgeRejectedAfterDays: 30 } })).statusCode).toBe(200);

    // Secrets that must not travel: a pending invitation's token, an API token, password hashes, session tokens.
    const invited = await post(owner, '/invitations', { email: 'newcomer@example.com', role: 'editor' });
    expect(invited.statusCode).toBe(201);
    const token = await src.as(owner, { method: 'POST', url: '/api/v1/tokens', payload: { name: 'ci' } });
    expect(token.statusCode, token.body).toBe(201);
    const db = dbOf(src);
    secrets = [
      ...(await db.selectFrom('accounts').select('password_hash').execute()).map((r) => String(r.password_hash)),
      ...(await db.selectFrom('sessions').select('token_hash').execute()).map((r) => String(r.token_hash)),
      ...(await db.selectFrom('api_tokens').select('token_hash').execute()).map((r) => String(r.token_hash)),
      ...(await db.selectFrom('invitations').select('token_hash').execute()).map((r) => String(r.token_hash)),
      ...(await db.selectFrom('takes').select('webhook_secret').execute()).map((r) => r.webhook_secret).filter((s): s is string => typeof s === 'string'),
      token.json().token as string,
    ];
    expect(secrets.length).toBeGreaterThan(8);
  }, 240_000);

  it('lets only an owner download the bundle; the owner gets a zip with a README, records, blobs, the audit chain and a manifest, and no secret', async () => {
    for (const who of [producer, director, editor, viewer]) expect((await src.as(who, { method: 'GET', url: url('/archive.zip') })).statusCode).toBe(403);
    const res = await src.as(owner, { method: 'GET', url: url('/archive.zip') });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="ARCH_archive_\d{4}-\d{2}-\d{2}\.zip"$/);
    await writeFile(bundle, res.rawPayload);
    before = await projectDump(src, projectId);
    const entries = await readZip(bundle);
    const names = [...entries.keys()];
    expect(names).toContain('README.md');
    expect(names).toContain('records/takes.jsonl');
    expect(names).toContain('audit/events.jsonl');
    expect(names[names.length - 1]).toBe('manifest.json');
    expect(entries.get('README.md')!.toString()).toContain('ARCH');
    // Every blob under its own hash, and every blob the project's rows name is there.
    const blobs = names.filter((n) => n.startsWith('blobs/'));
    for (const b of blobs) expect(sha256Hex(entries.get(b)!), b).toBe(b.split('/').pop());
    const files = (await dbOf(src).selectFrom('asset_files').select(['sha256', 'poster_sha256', 'thumbnail_sha256']).execute()).flatMap((r) => [r.sha256, r.poster_sha256, r.thumbnail_sha256]);
    const takeMedia = (await dbOf(src).selectFrom('takes').select('media').execute()).flatMap((r) => {
      const m = JSON.parse(String(r.media));
      return [m.originalSha256, m.proxySha256, m.posterSha256, m.filmstripSha256];
    });
    const report = (await dbOf(src).selectFrom('dailies_sessions').select('report_sha256').execute()).map((r) => r.report_sha256);
    for (const h of [...files, ...takeMedia, ...report].filter(Boolean)) expect(names, `blob ${h}`).toContain(`blobs/sha256/${String(h).slice(0, 2)}/${h}`);
    // The manifest hashes every other file.
    const manifest = JSON.parse(entries.get('manifest.json')!.toString());
    expect(manifest.files.map((f: { path: string }) => f.path).sort()).toEqual(names.filter((n) => n !== 'manifest.json').sort());
    for (const f of manifest.files) expect(f.sha256, f.path).toBe(sha256Hex(entries.get(f.path)!));
    const all = Buffer.concat([...entries.values()]).toString('latin1');
    for (const s of secrets) expect(all.includes(s), 'a secret in the bundle').toBe(false);
    const audit = (await src.as(owner, { method: 'GET', url: url('/audit?limit=5') })).json().events as { action: string }[];
    expect(audit[0].action).toBe('archive.exported');
  });

  it('verifies the bundle', async () => {
    const r = await src.container.services.archive.verifyBundle(bundle);
    expect(r).toMatchObject({ ok: true, problem: null, project: { code: 'ARCH', id: projectId } });
  });

  it('restores it into a fresh PostgreSQL instance: every project table as it was, every blob present, the audit chains verifying, members invited again', async () => {
    pgAdmin = await pg.person('Ada', { admin: true });
    const summary = await pg.container.services.archive.importBundle({ accountId: pgAdmin.id, name: pgAdmin.name }, bundle);
    expect(summary.project).toEqual({ id: projectId, code: 'ARCH', name: 'Key Handover' });
    const after = await projectDump(pg, projectId);
    // Written from the issue: the owner's account is not on the new instance, so the project names the admin who restored it; no webhook secret travels.
    const expected = structuredClone(before);
    expected.projects = before.projects.map((r) => rowText({ ...JSON.parse(r), created_by: pgAdmin.id })).sort();
    expected.takes = before.takes.map((r) => rowText({ ...JSON.parse(r), webhook_secret: null })).sort();
    expect(after).toEqual(expected);
    for (const t of PROJECT_TABLES) expect(after[t].length, t).toBe(before[t].length);
    expect(before.takes.length).toBe(2);
    expect(before.notes.length).toBe(3);
    expect(before.dailies_sessions.length).toBe(1);
    for (const sha of await blobsNamed(pg)) expect(await pg.container.services.media.stat(sha), sha).toBeDefined();
    expect(await blobsNamed(pg)).toEqual((await blobsNamed(src)).filter((s) => after.asset_files.join().includes(s) || after.takes.join().includes(s) || after.dailies_sessions.join().includes(s)));
    expect((await pg.container.services.auditLog.verify(`project:${projectId}`)).ok).toBe(true);
    expect((await pg.container.services.auditLog.verify('instance')).ok).toBe(true);
    expect(summary.invitations.map((i) => [i.email, i.role]).sort()).toEqual(
      [
        [owner.email, 'owner'],
        [producer.email, 'producer'],
        [director.email, 'director'],
        [editor.email, 'editor'],
        [viewer.email, 'viewer'],
      ].sort(),
    );
    // The owner joins again through the link, and sees the takes.
    const token = summary.invitations.find((i) => i.email === owner.email)!.url.split('token=')[1];
    const joined = await pg.as(undefined, { method: 'POST', url: '/api/v1/invitations/accept', payload: { token, name: 'Olga', password: 'a long password 1' } });
    expect(joined.statusCode, joined.body).toBe(200);
  }, 120_000);

  it('refuses to import the same project again, changing nothing', async () => {
    const now = await projectDump(pg, projectId);
    await expect(pg.container.services.archive.importBundle({ accountId: pgAdmin.id, name: pgAdmin.name }, bundle)).rejects.toMatchObject({ code: 'archive.project_exists' });
    expect(await projectDump(pg, projectId)).toEqual(now);
  });

  it('names the first problem of a bundle with a byte of a blob flipped, a record edited, or an audit event deleted', async () => {
    const entries = await readZip(bundle);
    const verify = async (name: string, change: (e: Map<string, Buffer>) => void) => {
      const copy = new Map([...entries].map(([k, v]) => [k, Buffer.from(v)]));
      change(copy);
      const file = join(dir, name);
      await writeZip(file, copy);
      return src.container.services.archive.verifyBundle(file);
    };
    const blob = [...entries.keys()].find((n) => n.startsWith('blobs/'))!;
    const flipped = await verify('flipped.zip', (e) => {
      e.get(blob)![100] ^= 0x01;
    });
    expect(flipped.ok).toBe(false);
    expect(flipped.problem).toContain(blob);
    expect(flipped.problem).toContain('the blob was changed');

    const takes = entries.get('records/takes.jsonl')!.toString().split('\n');
    const secondTake = JSON.parse(takes[1]);
    const edited = await verify('edited.zip', (e) => {
      e.set('records/takes.jsonl', Buffer.from(takes.map((l, i) => (i === 1 ? l.replace(`"actual_micros":${secondTake.actual_micros}`, '"actual_micros":1') : l)).join('\n')));
    });
    expect(secondTake.actual_micros).not.toBe(1);
    expect(edited.problem).toBe(`records/takes.jsonl line 2 (takes ${secondTake.id}) was changed after export`);

    const events = entries.get('audit/events.jsonl')!.toString().split('\n');
    const deleted = await verify('deleted.zip', (e) => {
      e.set('audit/events.jsonl', Buffer.from(events.filter((_, i) => i !== 4).join('\n')));
    });
    expect(deleted.problem).toMatch(/^the audit chain: event 5 is missing/);
    // Covered up by a manifest made to match, the deletion still shows in the chain.
    const covered = await verify('covered.zip', (e) => {
      e.set('audit/events.jsonl', Buffer.from(events.filter((_, i) => i !== 4).join('\n')));
      remanifest(e);
    });
    expect(covered.problem).toMatch(/^the audit chain: event 5 is missing/);
    // None of them is restored, and the instance is left as it was.
    backAdmin = await back.person('Bo', { admin: true });
    const empty = await projectDump(back, projectId);
    for (const bad of ['flipped.zip', 'edited.zip', 'deleted.zip', 'covered.zip'])
      await expect(back.container.services.archive.importBundle({ accountId: backAdmin.id, name: backAdmin.name }, join(dir, bad)), bad).rejects.toMatchObject({ code: 'archive.invalid' });
    expect(await projectDump(back, projectId)).toEqual(empty);
  });

  it.each([
    ['PostgreSQL', () => pgAtOnce],
    ['SQLite', () => sqliteAtOnce],
  ])(
    'restores a project once when two dozen imports of it run at once on %s: the others are refused, none fails otherwise',
    async (_name, harness) => {
      const h = harness();
      const admin = await h.person('Ida', { admin: true });
      const answers = await Promise.allSettled(Array.from({ length: 24 }, () => h.container.services.archive.importBundle({ accountId: admin.id, name: admin.name }, bundle)));
      expect(answers.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
      for (const a of answers) if (a.status === 'rejected') expect((a.reason as { code?: string }).code, String(a.reason)).toBe('archive.project_exists');
      expect((await h.container.services.auditLog.verify(`project:${projectId}`)).ok).toBe(true);
      expect((await dbOf(h).selectFrom('takes').select('id').execute()).length).toBe(2);
    },
    120_000,
  );

  it('exports from PostgreSQL and restores into a fresh SQLite instance: the same tables again', async () => {
    const { createWriteStream } = await import('node:fs');
    const admin = { accountId: pgAdmin.id, name: pgAdmin.name };
    const pgBefore = await projectDump(pg, projectId);
    await pg.container.services.archive.exportBundle(admin, projectId, createWriteStream(fromPg));
    const exported = await projectDump(pg, projectId);
    expect(exported.audit_events.length).toBe(pgBefore.audit_events.length + 1);
    expect((await back.container.services.archive.verifyBundle(fromPg)).ok).toBe(true);

    // A bundle that breaks part-way through restoring (its manifest made to match, so the checks pass and the database refuses a dailies item of a take that is not there) leaves nothing behind.
    const entries = await readZip(fromPg);
    const items = entries.get('records/dailies_items.jsonl')!.toString();
    entries.set('records/dailies_items.jsonl', Buffer.from(items.replace(/"take_id":"[^"]+"/, '"take_id":"01900000-0000-7000-8000-000000000000"')));
    remanifest(entries);
    const broken = join(dir, 'broken.zip');
    await writeZip(broken, entries);
    const empty = await projectDump(back, projectId);
    await expect(back.container.services.archive.importBundle({ accountId: backAdmin.id, name: backAdmin.name }, broken)).rejects.toThrow();
    expect(await projectDump(back, projectId)).toEqual(empty);
    expect(empty.projects).toEqual([]);

    await back.container.services.archive.importBundle({ accountId: backAdmin.id, name: backAdmin.name }, fromPg);
    const again = await projectDump(back, projectId);
    const expected = structuredClone(exported);
    // The project names the restoring admin when its creator is not on the instance.
    expected.projects = exported.projects.map((r) => rowText({ ...JSON.parse(r), created_by: backAdmin.id })).sort();
    expect(again).toEqual(expected);
    for (const sha of await blobsNamed(back)) expect(await back.container.services.media.stat(sha), sha).toBeDefined();
    expect((await back.container.services.auditLog.verify(`project:${projectId}`)).ok).toBe(true);
  }, 120_000);
  it('lets the owner archive a closed project: the wrapped production is the one to archive', async () => {
    expect((await src.as(owner, { method: 'POST', url: url('/close') })).statusCode).toBe(200);
    const res = await src.as(owner, { method: 'GET', url: url('/archive.zip') });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.rawPayload.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
    expect((await src.as(owner, { method: 'POST', url: url('/reopen') })).statusCode).toBe(200);
  });
});
