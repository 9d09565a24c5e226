import { ShotPlan } from '@backlot/contracts';
import { expect, it } from 'vitest';
import { describeEachDatabase, type Person } from '../../../test/harness.ts';
import { projectChain } from '../../domain/audit/audit-chain.ts';

describeEachDatabase('scenes, shots and versioned plans', (h) => {
  const svc = () => h().container.services;
  let owner: Person;
  let projectId: string;
  const actor = () => ({ accountId: owner.id, name: owner.name });

  it('adds scenes with the next free number, in order, and refuses a number taken', async () => {
    owner = await h().person('Dana Director');
    projectId = await h().project(owner, 'PLAN');
    const a = await svc().scenes.create(actor(), projectId, { heading: 'EXT. PATIO - DAY', beat: '', excerpt: '', characters: [] });
    const b = await svc().scenes.create(actor(), projectId, { number: '12A', heading: 'INT. KITCHEN - DAY', beat: 'Steel hides the letter', excerpt: '', characters: ['STEEL'] });
    const c = await svc().scenes.create(actor(), projectId, { heading: 'INT. GARAGE - NIGHT', beat: '', excerpt: '', characters: [], afterSceneId: a.id });
    expect([a.number, b.number, c.number]).toEqual(['1', '12A', '13']);
    expect((await svc().scenes.list(projectId)).map((s) => s.heading)).toEqual(['EXT. PATIO - DAY', 'INT. GARAGE - NIGHT', 'INT. KITCHEN - DAY']);
    await expect(svc().scenes.create(actor(), projectId, { number: '12A', heading: 'X', beat: '', excerpt: '', characters: [] })).rejects.toMatchObject({
      code: 'scene.number_taken',
      field: 'number',
    });
  });

  it('reorders, omits and restores scenes, and audits each', async () => {
    const scenes = await svc().scenes.list(projectId);
    await svc().scenes.reorder(
      actor(),
      projectId,
      [...scenes].reverse().map((s) => s.id),
    );
    expect((await svc().scenes.list(projectId)).map((s) => s.number)).toEqual(['12A', '13', '1']);
    await expect(svc().scenes.reorder(actor(), projectId, [scenes[0].id])).rejects.toMatchObject({ field: 'ids' });
    const omitted = await svc().scenes.update(actor(), projectId, scenes[0].id, { omitted: true });
    expect(omitted.omittedAt).not.toBeNull();
    await svc().scenes.update(actor(), projectId, scenes[0].id, { omitted: false, beat: 'Brick decides' });
    const summaries = (await svc().auditLog.page(projectChain(projectId), undefined, 3)).events.map((e) => e.summary);
    expect(summaries[0]).toBe('Dana Director restored scene 1 EXT. PATIO - DAY and changed beat');
    expect(summaries[1]).toBe('Dana Director omitted scene 1 EXT. PATIO - DAY');
  });

  it('derives shot codes per scene and keeps them unique in the project', async () => {
    const [scene] = await svc().scenes.list(projectId); // 12A
    const s1 = await svc().shots.create(actor(), projectId, scene.id, { plan: ShotPlan.parse({}) });
    const s2 = await svc().shots.create(actor(), projectId, scene.id, { plan: ShotPlan.parse({}) });
    const s3 = await svc().shots.create(actor(), projectId, scene.id, { plan: ShotPlan.parse({}), afterShotId: s1.id });
    expect([s1.code, s2.code, s3.code]).toEqual(['SC012A_SH010', 'SC012A_SH020', 'SC012A_SH030']);
    expect((await svc().shots.list(projectId, scene.id)).map((s) => s.code)).toEqual(['SC012A_SH010', 'SC012A_SH030', 'SC012A_SH020']);
    await expect(svc().shots.update(actor(), projectId, s3.id, { code: 'SC012A_SH010' })).rejects.toMatchObject({ code: 'shot.code_taken', field: 'code' });
    const renamed = await svc().shots.update(actor(), projectId, s3.id, { code: 'SC012A_SH015' });
    expect(renamed.code).toBe('SC012A_SH015');
  });

  it('saves every edit as a new version with a field-by-field diff, and refuses a stale save', async () => {
    const [shot] = await svc().shots.list(projectId);
    const v2 = await svc().shots.savePlan(actor(), projectId, shot.id, {
      plan: ShotPlan.parse({ job: 'Show the letter', subjectAction: 'Steel slides the letter under a plate', camera: { size: 'CU', movement: 'static' } }),
      baseVersion: 1,
    });
    expect(v2.planVersion).toBe(2);
    const v3 = await svc().shots.savePlan(actor(), projectId, shot.id, {
      plan: { ...v2.plan, camera: { ...v2.plan.camera, movement: 'push-in' }, reviewCriteria: ['letter legible'] },
      baseVersion: 2,
    });
    expect(v3.planVersion).toBe(3);
    // Someone still on version 2 saves: refused, nothing lost.
    await expect(svc().shots.savePlan(actor(), projectId, shot.id, { plan: ShotPlan.parse({ job: 'Other idea' }), baseVersion: 2 })).rejects.toMatchObject({ code: 'plan.stale' });
    expect((await svc().shots.get(projectId, shot.id)).plan.job).toBe('Show the letter');
    // Saving the same plan again makes no version.
    expect((await svc().shots.savePlan(actor(), projectId, shot.id, { plan: v3.plan, baseVersion: 3 })).planVersion).toBe(3);

    const versions = await svc().shots.versions(projectId, shot.id);
    expect(versions.map((v) => [v.version, v.authorName, v.changed])).toEqual([
      [3, 'Dana Director', ['Camera movement', 'Review criteria']],
      [2, 'Dana Director', ['Shot job', 'Subject and action', 'Camera size', 'Camera movement']],
      [1, 'Dana Director', ['first version']],
    ]);
    const diff = await svc().shots.diff(projectId, shot.id, 1, 3);
    expect(diff.changes.map((c) => [c.label, c.from, c.to])).toContainEqual(['Camera movement', '—', 'push-in']);
    await expect(svc().shots.diff(projectId, shot.id, 1, 9)).rejects.toMatchObject({ code: 'plan.version_not_found', field: 'to' });
  });

  it('locks a plan against edits until it is unlocked, auditing both', async () => {
    const [shot] = await svc().shots.list(projectId);
    const locked = await svc().shots.setLocked(actor(), projectId, shot.id, true);
    expect(locked).toMatchObject({ status: 'locked', lockedBy: 'Dana Director' });
    await expect(svc().shots.savePlan(actor(), projectId, shot.id, { plan: { ...locked.plan, job: 'Changed' }, baseVersion: locked.planVersion })).rejects.toMatchObject({ code: 'plan.locked' });
    const unlocked = await svc().shots.setLocked(actor(), projectId, shot.id, false);
    expect(unlocked.status).toBe('planned');
    const actions = (await svc().auditLog.page(projectChain(projectId), undefined, 2)).events.map((e) => e.action);
    expect(actions).toEqual(['plan.unlocked', 'plan.locked']);
    expect(await svc().auditLog.verify(projectChain(projectId))).toMatchObject({ ok: true });
  });
});
