/**
 * Editorial handoff on SQLite and PostgreSQL, with previs takes rendered by the in-process worker
 * in a 23.976 project: which takes a scope hands off and in what order, names, reels, source
 * ranges from marks with handles clamped to the media, notes as markers, provenance, takes at risk
 * refused naming the asset unless an owner or producer overrides with a reason, and the audit.
 */
import { expect, it } from 'vitest';
import type { Role } from '@backlot/contracts';
import { describeEachDatabase, type Person } from '../../test/harness.ts';
import { makeTestMedia, multipart } from '../../test/media.ts';
import { waitFor } from '../../test/wait.ts';
import type { HandoffRequest } from '../services/handoff/handoff-build.ts';

const media = makeTestMedia();

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
  const build = (role: Role, request: Partial<HandoffRequest> & Pick<HandoffRequest, 'scope'>) => h().container.services.handoff.timeline(projectId, role, { takes: 'approved', handles: 0, ...request });
  const auditEvents = async () => (await h().as(owner, { method: 'GET', url: url('/audit?limit=50') })).json().events as { action: string; summary: string }[];

  it('sets up a 23.976 project: scene 1 with three shots, scene 2 with one, previs takes rendered', async () => {
    [owner, producer, director, editor, viewer] = await Promise.all(['Olga', 'Pablo', 'Dora', 'Eddie', 'Vera'].map((n) => h().person(n)));
    const p = await h().container.services.projects.create({ accountId: owner.id, name: owner.name }, { name: 'Handover', code: 'HAND', frameRate: '24000/1001', timecodeMode: 'ndf', resolution: { width: 320, height: 180 }, currency: 'USD', budget: '100' });
    projectId = p.id;
    for (const [person, role] of [[producer, 'producer'], [director, 'director'], [editor, 'editor'], [viewer, 'viewer']] as [Person, Role][]) {
      await h().container.store.transaction((tx) => tx.members.insert({ projectId, accountId: person.id, role, createdAt: new Date().toISOString() }));
    }
    scene.one = (await post(director, '/scenes', { heading: 'INT. LOADING BAY - NIGHT' })).json().id;
    scene.two = (await post(director, '/scenes', { heading: 'EXT. YARD - NIGHT' })).json().id;
    for (const [key, sceneKey] of [['s1a', 'one'], ['s1b', 'one'], ['s1c', 'one'], ['s2a', 'two']] as const) {
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
    expect((await h().as(director, { method: 'PUT', url: url(`/shots/${shot.s2a}/references`), payload: { references: [{ assetId: asset.id, version: 1, role: 'prop' }], baseVersion: s2a.planVersion } })).statusCode).toBe(200);
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
      await waitFor(async () => (await h().as(director, { method: 'GET', url: url(`/takes/${id}`) })).json(), (t) => t.status === 'succeeded', 60_000);
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
    expect(first.provenance).toMatchObject({ clip: 'HAND_SC001_SH010_TK001', scene: '1', shot: 'SC001_SH010', take: 'TK001', review: 'approved', provider: 'previs', model: 'previs-animatic', approvedBy: 'Dora', external: false, references: [] });
    expect(first.provenance.approvedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(first.provenance.cost).toEqual({ currency: 'USD', actual: '0.00', estimate: '0.00' });
    expect(forEditor.clips[0].provenance.cost).toBeNull();
    const last = forOwner.clips.at(-1)!;
    expect(last.provenance.clip).toBe('HAND_SC002_SH010_TK001');
    expect(last.provenance.references).toEqual([{ asset: 'BRASS KEY', assetId: restricted, kind: 'prop', version: 1, role: 'prop', files: [{ view: 'main', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }] }]);
    expect(forOwner.refusals).toEqual([{ takeId: take.d1, name: 'HAND_SC002_SH010_TK001', shotCode: 'SC002_SH010', takeCode: 'TK001', reasons: ['BRASS KEY is restricted'] }]);
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
    expect((await auditEvents()).filter((e) => e.action.startsWith('handoff.'))).toEqual([]);
  });

  it('answers a viewer 403 and a non-member 404', async () => {
    expect((await h().as(viewer, { method: 'GET', url: url('/handoff') })).statusCode).toBe(403);
    const stranger = await h().person('Stranger');
    expect((await h().as(stranger, { method: 'GET', url: url('/handoff') })).statusCode).toBe(404);
  });
});
