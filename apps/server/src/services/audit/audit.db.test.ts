import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/harness.ts';
import { projectChain } from '../../domain/audit/audit-chain.ts';
import { appendAudit } from './audit-append.ts';

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

describeEachDatabase('the audit chain covers exactly what is stored', (h) => {
  const sha = (s: string) => createHash('sha256').update(s).digest('hex');
  const deps = { clock: { now: () => new Date() }, ids: { next: () => randomUUID() }, secrets: { sha256: sha, randomToken: () => randomUUID() } };

  async function projectWithEvents(code: string, changes: number) {
    const owner = await h().person(`Owner ${code}`);
    const projectId = await h().project(owner, code);
    for (let i = 1; i <= changes; i++) {
      await h().container.services.projects.update({ accountId: owner.id, name: owner.name }, projectId, { name: `Cut ${i}` });
    }
    return { owner, projectId, chain: projectChain(projectId) };
  }

  it('stores and hashes text from outside an input (a provider message, a file name) as the databases keep it, and verifies', async () => {
    const { projectId, chain } = await projectWithEvents('CAN1', 1);
    await h().container.store.transaction((tx) =>
      appendAudit(tx, deps, {
        chain,
        actor: { accountId: null, name: 'Out\ud800sider' },
        action: 'take.failed',
        targetType: 'take',
        targetId: `take\udc00${projectId}`,
        summary: 'The provider said: bad\u0000input \ud83c\udfac',
        data: { message: 'half \ud800 a character', file: 'clip\u0000.mp4', nested: [{ 'key\ud800': 'value' }] },
      }),
    );
    const row = await h().container.database.db.selectFrom('audit_events').selectAll().where('chain', '=', chain).where('seq', '=', 3).executeTakeFirstOrThrow();
    expect(row.actor_name).toBe('Out\ufffdsider');
    expect(row.summary).toBe('The provider said: bad\ufffdinput \ud83c\udfac');
    expect(row.target_id).toBe(`take\ufffd${projectId}`);
    expect(JSON.parse(row.data)).toEqual({ message: 'half \ufffd a character', file: 'clip\ufffd.mp4', nested: [{ 'key\ufffd': 'value' }] });
    expect(await h().container.services.auditLog.verify(chain)).toMatchObject({ ok: true, count: 3, badCount: 0 });
  });

  it("finds an actor's name edited directly in SQL", async () => {
    const { chain } = await projectWithEvents('CAN2', 3);
    await h().container.database.db.updateTable('audit_events').set({ actor_name: 'Somebody Else' }).where('chain', '=', chain).where('seq', '=', 3).execute();
    expect(await h().container.services.auditLog.verify(chain)).toMatchObject({
      ok: false,
      badCount: 1,
      problems: [{ seq: 3, problem: 'event 3 (project.updated) was changed after it was written' }],
    });
  });

  it('verifies a chain written in the first hash format (without the actor name) and carried on in the second', async () => {
    const db = h().container.database.db;
    const chain = 'project:legacy-chain';
    let prev = '0'.repeat(64);
    for (let seq = 1; seq <= 3; seq++) {
      const at = `2025-06-01T10:00:0${seq}.000Z`;
      // The first format, written by hand: sorted keys, no actor name, no format number.
      const hash = sha(
        `${prev}\n{"action":"project.updated","actorId":null,"at":"${at}","chain":"${chain}","data":{"n":${seq}},"seq":${seq},"summary":"old change ${seq}","targetId":null,"targetType":"project"}`,
      );
      // Rows as Backlot wrote them before the format was recorded on each event.
      await sql`insert into audit_events (id, chain, seq, actor_id, actor_name, action, target_type, target_id, summary, data, at, prev_hash, hash)
        values (${randomUUID()}, ${chain}, ${seq}, ${null}, ${'Old Hand'}, ${'project.updated'}, ${'project'}, ${null}, ${`old change ${seq}`}, ${JSON.stringify({ n: seq })}, ${at}, ${prev}, ${hash})`.execute(
        db,
      );
      prev = hash;
    }
    await sql`insert into audit_heads (chain, count, last_hash) values (${chain}, ${3}, ${prev})`.execute(db);
    expect(await h().container.services.auditLog.verify(chain)).toMatchObject({ ok: true, count: 3 });

    for (let i = 0; i < 2; i++) {
      await h().container.store.transaction((tx) =>
        appendAudit(tx, deps, { chain, actor: { accountId: null, name: 'New Hand' }, action: 'project.updated', targetType: 'project', targetId: null, summary: `new change ${i}` }),
      );
    }
    const versions = await db.selectFrom('audit_events').select(['seq', 'hash_version']).where('chain', '=', chain).orderBy('seq').execute();
    expect(versions.map((v) => Number(v.hash_version))).toEqual([1, 1, 1, 2, 2]);
    expect(await h().container.services.auditLog.verify(chain)).toMatchObject({ ok: true, count: 5, badCount: 0 });

    // The name on a first-format event is not covered; on a second-format one it is.
    await db.updateTable('audit_events').set({ actor_name: 'Forged' }).where('chain', '=', chain).where('seq', 'in', [2, 5]).execute();
    expect((await h().container.services.auditLog.verify(chain)).problems.map((p) => p.seq)).toEqual([5]);
  });

  it('reports every bad event with a count: edits at 3 and 40, and a genuine change made afterwards is not one of them', async () => {
    const { owner, projectId, chain } = await projectWithEvents('ALL', 44);
    const db = h().container.database.db;
    await db.updateTable('audit_events').set({ summary: 'nothing happened here' }).where('chain', '=', chain).where('seq', '=', 3).execute();
    await db.updateTable('audit_events').set({ actor_name: 'Someone Innocent' }).where('chain', '=', chain).where('seq', '=', 40).execute();
    await h().container.services.projects.update({ accountId: owner.id, name: owner.name }, projectId, { name: 'After the edits' });
    const r = await h().container.services.auditLog.verify(chain);
    expect(r).toMatchObject({ ok: false, count: 46, badCount: 2, firstBadSeq: 3, problem: 'event 3 (project.updated) was changed after it was written' });
    expect(r.problems).toEqual([
      { seq: 3, problem: 'event 3 (project.updated) was changed after it was written' },
      { seq: 40, problem: 'event 40 (project.updated) was changed after it was written' },
    ]);
  });
});

describeEachDatabase('audit checkpoints', (h) => {
  it('finds the newest events deleted and the head rewritten to match, which the chain alone cannot', async () => {
    const admin = await h().person('Checkpoint Admin', { admin: true });
    const owner = await h().person('Owner CHK');
    const projectId = await h().project(owner, 'CHK');
    for (let i = 1; i <= 5; i++) await h().container.services.projects.update({ accountId: owner.id, name: owner.name }, projectId, { name: `Cut ${i}` });
    const chain = projectChain(projectId);

    const taken = await h().container.services.auditCheckpoints.take({ accountId: admin.id, name: admin.name });
    expect(taken.takenBy).toEqual({ id: admin.id, name: 'Checkpoint Admin' });
    const mine = taken.checkpoint.chains.find((c) => c.chain === chain)!;
    expect(mine).toMatchObject({ label: 'project CHK', count: 6 });
    expect(taken.checkpoint.chains.map((c) => c.label)).toContain('instance');
    expect((await h().container.services.auditCheckpoints.verifyAgainst(taken.checkpoint)).every((r) => r.ok)).toBe(true);

    // Recorded, and audited on the instance chain.
    expect((await h().container.services.auditCheckpoints.list()).map((c) => c.id)).toEqual([taken.id]);
    const instance = await h().container.services.auditLog.page('instance', undefined, 1);
    expect(instance.events[0]).toMatchObject({ action: 'audit.checkpoint_taken', targetId: taken.id, actor: { name: 'Checkpoint Admin' } });

    // Delete the last 3 events and rewrite the head to the event that is now last.
    const db = h().container.database.db;
    await db.deleteFrom('audit_events').where('chain', '=', chain).where('seq', '>', 3).execute();
    const last = await db.selectFrom('audit_events').select('hash').where('chain', '=', chain).where('seq', '=', 3).executeTakeFirstOrThrow();
    await db.updateTable('audit_heads').set({ count: 3, last_hash: last.hash }).where('chain', '=', chain).execute();

    expect(await h().container.services.auditLog.verify(chain)).toMatchObject({ ok: true, count: 3 });
    const results = await h().container.services.auditCheckpoints.verifyAgainst(taken.checkpoint);
    const bad = results.filter((r) => !r.ok);
    expect(bad.map((r) => r.label)).toEqual(['project CHK']);
    expect(bad[0]).toMatchObject({ chain, checkpointCount: 6, count: 3 });
    expect(bad[0].problems).toEqual([`event 6, the last one the checkpoint recorded, is gone: events were deleted since ${taken.checkpoint.takenAt}`]);
  });

  it('finds a chain rewritten past the checkpoint with new hashes', async () => {
    const owner = await h().person('Owner RW');
    const projectId = await h().project(owner, 'REWR');
    await h().container.services.projects.update({ accountId: owner.id, name: owner.name }, projectId, { name: 'Cut 1' });
    const chain = projectChain(projectId);
    const taken = await h().container.services.auditCheckpoints.take({ accountId: null, name: 'Backlot' }, [chain]);
    expect(taken.checkpoint.chains).toEqual([{ chain, label: 'project REWR', count: 2, lastHash: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    await h()
      .container.database.db.updateTable('audit_events')
      .set({ hash: 'f'.repeat(64) })
      .where('chain', '=', chain)
      .where('seq', '=', 2)
      .execute();
    const [r] = await h().container.services.auditCheckpoints.verifyAgainst(taken.checkpoint);
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toBe(`event 2 no longer has the hash the checkpoint recorded: the chain was rewritten since ${taken.checkpoint.takenAt}`);
  });
});
