import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/harness.ts';
import { projectChain } from '../../domain/audit/audit-chain.ts';
import { presentProjectDetail } from './project-presenter.ts';

describeEachDatabase('projects', (h) => {
  const svc = () => h().container.services;
  const input = { name: 'Night Shift', code: 'NIGHT', frameRate: '24000/1001', timecodeMode: 'ndf' as const, resolution: { width: 2048, height: 858 }, currency: 'EUR', budget: '25000.50' };

  it('creates a project with its creator as owner, and lists it', async () => {
    const owner = await h().person('Olga');
    const p = await svc().projects.create({ accountId: owner.id, name: owner.name }, input);
    expect(p).toMatchObject({ code: 'NIGHT', fpsNum: 24000, fpsDen: 1001, width: 2048, height: 858, currency: 'EUR', budgetMicros: 25_000_500_000, closedAt: null });
    expect(await svc().projects.access(p.id, owner.id)).toEqual({ role: 'owner', closed: false });
    const listed = await svc().projects.listForAccount(owner.id, 'exclude');
    expect(listed.map((x) => [x.code, x.role])).toEqual([['NIGHT', 'owner']]);
  });

  it('refuses a code already taken, and drop-frame at 24, writing nothing', async () => {
    const owner = await h().person('Oscar');
    const actor = { accountId: owner.id, name: owner.name };
    await expect(svc().projects.create(actor, { ...input, name: 'Other' })).rejects.toMatchObject({ code: 'project.code_taken', field: 'code' });
    await expect(svc().projects.create(actor, { ...input, code: 'DF24', frameRate: '24/1', timecodeMode: 'df' })).rejects.toMatchObject({ field: 'timecodeMode' });
    expect(await svc().projects.listForAccount(owner.id, 'include')).toEqual([]);
    expect(await h().container.store.read.projects.findByCode('DF24')).toBeUndefined();
  });

  it('edits settings and audits each field from and to', async () => {
    const owner = await h().person('Pia');
    const id = await h().project(owner, 'EDIT');
    await svc().projects.update({ accountId: owner.id, name: owner.name }, id, { frameRate: '30000/1001', timecodeMode: 'df', budget: '1200.25' });
    const p = await svc().projects.getOrThrow(id);
    expect(p).toMatchObject({ fpsNum: 30000, fpsDen: 1001, timecodeMode: 'df', budgetMicros: 1_200_250_000 });
    const [last] = (await svc().auditLog.page(projectChain(id), undefined, 1)).events;
    expect(last.summary).toContain('frameRate from 24/1 to 30000/1001');
    expect(last.summary).toContain('budget from 1000.00 to 1200.25');
    await expect(svc().projects.update({ accountId: owner.id, name: owner.name }, id, { frameRate: '25/1' })).rejects.toMatchObject({ field: 'timecodeMode' });
    expect((await svc().projects.getOrThrow(id)).fpsNum).toBe(30000);
  });

  it('closes a project out of the list and reopens it', async () => {
    const owner = await h().person('Quinn');
    const id = await h().project(owner, 'CLOSE');
    const actor = { accountId: owner.id, name: owner.name };
    await svc().projects.setClosed(actor, id, true);
    expect((await svc().projects.listForAccount(owner.id, 'exclude')).map((p) => p.code)).not.toContain('CLOSE');
    expect((await svc().projects.listForAccount(owner.id, 'only')).map((p) => p.code)).toEqual(['CLOSE']);
    expect(await svc().projects.access(id, owner.id)).toEqual({ role: 'owner', closed: true });
    const closed = presentProjectDetail(await svc().projects.getOrThrow(id), 'owner');
    expect(closed.permissions).toEqual(['project.view', 'project.read', 'spend.read', 'audit.read', 'project.close', 'take.read', 'retention.preview', 'archive.export', 'dailies.read']);
    await svc().projects.setClosed(actor, id, false);
    expect(presentProjectDetail(await svc().projects.getOrThrow(id), 'owner').permissions).toContain('project.edit_settings');
    await expect(svc().projects.setClosed(actor, id, false)).rejects.toMatchObject({ code: 'project.not_closed' });
    const actions = (await svc().auditLog.page(projectChain(id), undefined, 5)).events.map((e) => e.action);
    expect(actions.slice(0, 2)).toEqual(['project.reopened', 'project.closed']);
  });
});
