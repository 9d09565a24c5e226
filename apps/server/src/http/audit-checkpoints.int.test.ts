/** Audit checkpoints over HTTP: the instance admin takes one of every chain, it is recorded and audited; nobody else may. */
import { expect, it } from 'vitest';
import { describeEachDatabase, type Person } from '../../test/harness.ts';

describeEachDatabase('audit checkpoints over HTTP', (h) => {
  let admin: Person;
  let member: Person;

  it('lets the instance admin take a checkpoint of every chain, and lists the latest first', async () => {
    admin = await h().person('Ada Admin', { admin: true });
    member = await h().person('Mo Member');
    const projectId = await h().project(member, 'CKPT');
    const empty = await h().as(admin, { method: 'GET', url: '/api/v1/admin/audit/checkpoints' });
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toEqual({ checkpoints: [] });

    const first = await h().as(admin, { method: 'POST', url: '/api/v1/admin/audit/checkpoints' });
    expect(first.statusCode).toBe(201);
    const taken = first.json();
    expect(taken.takenBy).toEqual({ id: admin.id, name: 'Ada Admin' });
    expect(taken.checkpoint).toMatchObject({ kind: 'backlot.audit-checkpoint', version: 1, takenBy: 'Ada Admin' });
    const labels = taken.checkpoint.chains.map((c: { label: string }) => c.label).sort();
    expect(labels).toEqual(['instance', 'project CKPT']);
    const project = taken.checkpoint.chains.find((c: { chain: string }) => c.chain === `project:${projectId}`);
    expect(project).toMatchObject({ count: 1, lastHash: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const second = await h().as(admin, { method: 'POST', url: '/api/v1/admin/audit/checkpoints' });
    const list = await h().as(admin, { method: 'GET', url: '/api/v1/admin/audit/checkpoints' });
    expect(list.json().checkpoints.map((c: { id: string }) => c.id)).toEqual([second.json().id, taken.id]);
    // The second checkpoint saw the first one's own event on the instance chain.
    const instanceCount = (r: { checkpoint: { chains: { chain: string; count: number }[] } }) => r.checkpoint.chains.find((c) => c.chain === 'instance')!.count;
    expect(instanceCount(second.json())).toBe(instanceCount(taken) + 1);

    const audit = await h().as(admin, { method: 'GET', url: '/api/v1/admin/audit?limit=2' });
    expect(audit.json().events.map((e: { action: string }) => e.action)).toEqual(['audit.checkpoint_taken', 'audit.checkpoint_taken']);
    const verify = await h().as(admin, { method: 'GET', url: '/api/v1/admin/audit/verify' });
    expect(verify.json()).toMatchObject({ ok: true, badCount: 0, problems: [] });
  });

  it('refuses anyone but the instance admin', async () => {
    expect((await h().as(member, { method: 'GET', url: '/api/v1/admin/audit/checkpoints' })).statusCode).toBe(403);
    expect((await h().as(member, { method: 'POST', url: '/api/v1/admin/audit/checkpoints' })).statusCode).toBe(403);
    expect((await h().as(undefined, { method: 'POST', url: '/api/v1/admin/audit/checkpoints' })).statusCode).toBe(401);
  });
});
