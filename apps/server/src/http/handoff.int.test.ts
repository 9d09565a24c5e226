/**
 * Editorial handoff on SQLite and PostgreSQL, with previs takes rendered by the in-process worker
 * in a 23.976 project: which takes a scope hands off and in what order, names, reels, source
 * ranges from marks with handles clamped to the media, notes as markers, provenance, takes at risk
 * refused naming the asset unless an owner or producer overrides with a reason, and the audit.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import yauzl from 'yauzl';
import type { Role } from '@backlot/contracts';
import { FIXTURES_DIR } from '../../test/fixtures.ts';
import { describeEachDatabase, type Person } from '../../test/harness.ts';
import { makeTestMedia, multipart } from '../../test/media.ts';
import { waitFor } from '../../test/wait.ts';
import { writeEdl } from '../domain/handoff/edl-writer.ts';
import type { HandoffRequest } from '../services/handoff/handoff-build.ts';

const media = makeTestMedia();

/** Every entry of a zip in its order, read back with yauzl: path → bytes. */
async function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, z) => (err ? reject(err) : resolve(z))));
  const out = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (err, stream) => {
        if (err) return reject(err);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          out.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
  return out;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const PLAN = {
  job: 'Cover the handover',
  subjectAction: 'Mara hands the key to Jon.',
  camera: { size: 'MS', movement: 'static' },
  environment: 'Loading bay, sodium lights',
  reviewCriteria: ['Key stays in frame'],
  targetFrames: 24,
};

describeEachDatabase('handoff', (h) => {
  let owner: Person, producer: Person, director: Person, editor: Person, viewer: Person;
  let projectId = '';
  const scene: Record<string, string> = {};
  const shot: Record<string, string> = {};
  const take: Record<string, string> = {};
  let restricted = '';
  const url = (path: string) => `/api/v1/projects/${projectId}${path}`;
  const post = (who: Person, path: string, payload: object) => h().as(who, { method: 'POST', url: url(path), payload });
  const build = (role: Role, request: Partial<HandoffRequest> & Pick<HandoffRequest, 'scope'>) =>
    h().container.services.handoff.timeline(projectId, role, { takes: 'approved', handles: 0, ...request });
  const auditEvents = async () => (await h().as(owner, { method: 'GET', url: url('/audit?limit=50') })).json().events as { action: string; summary: string }[];

  it('sets up a 23.976 project: scene 1 with three shots, scene 2 with one, previs takes rendered', async () => {
    [owner, producer, director, editor, viewer] = await Promise.all(['Olga', 'Pablo', 'Dora', 'Eddie', 'Vera'].map((n) => h().person(n)));
    const p = await h().container.services.projects.create(
      { accountId: owner.id, name: owner.name },
      { name: 'Handover', code: 'HAND', frameRate: '24000/1001', timecodeMode: 'ndf', resolution: { width: 320, height: 180 }, currency: 'USD', budget: '100' },
    );
    projectId = p.id;
    for (const [person, role] of [
      [producer, 'producer'],
      [director, 'director'],
      [editor, 'editor'],
      [viewer, 'viewer'],
    ] as [Person, Role][]) {
      await h().container.store.transaction((tx) => tx.members.insert({ projectId, accountId: person.id, role, createdAt: new Date().toISOString() }));
    }
    scene.one = (await post(director, '/scenes', { heading: 'INT. LOADING BAY - NIGHT' })).json().id;
    scene.two = (await post(director, '/scenes', { heading: 'EXT. YARD - NIGHT' })).json().id;
    for (const [key, sceneKey] of [
      ['s1a', 'one'],
      ['s1b', 'one'],
      ['s1c', 'one'],
      ['s2a', 'two'],
    ] as const) {
      const res = await post(director, `/scenes/${scene[sceneKey]}/shots`, { plan: PLAN });
      expect(res.statusCode).toBe(201);
      shot[key] = res.json().id;
    }
    // A reference, cleared, on scene 2's shot: restricted after its take is approved.
    const asset = (await post(director, '/assets', { kind: 'prop', name: 'BRASS KEY' })).json();
    const upload = multipart([['main', 'key.png', media.png, 'image/png']]);
    expect((await h().as(director, { method: 'POST', url: url(`/assets/${asset.id}/versions`), headers: { 'content-type': upload.contentType }, payload: upload.body })).statusCode).toBe(201);
    expect((await post(producer, `/assets/${asset.id}/clearance`, { clearance: 'cleared', reason: 'made by props' })).statusCode).toBe(200);
    const s2a = (await h().as(director, { method: 'GET', url: url(`/shots/${shot.s2a}`) })).json();
    expect(
      (await h().as(director, { method: 'PUT', url: url(`/shots/${shot.s2a}/references`), payload: { references: [{ assetId: asset.id, version: 1, role: 'prop' }], baseVersion: s2a.planVersion } }))
        .statusCode,
    ).toBe(200);
    restricted = asset.id;

    const generate = async (key: string, count: number) => {
      const res = await post(director, `/shots/${shot[key]}/takes`, { provider: 'previs', model: 'previs-animatic', count });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().takes as { id: string; code: string }[];
    };
    const [a1, a2] = await generate('s1a', 2);
    const [b1] = await generate('s1b', 1);
    const [c1] = await generate('s1c', 1);
    const [d1] = await generate('s2a', 1);
    Object.assign(take, { a1: a1.id, a2: a2.id, b1: b1.id, c1: c1.id, d1: d1.id });
    h().container.startWorker();
    for (const id of Object.values(take)) {
      await waitFor(
        async () => (await h().as(director, { method: 'GET', url: url(`/takes/${id}`) })).json(),
        (t) => t.status === 'succeeded',
        60_000,
      );
    }
  });

  it('reviews: SH010 and SH020 of scene 1 approved (SH020 marked 4 to 15), SH030 only selected, notes on the approved takes', async () => {
    for (const id of [take.a1, take.a2, take.b1, take.c1, take.d1]) expect((await post(director, `/takes/${id}/review`, { state: 'selected' })).statusCode).toBe(200);
    for (const id of [take.a1, take.b1, take.d1]) expect((await post(director, `/takes/${id}/review`, { state: 'approved' })).statusCode).toBe(200);
    expect((await h().as(director, { method: 'PUT', url: url(`/takes/${take.b1}/marks`), payload: { in: 4, out: 15 } })).statusCode).toBe(200);

    const note = (who: Person, takeId: string, payload: object) => post(who, `/takes/${takeId}/notes`, payload);
    const hold = await note(director, take.a1, { body: 'Hold on the key a beat longer', frame: 5 });
    expect(hold.statusCode).toBe(201);
    expect((await note(director, take.a1, { body: 'Agreed', parentId: hold.json().id })).statusCode).toBe(201);
    expect((await note(producer, take.a1, { body: 'Client: lose the logo', frame: 10, frameEnd: 12, visibility: 'client' })).statusCode).toBe(201);
    const drawn = { width: 320, height: 180, shapes: [{ type: 'box', x: 10, y: 10, w: 40, h: 30, colour: '#ff3b30', width: 2 }] };
    expect((await note(director, take.a1, { body: 'This corner', frame: 20, drawing: drawn })).statusCode).toBe(201);
    const fixed = await note(director, take.a1, { body: 'Flicker on the wall', frame: 0 });
    expect((await h().as(director, { method: 'PATCH', url: url(`/notes/${fixed.json().id}`), payload: { resolved: true } })).statusCode).toBe(200);
    expect((await note(director, take.b1, { body: 'Before the in mark', frame: 2 })).statusCode).toBe(201);
    expect((await note(director, take.b1, { body: 'Jon looks up here', frame: 8 })).statusCode).toBe(201);
    // Restricted after approval: scene 2's approved take is now at risk.
    expect((await post(producer, `/assets/${restricted}/clearance`, { clearance: 'restricted', reason: 'the maker withdrew it' })).statusCode).toBe(200);
  });

  it("hands off scene 1's approved takes in shot order, named and reeled predictably, ranges from the marks, notes as markers", async () => {
    const b = await build('editor', { scope: { kind: 'scenes', sceneIds: [scene.one] } });
    expect(b.timeline).toMatchObject({ name: 'HAND scene 1 approved', projectCode: 'HAND', rate: { num: 24000, den: 1001 }, timecode: 'ndf', recordStart: 86400, width: 320, height: 180 });
    expect(b.timeline.clips.map((c) => [c.name, c.reel, c.shotCode, c.takeCode, c.sourceIn, c.sourceOut, c.media.path, c.media.frames])).toEqual([
      ['HAND_SC001_SH010_TK001', '001010T1', 'SC001_SH010', 'TK001', 0, 24, 'media/HAND_SC001_SH010_TK001.mp4', 24],
      ['HAND_SC001_SH020_TK001', '001020T1', 'SC001_SH020', 'TK001', 4, 16, 'media/HAND_SC001_SH020_TK001.mp4', 24],
    ]);
    expect(b.timeline.clips[0].markers.map((m) => [m.frame, m.duration, m.kind, m.author, m.text])).toEqual([
      [0, 1, 'resolved', 'Dora', 'Flicker on the wall'],
      [5, 1, 'note', 'Dora', 'Hold on the key a beat longer'],
      [10, 3, 'client_note', 'Pablo', 'Client: lose the logo'],
      [20, 1, 'drawing', 'Dora', 'This corner'],
    ]);
    expect(b.timeline.clips[1].markers.map((m) => [m.frame, m.text])).toEqual([[8, 'Jon looks up here']]);
    expect(b.skipped).toEqual([{ shotId: shot.s1c, shotCode: 'SC001_SH030', why: 'no approved take with a picture' }]);
    expect(b.refusals).toEqual([]);
  });

  it('widens by handles, never past the media', async () => {
    const b = await build('director', { scope: { kind: 'scenes', sceneIds: [scene.one] }, handles: 6 });
    expect(b.timeline.clips.map((c) => [c.name, c.sourceIn, c.sourceOut])).toEqual([
      ['HAND_SC001_SH010_TK001', 0, 24],
      ['HAND_SC001_SH020_TK001', 0, 22],
    ]);
  });

  it('hands off the selected takes by choice, each shot in order and its takes by number', async () => {
    const b = await build('director', { scope: { kind: 'scenes', sceneIds: [scene.one] }, takes: 'selected' });
    expect(b.timeline.clips.map((c) => c.name)).toEqual(['HAND_SC001_SH010_TK001', 'HAND_SC001_SH010_TK002', 'HAND_SC001_SH020_TK001', 'HAND_SC001_SH030_TK001']);
    expect(b.skipped).toEqual([]);
  });

  it('keeps each clip’s provenance: who approved it and when, the references with their hashes; the cost only for those who read spend', async () => {
    const forEditor = await build('editor', { scope: { kind: 'project' } });
    const forOwner = await build('owner', { scope: { kind: 'project' } });
    const [first] = forOwner.clips;
    expect(first.provenance).toMatchObject({
      clip: 'HAND_SC001_SH010_TK001',
      scene: '1',
      shot: 'SC001_SH010',
      take: 'TK001',
      review: 'approved',
      provider: 'previs',
      model: 'previs-animatic',
      approvedBy: 'Dora',
      external: false,
      references: [],
    });
    expect(first.provenance.approvedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(first.provenance.cost).toEqual({ currency: 'USD', actual: '0.00', estimate: '0.00' });
    expect(forEditor.clips[0].provenance.cost).toBeNull();
    const last = forOwner.clips.at(-1)!;
    expect(last.provenance.clip).toBe('HAND_SC002_SH010_TK001');
    expect(last.provenance.references).toEqual([
      { asset: 'BRASS KEY', assetId: restricted, kind: 'prop', version: 1, role: 'prop', files: [{ view: 'main', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }] },
    ]);
    expect(forOwner.refusals).toEqual([{ takeId: take.d1, name: 'HAND_SC002_SH010_TK001', shotCode: 'SC002_SH010', takeCode: 'TK001', reasons: ['BRASS KEY is restricted'] }]);
  });

  it('shows the package before it is written: clips with record timecodes, every file with its size', async () => {
    const res = await h().as(editor, { method: 'GET', url: url(`/handoff?scenes=${scene.one}&formats=otio,edl,fcpxml&fcpxmlVersion=1.10&proxies=true`) });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({
      name: 'HAND scene 1 approved',
      rate: '24000/1001',
      timecode: 'ndf',
      recordStart: '01:00:00:00',
      frames: 36,
      duration: '00:00:01:12',
      fileName: 'HAND_SC001.zip',
      refusals: [],
      canOverride: false,
    });
    expect(p.clips.map((c: Record<string, unknown>) => [c.name, c.reel, c.sourceIn, c.sourceOut, c.frames, c.recordIn, c.markers])).toEqual([
      ['HAND_SC001_SH010_TK001', '001010T1', 0, 24, 24, '01:00:00:00', 4],
      ['HAND_SC001_SH020_TK001', '001020T1', 4, 16, 12, '01:00:01:00', 1],
    ]);
    expect(p.skipped.map((s: { shotCode: string }) => s.shotCode)).toEqual(['SC001_SH030']);
    expect(p.files.map((f: { path: string }) => f.path)).toEqual([
      'media/HAND_SC001_SH010_TK001.mp4',
      'media/HAND_SC001_SH020_TK001.mp4',
      'proxies/HAND_SC001_SH010_TK001.mp4',
      'proxies/HAND_SC001_SH020_TK001.mp4',
      'HAND_SC001.otio',
      'HAND_SC001.edl',
      'HAND_SC001.premiere.edl',
      'HAND_SC001.fcpxml',
      'manifest.json',
      'manifest.csv',
    ]);
    expect((await auditEvents()).filter((e) => e.action.startsWith('handoff.'))).toEqual([]);
  });

  it('streams the package as a zip of exactly the previewed files: media copied byte for byte, timelines, manifest; audited', async () => {
    const query = `scenes=${scene.one}&formats=otio,edl,fcpxml,otioz&fcpxmlVersion=1.10&proxies=true`;
    const res = await h().as(editor, { method: 'GET', url: url(`/handoff.zip?${query}`) });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toBe('attachment; filename="HAND_SC001.zip"');
    const files = await unzip(res.rawPayload);
    expect([...files.keys()]).toEqual([
      'HAND_SC001/media/HAND_SC001_SH010_TK001.mp4',
      'HAND_SC001/media/HAND_SC001_SH020_TK001.mp4',
      'HAND_SC001/proxies/HAND_SC001_SH010_TK001.mp4',
      'HAND_SC001/proxies/HAND_SC001_SH020_TK001.mp4',
      'HAND_SC001/HAND_SC001.otio',
      'HAND_SC001/HAND_SC001.edl',
      'HAND_SC001/HAND_SC001.premiere.edl',
      'HAND_SC001/HAND_SC001.fcpxml',
      'HAND_SC001/manifest.json',
      'HAND_SC001/manifest.csv',
      'HAND_SC001/HAND_SC001.otioz',
    ]);
    const a1 = (await h().as(director, { method: 'GET', url: url(`/takes/${take.a1}`) })).json();
    const original = files.get('HAND_SC001/media/HAND_SC001_SH010_TK001.mp4')!;
    const fromTake = (await h().as(director, { method: 'GET', url: a1.media.original })).rawPayload;
    expect(fromTake.length).toBeGreaterThan(1000);
    expect(sha256(original)).toBe(sha256(fromTake));

    const edl = files.get('HAND_SC001/HAND_SC001.edl')!.toString('utf8');
    expect(edl).toContain('* FROM CLIP NAME: HAND_SC001_SH010_TK001');
    expect(files.get('HAND_SC001/HAND_SC001.premiere.edl')!.toString('utf8')).not.toContain('FROM CLIP NAME');
    const otio = JSON.parse(files.get('HAND_SC001/HAND_SC001.otio')!.toString('utf8'));
    expect(JSON.stringify(otio)).toContain('media/HAND_SC001_SH020_TK001.mp4');
    const dir = mkdtempSync(join(tmpdir(), 'backlot-handoff-'));
    writeFileSync(join(dir, 'cut.fcpxml'), files.get('HAND_SC001/HAND_SC001.fcpxml')!);
    execFileSync('xmllint', ['--noout', '--dtdvalid', join(FIXTURES_DIR, 'fcpxml/dtd/FCPXMLv1_10.dtd'), join(dir, 'cut.fcpxml')], { stdio: 'pipe' });

    const manifest = JSON.parse(files.get('HAND_SC001/manifest.json')!.toString('utf8'));
    expect(manifest.handoff).toMatchObject({ name: 'HAND scene 1 approved', scope: 'scenes 1', takes: 'approved', handles: 0, madeBy: 'Eddie', override: null });
    expect(manifest.clips.map((c: { clip: string; approvedBy: string; cost: unknown }) => [c.clip, c.approvedBy, c.cost])).toEqual([
      ['HAND_SC001_SH010_TK001', 'Dora', null],
      ['HAND_SC001_SH020_TK001', 'Dora', null],
    ]);
    const csv = files.get('HAND_SC001/manifest.csv')!.toString('utf8').split('\r\n');
    expect(csv[0].split(',').slice(0, 6)).toEqual(['clip', 'reel', 'scene', 'shot', 'take', 'review']);
    expect(csv[1].startsWith('HAND_SC001_SH010_TK001,001010T1,1,SC001_SH010,TK001,approved,previs,previs-animatic,')).toBe(true);
    expect(csv.filter(Boolean)).toHaveLength(3);

    const bundle = await unzip(files.get('HAND_SC001/HAND_SC001.otioz')!);
    expect([...bundle.keys()]).toEqual(['version.txt', 'content.otio', 'media/HAND_SC001_SH010_TK001.mp4', 'media/HAND_SC001_SH020_TK001.mp4']);
    expect(bundle.get('version.txt')!.toString()).toBe('1.0.0');
    expect(sha256(bundle.get('media/HAND_SC001_SH010_TK001.mp4')!)).toBe(sha256(original));

    const audited = (await auditEvents()).filter((e) => e.action.startsWith('handoff.'));
    expect(audited.map((e) => e.action)).toEqual(['handoff.exported']);
    expect(audited[0].summary).toMatch(/^Eddie handed off HAND scene 1 approved: 2 clips \(otio, edl, fcpxml, otioz FCPXML 1\.10\)/);
    // The event names the takes handed off, in shot order: retention never purges them.
    const [recorded] = (await h().container.store.read.audit.page(`project:${projectId}`, undefined, 50)).filter((e) => e.action === 'handoff.exported');
    expect((recorded.data as { takeIds: string[] }).takeIds).toEqual([take.a1, take.b1]);
  });

  it('sends the zip’s exact length when it is known (no bundle inside)', async () => {
    const res = await h().as(director, { method: 'GET', url: url(`/handoff.zip?scenes=${scene.one}&formats=edl`) });
    expect(res.statusCode).toBe(200);
    expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
    expect([...(await unzip(res.rawPayload)).keys()]).toEqual([
      'HAND_SC001/media/HAND_SC001_SH010_TK001.mp4',
      'HAND_SC001/media/HAND_SC001_SH020_TK001.mp4',
      'HAND_SC001/HAND_SC001.edl',
      'HAND_SC001/HAND_SC001.premiere.edl',
      'HAND_SC001/manifest.json',
      'HAND_SC001/manifest.csv',
    ]);
  });

  it('refuses a scene that is not in the project, naming the field', async () => {
    const res = await h().as(editor, { method: 'GET', url: url('/handoff.zip?scenes=01900000-0000-7000-8000-000000000000') });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'scene.not_found', field: 'scenes.0' });
    const bad = await h().as(editor, { method: 'GET', url: url('/handoff.zip?formats=otio,avid') });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('formats.1');
  });

  it('refuses a take whose references are at risk, naming the asset; a director may not override, a producer may with a reason, audited', async () => {
    const zip = (who: Person, query: string) => h().as(who, { method: 'GET', url: url(`/handoff.zip?scenes=${scene.two}${query}`) });
    const refused = await zip(editor, '');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('handoff.at_risk');
    expect(refused.json().error.message).toBe('HAND_SC002_SH010_TK001 cannot be handed off: BRASS KEY is restricted. An owner or producer may hand it off anyway, with a reason.');
    const byDirector = await zip(director, '&override=true&reason=Reshoot%20booked');
    expect(byDirector.statusCode).toBe(403);
    expect(byDirector.json().error.code).toBe('handoff.override_denied');
    const noReason = await zip(producer, '&override=true');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.field).toBe('reason');
    expect((await auditEvents()).filter((e) => e.action === 'handoff.exported_with_override')).toEqual([]);

    const overridden = await zip(producer, '&formats=edl&override=true&reason=Replacement%20key%20approved%20by%20props');
    expect(overridden.statusCode).toBe(200);
    const manifest = JSON.parse((await unzip(overridden.rawPayload)).get('HAND_SC002/manifest.json')!.toString('utf8'));
    expect(manifest.handoff.override).toEqual({ reason: 'Replacement key approved by props', risks: ['BRASS KEY is restricted'] });
    const audited = (await auditEvents()).find((e) => e.action === 'handoff.exported_with_override');
    expect(audited?.summary).toMatch(/^Pablo handed off HAND scene 2 approved: 1 clip \(edl\), \d+ bytes, overriding a rights risk \(BRASS KEY is restricted\): Replacement key approved by props$/);
  });

  it('refuses an empty handoff in words', async () => {
    const shotless = (await post(director, '/scenes', { heading: 'INT. CORRIDOR - NIGHT' })).json().id;
    const res = await h().as(editor, { method: 'GET', url: url(`/handoff.zip?scenes=${shotless}`) });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'handoff.empty', message: 'Nothing to hand off: the scope has no shots.' });
  });

  it("reads an editor's OTIO back: two shots reordered and trimmed are shown, then applied exactly, audited; the same cut again changes nothing", async () => {
    // Scene 2 is not in this cut; a third approved take in scene 1 gives the cut three shots.
    expect((await post(director, `/takes/${take.c1}/review`, { state: 'approved' })).statusCode).toBe(200);
    const zip = await h().as(editor, { method: 'GET', url: url(`/handoff.zip?scenes=${scene.one}&formats=otio`) });
    const otio = JSON.parse((await unzip(zip.rawPayload)).get('HAND_SC001/HAND_SC001.otio')!.toString('utf8'));
    const track = otio.tracks.children[0];
    expect(track.children.map((c: { name: string }) => c.name)).toEqual(['HAND_SC001_SH010_TK001', 'HAND_SC001_SH020_TK001', 'HAND_SC001_SH030_TK001']);
    // The editor moves SH030 first and SH010 last, uses frames 2–19 of SH010 and 6–13 of SH020.
    const [sh010, sh020, sh030] = track.children;
    sh010.source_range.start_time.value = 2;
    sh010.source_range.duration.value = 18;
    sh020.source_range.start_time.value = 6;
    sh020.source_range.duration.value = 8;
    track.children = [sh030, sh020, sh010];
    const body = { fileName: 'HAND_SC001_recut.otio', content: JSON.stringify(otio) };

    const preview = await post(editor, '/cuts/preview', body);
    expect(preview.statusCode, preview.body).toBe(200);
    const report = preview.json();
    expect(report.reorders).toEqual([{ sceneId: scene.one, sceneNumber: '1', before: ['SC001_SH010', 'SC001_SH020', 'SC001_SH030'], after: ['SC001_SH030', 'SC001_SH020', 'SC001_SH010'] }]);
    // In the cut's order.
    expect(report.trims.map((t: { clipName: string; marks: object }) => [t.clipName, t.marks])).toEqual([
      ['HAND_SC001_SH020_TK001', { in: 6, out: 13 }],
      ['HAND_SC001_SH010_TK001', { in: 2, out: 19 }],
    ]);
    expect(report).toMatchObject({ omitted: [], swaps: [], unmatched: [], changes: true });
    expect(report.lines).toEqual([
      'Scene 1: shots reordered SC001_SH010, SC001_SH020, SC001_SH030 → SC001_SH030, SC001_SH020, SC001_SH010',
      'HAND_SC001_SH020_TK001: trimmed from frames 4–15 to 6–13 (in/out marks)',
      'HAND_SC001_SH010_TK001: trimmed from frames 0–23 to 2–19 (in/out marks)',
    ]);
    // An editor may read a cut, not apply it.
    expect((await post(editor, '/cuts/apply', { ...body, reportHash: report.reportHash })).statusCode).toBe(403);
    const stale = await post(director, '/cuts/apply', { ...body, reportHash: '0'.repeat(64) });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'cut.changed', field: 'reportHash' });

    const applied = await post(director, '/cuts/apply', { ...body, reportHash: report.reportHash });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json().applied).toBe(true);
    const shots = (await h().as(director, { method: 'GET', url: url(`/shots?sceneId=${scene.one}`) })).json();
    expect(shots.shots.map((x: { code: string }) => x.code)).toEqual(['SC001_SH030', 'SC001_SH020', 'SC001_SH010']);
    const marks = async (id: string) => (await h().as(director, { method: 'GET', url: url(`/takes/${id}`) })).json().marks;
    expect(await marks(take.a1)).toEqual({ in: 2, out: 19 });
    expect(await marks(take.b1)).toEqual({ in: 6, out: 13 });
    expect(await marks(take.c1)).toEqual({ in: null, out: null });
    const audited = (await auditEvents()).find((e) => e.action === 'cut.applied');
    expect(audited?.summary).toBe(
      "Dora applied the editor's cut HAND scene 1 approved (HAND_SC001_recut.otio): scene 1 reordered; HAND_SC001_SH020_TK001 marked 6–13; HAND_SC001_SH010_TK001 marked 2–19",
    );

    const again = (await post(director, '/cuts/preview', body)).json();
    expect(again).toMatchObject({ reorders: [], trims: [], changes: false, lines: [] });
    const twice = await post(director, '/cuts/apply', { ...body, reportHash: report.reportHash });
    expect(twice.statusCode).toBe(409);
  });

  it('applies a cut and reorders shots dozens of times at once without a server error: one apply wins, the rest are told the project changed', async () => {
    const zip = await h().as(editor, { method: 'GET', url: url(`/handoff.zip?scenes=${scene.one}&formats=otio`) });
    const otio = JSON.parse((await unzip(zip.rawPayload)).get('HAND_SC001/HAND_SC001.otio')!.toString('utf8'));
    const track = otio.tracks.children[0];
    track.children = [...track.children].reverse();
    const body = { fileName: 'reversed.otio', content: JSON.stringify(otio) };
    const report = (await post(director, '/cuts/preview', body)).json();
    expect(report.changes).toBe(true);
    const ids = [shot.s1a, shot.s1b, shot.s1c];
    const calls = [
      ...Array.from({ length: 24 }, () => post(director, '/cuts/apply', { ...body, reportHash: report.reportHash })),
      ...Array.from({ length: 12 }, (_, i) => post(director, `/scenes/${scene.one}/shots/reorder`, { ids: i % 2 ? ids : [...ids].reverse() })),
    ];
    const results = await Promise.all(calls);
    const statuses = results.map((r) => r.statusCode);
    expect(
      statuses.filter((s) => s >= 500),
      results
        .filter((r) => r.statusCode >= 500)
        .map((r) => r.body)
        .join('\n'),
    ).toEqual([]);
    const applies = statuses.slice(0, 24);
    expect(applies.every((s) => s === 200 || s === 409)).toBe(true);
    expect(applies.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
    const shots = await h().container.store.read.shots.list(projectId, scene.one);
    expect(shots.map((x) => x.position).sort()).toEqual([0, 1, 2]);
    expect(new Set(shots.map((x) => x.id))).toEqual(new Set(ids));
  });

  it('refuses a cut it cannot read, naming what is wrong, and changes nothing', async () => {
    const avid = await post(editor, '/cuts/preview', { fileName: 'cut.aaf', content: 'binary' });
    expect(avid.statusCode).toBe(422);
    expect(avid.json().error).toMatchObject({ code: 'handoff.cut_unreadable', field: 'file' });
    expect(avid.json().error.message).toContain('"cut.aaf"');
    const broken = await post(editor, '/cuts/preview', { fileName: 'cut.otio', content: '{"OTIO_SCHEMA": "Timeline.1", "tracks": ' });
    expect(broken.statusCode).toBe(422);
    expect(broken.json().error.code).toBe('handoff.cut_unreadable');
    const missing = await post(editor, '/cuts/preview', { fileName: 'cut.otio' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.field).toBe('content');
  });

  it('hands a take with sound off as sound and picture (EDL AA/V, FCPXML hasAudio), silent takes as picture only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backlot-sound-'));
    const file = join(dir, 'sound.mp4');
    execFileSync(
      'ffmpeg',
      [
        '-v',
        'error',
        '-y',
        '-f',
        'lavfi',
        '-i',
        'testsrc=size=320x180:rate=24000/1001',
        '-f',
        'lavfi',
        '-i',
        'sine=frequency=440:sample_rate=48000',
        '-frames:v',
        '24',
        '-shortest',
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
        '-pix_fmt',
        'yuv420p',
        '-c:a',
        'aac',
        file,
      ],
      { stdio: 'pipe' },
    );
    const upload = multipart(
      [['file', 'sound.mp4', readFileSync(file), 'video/mp4']],
      [
        ['provider', 'Location sound'],
        ['model', 'camera'],
        ['cost', '0'],
      ],
    );
    const res = await h().as(director, { method: 'POST', url: url(`/shots/${shot.s1c}/takes/external`), headers: { 'content-type': upload.contentType }, payload: upload.body });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    await waitFor(
      async () => (await h().as(director, { method: 'GET', url: url(`/takes/${id}`) })).json(),
      (t) => t.status === 'succeeded',
      60_000,
    );
    // SH030's TK001 was approved by the cut applied above: its approval is revoked for the take with sound.
    expect((await post(director, `/takes/${take.c1}/review`, { state: 'selected' })).statusCode).toBe(200);
    for (const state of ['selected', 'approved']) {
      const r = await post(director, `/takes/${id}/review`, { state });
      expect(r.statusCode, r.body).toBe(200);
    }
    // The reorders at once above leave the scene in whichever order landed last: put it back in shot order.
    const reordered = await post(director, `/scenes/${scene.one}/shots/reorder`, { ids: [shot.s1a, shot.s1b, shot.s1c] });
    expect(reordered.statusCode, reordered.body).toBe(200);
    const b = await build('editor', { scope: { kind: 'scenes', sceneIds: [scene.one] } });
    expect(b.timeline.clips.map((c) => [c.shotCode, c.media.hasAudio])).toEqual([
      ['SC001_SH010', false],
      ['SC001_SH020', false],
      ['SC001_SH030', true],
    ]);
    const events = writeEdl(b.timeline, { style: 'standard' })
      .split('\n')
      .filter((l) => /^\d{3} {2}/.test(l));
    expect(events.map((l) => l.split(/ +/)[2])).toEqual(['V', 'V', 'AA/V']);
  });

  it('answers a viewer 403 and a non-member 404', async () => {
    expect((await h().as(viewer, { method: 'GET', url: url('/handoff') })).statusCode).toBe(403);
    const stranger = await h().person('Stranger');
    expect((await h().as(stranger, { method: 'GET', url: url('/handoff') })).statusCode).toBe(404);
  });
});
