import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/harness.ts';
import { projectChain } from '../../domain/audit/audit-chain.ts';

describeEachDatabase('the audit chain in the database', (h) => {
  async function projectWithEvents(code: string, changes: number) {
    const owner = await h().person(`Owner ${code}`);
    const projectId = await h().project(owner, code);
    for (let i = 1; i <= changes; i++) {
      await h().container.services.projects.update({ accountId: owner.id, name: owner.name }, projectId, { name: `Cut ${i}` });
    }
    return { projectId, chain: projectChain(projectId) };
  }

  it('records each change with who, what and when, and verifies', async () => {
    const { projectId, chain } = await projectWithEvents('AUD1', 3);
    const page = await h().container.services.auditLog.page(chain, undefined, 10);
    expect(page.total).toBe(4);
    expect(page.events.map((e) => e.action)).toEqual(['project.updated', 'project.updated', 'project.updated', 'project.created']);
    expect(page.events[0].summary).toMatch(/changed name from Cut 2 to Cut 3/);
    expect(page.events[0].actor.name).toMatch(/Owner AUD1/);
    expect(page.events[0].targetId).toBe(projectId);
    expect(await h().container.services.auditLog.verify(chain)).toMatchObject({ ok: true, count: 4 });
  });

  it('finds an event edited directly in SQL', async () => {
    const { chain } = await projectWithEvents('AUD2', 3);
    const db = h().container.database.db;
    await db.updateTable('audit_events').set({ summary: 'nothing happened here' }).where('chain', '=', chain).where('seq', '=', 2).execute();
    const r = await h().container.services.auditLog.verify(chain);
    expect(r).toMatchObject({ ok: false, firstBadSeq: 2 });
  });

  it('finds an event deleted in the middle, and the last event deleted', async () => {
    const { chain } = await projectWithEvents('AUD3', 4);
    const db = h().container.database.db;
    await db.deleteFrom('audit_events').where('chain', '=', chain).where('seq', '=', 5).execute();
    expect(await h().container.services.auditLog.verify(chain)).toMatchObject({ ok: false, firstBadSeq: 5 });
    await db.deleteFrom('audit_events').where('chain', '=', chain).where('seq', '=', 3).execute();
    expect(await h().container.services.auditLog.verify(chain)).toMatchObject({ ok: false, firstBadSeq: 3 });
  });

  it('finds two events reordered in SQL', async () => {
    const { chain } = await projectWithEvents('AUD4', 3);
    const db = h().container.database.db;
    // Swap the numbers of events 2 and 3 (through a free number, as the pair is unique).
    await db.updateTable('audit_events').set({ seq: 1000 }).where('chain', '=', chain).where('seq', '=', 2).execute();
    await db.updateTable('audit_events').set({ seq: 2 }).where('chain', '=', chain).where('seq', '=', 3).execute();
    await db.updateTable('audit_events').set({ seq: 3 }).where('chain', '=', chain).where('seq', '=', 1000).execute();
    expect(await h().container.services.auditLog.verify(chain)).toMatchObject({ ok: false, firstBadSeq: 2 });
  });

  it('keeps one unbroken chain under concurrent writes to one project', async () => {
    const { projectId, chain } = await projectWithEvents('AUD5', 0);
    const owner = { accountId: null, name: 'Backlot' };
    await Promise.all(Array.from({ length: 20 }, (_, i) => h().container.services.projects.update(owner, projectId, { budget: String(100 + i) })));
    const r = await h().container.services.auditLog.verify(chain);
    expect(r.ok).toBe(true);
    const n = await sql<{ n: number }>`select count(*) as n from audit_events where chain = ${chain}`.execute(h().container.database.db);
    expect(Number(n.rows[0].n)).toBe(r.count);
    expect(r.count).toBeGreaterThanOrEqual(2);
  });
});
