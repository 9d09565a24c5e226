import { ShotPlan } from '@backlot/contracts';
import { expect, it } from 'vitest';
import { describeEachDatabase, type Person } from '../../../test/harness.ts';

const TRICKY = ShotPlan.parse({
  scenePurpose: 'Brick learns the truth, "finally"',
  job: 'Hold on Brick, comma, pause',
  subjectAction: 'Brick reads the letter\nthen folds it — slowly',
  camera: { size: 'CU', angle: 'low', height: 'shoulder', movement: 'push-in', lensFeel: 'long', pace: 'slow' },
  environment: 'Patio; late sun',
  constraints: { mustNotAppear: ['logos', 'a | pipe'], mustNotDrift: ['hair parting'] },
  reviewCriteria: ['eyes readable', '=not a formula'],
  targetFrames: 48,
  aspect: '2:1',
});

describeEachDatabase('shot lists in and out', (h) => {
  let owner: Person;
  const svc = () => h().container.services;
  const actor = () => ({ accountId: owner.id, name: owner.name });

  async function projectWithScenes(code: string, frameRate = '24/1') {
    const id = await h().project(owner, code);
    if (frameRate !== '24/1') await svc().projects.update(actor(), id, { frameRate });
    await svc().scenes.create(actor(), id, { number: '1', heading: 'EXT. PATIO - DAY', beat: '', excerpt: '', characters: [] });
    await svc().scenes.create(actor(), id, { number: '2', heading: 'INT. GARAGE - NIGHT', beat: '', excerpt: '', characters: [] });
    return id;
  }

  it('round-trips a shot list through CSV and JSON without losing anything', async () => {
    owner = await h().person('Sam');
    const source = await projectWithScenes('SRC');
    const [s1, s2] = await svc().scenes.list(source);
    await svc().shots.create(actor(), source, s1.id, { plan: TRICKY });
    const b = await svc().shots.create(actor(), source, s1.id, { code: 'PATIO_WIDE', plan: ShotPlan.parse({ job: 'Establish' }) });
    await svc().shots.create(actor(), source, s2.id, { plan: ShotPlan.parse({}) });
    await svc().shots.setLocked(actor(), source, b.id, true);
    const shape = async (id: string) => (await svc().shots.list(id)).map((s) => [s.sceneNumber, s.code, s.position, s.status, s.plan]);

    for (const format of ['csv', 'json'] as const) {
      const exported = await svc().shotList.export(source, format);
      expect(exported.fileName).toBe(`SRC_shot-list.${format}`);
      const target = await projectWithScenes(`DST${format.toUpperCase()}`);
      const report = await svc().shotList.import(actor(), target, format, exported.content);
      expect(report).toEqual({ created: 3, updated: 0, unchanged: 0, errors: [] });
      expect(await shape(target)).toEqual(await shape(source));
      // The same file again changes nothing.
      expect(await svc().shotList.import(actor(), target, format, exported.content)).toEqual({ created: 0, updated: 0, unchanged: 3, errors: [] });
    }
  });

  it('saves a new plan version for an edited row and reports bad rows, keeping the good ones', async () => {
    const id = await projectWithScenes('EDIT');
    const [s1] = await svc().scenes.list(id);
    const shot = await svc().shots.create(actor(), id, s1.id, { plan: ShotPlan.parse({ job: 'Old job' }) });
    const csv = (await svc().shotList.export(id, 'csv')).content.replace('Old job', 'New job');
    const lines = csv.split('\n');
    const badScene = lines[1].replace(/^(\uFEFF)?1,SC001_SH010/, '9,SC009_SH010');
    const content = [lines[0], lines[1], badScene].join('\n');
    const report = await svc().shotList.import(actor(), id, 'csv', content);
    expect(report.updated).toBe(1);
    expect(report.errors.map((e) => [e.row, e.field])).toEqual([[2, 'scene']]);
    expect(report.errors[0].message).toMatch(/Scene 9 is not in this project/);
    expect(await svc().shots.get(id, shot.id)).toMatchObject({ planVersion: 2, plan: { job: 'New job' } });
    expect((await svc().shots.versions(id, shot.id))[0].note).toBe('imported from a shot list');
  });

  it("keeps a refused row's shot in its place", async () => {
    const id = await projectWithScenes('KEEP');
    const [s1] = await svc().scenes.list(id);
    for (const job of ['one', 'two', 'three', 'four']) await svc().shots.create(actor(), id, s1.id, { plan: ShotPlan.parse({ job }) });
    const json = JSON.parse((await svc().shotList.export(id, 'json')).content);
    json.shots[1].plan.camera.size = 'GIANT';
    const report = await svc().shotList.import(actor(), id, 'json', JSON.stringify(json));
    expect(report.errors.map((e) => [e.row, e.field])).toEqual([[2, 'plan.camera.size']]);
    expect(report.errors[0].message).toMatch(/must be one of EWS, WS, MWS/);
    expect((await svc().shots.list(id)).map((s) => s.plan.job)).toEqual(['one', 'two', 'three', 'four']);
  });

  it('brings target durations onto the project frame rate', async () => {
    const source = await projectWithScenes('RATE24');
    const [s1] = await svc().scenes.list(source);
    await svc().shots.create(actor(), source, s1.id, { plan: ShotPlan.parse({ job: 'Two seconds', targetFrames: 48 }) });
    const json = (await svc().shotList.export(source, 'json')).content;
    const target = await projectWithScenes('RATE25', '25/1');
    await svc().shotList.import(actor(), target, 'json', json);
    expect((await svc().shots.list(target))[0].plan.targetFrames).toBe(50);
  });

  it('refuses a file that is not a shot list, writing nothing', async () => {
    const id = await projectWithScenes('NOPE');
    await expect(svc().shotList.import(actor(), id, 'json', '{"hello": 1}')).rejects.toMatchObject({ code: 'shot_list.invalid', field: 'content' });
    await expect(svc().shotList.import(actor(), id, 'csv', '')).rejects.toMatchObject({ code: 'shot_list.invalid' });
    expect(await svc().shots.list(id)).toEqual([]);
  });
});
