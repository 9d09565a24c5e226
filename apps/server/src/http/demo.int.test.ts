/**
 * The sample project over HTTP, on SQLite and PostgreSQL: one call builds a project the member
 * owns with imported scenes, complete plans, drawn reference stills cleared and locked on those
 * plans, and queued previs takes, every step audited; the in-process worker then renders them all.
 */
import { expect, it } from 'vitest';
import { describeEachDatabase, type Person } from '../../test/harness.ts';

async function waitFor<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 120_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > until) throw new Error(`timed out; last: ${JSON.stringify(v).slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describeEachDatabase('sample project', (h) => {
  let owner: Person;
  let outsider: Person;
  let projectId = '';
  let takeIds: string[] = [];
  let startedAt = 0;
  const url = (path: string) => `/api/v1/projects/${projectId}${path}`;
  const get = async (path: string, who = owner) => {
    const r = await h().as(who, { method: 'GET', url: url(path) });
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };

  it('builds a project the member owns, with the screenplay imported into three scenes', async () => {
    [owner, outsider] = await Promise.all([h().person('Nadia'), h().person('Oscar')]);
    startedAt = Date.now();
    const r = await h().as(owner, { method: 'POST', url: '/api/v1/demo' });
    expect(r.statusCode, r.body).toBe(201);
    const built = r.json();
    console.log(`sample project built (takes queued) in ${Date.now() - startedAt} ms [${h().dialect}]`);
    expect(built.code).toBe('DEMO');
    projectId = built.projectId;
    takeIds = built.takeIds;
    expect(takeIds).toHaveLength(9);

    const { project } = await get('');
    expect(project).toMatchObject({ name: 'Backlot Demo — Night Shift', code: 'DEMO', frameRate: '24/1', resolution: { width: 960, height: 540 }, currency: 'USD', budget: '100.00', myRole: 'owner' });
    const { scenes } = await get('/scenes');
    expect(scenes.map((s: { number: string; heading: string }) => `${s.number} ${s.heading}`)).toEqual(['1 INT. GUARD BOOTH - NIGHT', '2 EXT. BACKLOT STREET - NIGHT', '3 INT. STAGE 9 - NIGHT']);
    expect(scenes.every((s: { beat: string; shotCount: number }) => s.beat.length > 0 && s.shotCount >= 2 && s.shotCount <= 3)).toBe(true);
    expect((await h().as(outsider, { method: 'GET', url: url('') })).statusCode).toBe(404);
  });

  it('plans every shot completely: a push-in, a pan and a static among them, 48 to 72 frames', async () => {
    const { shots } = await get('/shots');
    expect(shots).toHaveLength(7);
    for (const s of shots) {
      expect(s.completeness, s.code).toEqual({ complete: true, missing: [] });
      expect(s.plan.environment.length).toBeGreaterThan(0);
      expect(s.plan.targetFrames).toBeGreaterThanOrEqual(48);
      expect(s.plan.targetFrames).toBeLessThanOrEqual(72);
      expect(s.rights.atRisk).toBe(false);
    }
    const moves = new Set(shots.map((s: { plan: { camera: { movement: string } } }) => s.plan.camera.movement));
    for (const m of ['push-in', 'pan', 'static']) expect(moves).toContain(m);
    expect(shots[0].code).toBe('SC001_SH010');
  });

  it('draws a still per location and one of the lead, cleared for the demo, locked and on the plans', async () => {
    const { assets } = await get('/assets');
    const drawn = assets.filter((a: { currentVersion: number }) => a.currentVersion > 0);
    expect(drawn.map((a: { kind: string; name: string }) => `${a.kind} ${a.name}`).sort()).toEqual(['character NELL', 'location Backlot street', 'location Guard booth', 'location Stage 9']);
    for (const a of drawn) {
      expect(a).toMatchObject({ clearance: 'cleared', lockedVersion: 1, currentVersion: 1, rights: { atRisk: false } });
      const detail = await get(`/assets/${a.id}`);
      expect(detail.clearanceHistory.find((e: { to: string }) => e.to === 'cleared')).toMatchObject({ from: 'uncleared', reason: 'made for the demo', by: 'Nadia' });
      expect(detail.versions[0].files[0]).toMatchObject({ mediaType: 'image/png', width: 960, height: 540 });
    }
    const { shots } = await get('/shots');
    for (const [i, s] of shots.entries()) {
      const { references } = await get(`/shots/${s.id}/references`);
      const roles = references.map((r: { role: string; kind: string }) => `${r.role}:${r.kind}`);
      expect(roles).toContain('location:location');
      expect(roles.includes('start-frame:location')).toBe(i === 0);
      expect(references.every((r: { clearance: string; lockedVersion: number; version: number }) => r.clearance === 'cleared' && r.lockedVersion === r.version)).toBe(true);
    }
  });

  it('queues previs takes (three of the first shot, one of each other) and records every step in the audit log', async () => {
    const { shots } = await get('/shots');
    const counts = await Promise.all(shots.map(async (s: { id: string }) => (await get(`/shots/${s.id}/takes`)).takes.length));
    expect(counts).toEqual([3, 1, 1, 1, 1, 1, 1]);
    const first = await get(`/takes/${takeIds[0]}`);
    expect(first).toMatchObject({ provider: 'previs', model: 'previs-animatic', shotCode: 'SC001_SH010', code: 'TK001' });
    expect(['queued', 'submitted', 'running', 'succeeded']).toContain(first.status);
    const audit = await get('/audit?limit=200');
    const actions = new Set(audit.events.map((e: { action: string }) => e.action));
    for (const a of ['project.created', 'screenplay.imported', 'shot.created', 'asset.version_added', 'asset.clearance_changed', 'asset.locked', 'plan.references_changed'])
      expect(actions).toContain(a);
    expect(audit.events.every((e: { actor: { name: string } }) => e.actor.name === 'Nadia')).toBe(true);
    expect((await get('/audit/verify')).ok).toBe(true);
  });

  it('renders every take with the worker', async () => {
    h().container.startWorker();
    const takes = await waitFor(
      () => Promise.all(takeIds.map((id) => get(`/takes/${id}`))),
      (ts) => ts.every((t) => ['succeeded', 'failed', 'canceled'].includes(t.status)),
    );
    console.log(`sample project's ${takes.length} takes rendered ${Date.now() - startedAt} ms after the request [${h().dialect}]`);
    expect(takes.map((t) => [t.code, t.status, t.error])).toEqual(takes.map((t) => [t.code, 'succeeded', null]));
    expect(takes[0].media).toMatchObject({ width: 960, height: 540, frames: 48, frameRate: '24/1' });
    expect(takes[0].continuity.find((c: { check: string }) => c.check === 'start_frame')).toBeDefined();
  }, 150_000);

  it('builds a second sample as DEMO2 while DEMO is taken', async () => {
    const r = await h().as(owner, { method: 'POST', url: '/api/v1/demo' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().code).toBe('DEMO2');
  });
});
