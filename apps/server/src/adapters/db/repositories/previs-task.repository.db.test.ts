/**
 * The previs tasks in SQL, on SQLite and PostgreSQL: one lease at a time (taken over only once it
 * lapses), renewals that fail once the task is canceled or taken over, and an ending that records
 * the output blob in the same transaction — only for the lease holder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../../../test/databases.ts';
import type { PrevisTasks } from '../../../ports/previs-tasks.ts';
import { createPrevisTaskRepository } from './previs-task.repository.ts';

const T0 = '2030-01-01T00:00:00.000Z';
const T1 = '2030-01-01T00:00:10.000Z';
const T2 = '2030-01-01T00:00:20.000Z';
const T3 = '2030-01-01T00:00:30.000Z';
const OUTPUT = { sha256: 'a'.repeat(64), size: 1234, mediaType: 'video/mp4' };
const REQUEST = { model: 'previs-animatic', prompt: 'Mara walks to the shutter.', seed: 7 };

describe.each(DIALECTS)('previs tasks [%s]', (dialect) => {
  let testDb: TestDatabase;
  let tasks: PrevisTasks;
  let n = 0;
  const fresh = async () => {
    const id = `previs_${String(++n).padStart(24, '0')}`;
    await tasks.create(id, REQUEST, T0);
    return id;
  };
  const recorded = async (sha256: string) =>
    (await testDb.database.db.selectFrom('blobs').select(['sha256', 'size', 'media_type']).where('sha256', '=', sha256).execute()).map((r) => ({ ...r, size: Number(r.size) }));

  beforeAll(async () => {
    testDb = await openTestDatabase(dialect);
    tasks = createPrevisTaskRepository(testDb.database.db);
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  it('keeps the first request of a task submitted twice, pending, with nothing rendered', async () => {
    const id = await fresh();
    await tasks.create(id, { ...REQUEST, seed: 8 }, T1);
    expect(await tasks.get(id)).toEqual({
      id,
      request: REQUEST,
      state: 'pending',
      leaseOwner: null,
      leaseUntil: null,
      progress: 0,
      error: null,
      output: null,
      renders: 0,
      renderedBy: null,
      createdAt: T0,
      updatedAt: T0,
    });
    expect(await tasks.get('previs_none')).toBeUndefined();
  });

  it('gives the lease to one of two processes at once, and to the other only once it lapses', async () => {
    const id = await fresh();
    const won = await Promise.all([tasks.lease(id, 'a', T0, T2), tasks.lease(id, 'b', T0, T2)]);
    expect(won.filter(Boolean)).toHaveLength(1);
    const [holder, other] = won[0] ? ['a', 'b'] : ['b', 'a'];
    expect(await tasks.lease(id, other, T1, T3)).toBe(false);
    expect(await tasks.renew(id, holder, T2, 0.5)).toBe(true);
    expect(await tasks.get(id)).toMatchObject({ leaseOwner: holder, leaseUntil: T2, progress: 0.5 });
    // Past the lease: the other takes it, and the first one's renewal says it lost it.
    expect(await tasks.lease(id, other, T3, '2030-01-01T00:01:00.000Z')).toBe(true);
    expect(await tasks.renew(id, holder, T3, 0.6)).toBe(false);
    await tasks.release(id, holder);
    expect(await tasks.get(id)).toMatchObject({ leaseOwner: other });
    await tasks.release(id, other);
    expect(await tasks.get(id)).toMatchObject({ state: 'pending', leaseOwner: null, leaseUntil: null });
  });

  it('publishes only the lease holder’s render, recording its blob in the same transaction, and counts every completed render', async () => {
    const id = await fresh();
    await tasks.lease(id, 'holder', T0, T2);
    expect(await tasks.complete(id, 'latecomer', { ...OUTPUT, sha256: 'b'.repeat(64) }, T1)).toBe(false);
    expect(await recorded('b'.repeat(64))).toEqual([]);
    expect(await tasks.complete(id, 'holder', OUTPUT, T1)).toBe(true);
    expect(await tasks.get(id)).toMatchObject({ state: 'succeeded', output: { sha256: OUTPUT.sha256, size: OUTPUT.size }, progress: 1, renders: 2, renderedBy: 'holder', leaseOwner: null });
    expect(await recorded(OUTPUT.sha256)).toEqual([{ sha256: OUTPUT.sha256, size: 1234, media_type: 'video/mp4' }]);
    // Ended: no lease, no cancel, no failure changes it.
    expect(await tasks.lease(id, 'holder', T2, T3)).toBe(false);
    expect(await tasks.cancel(id, T2)).toBe('succeeded');
    expect(await tasks.fail(id, 'holder', { code: 'x', message: 'x', category: 'unknown', retryable: false, charged: false }, T2)).toBe(false);
  });

  it('cancels a pending task so its renderer’s next renewal fails and its render cannot publish', async () => {
    const id = await fresh();
    await tasks.lease(id, 'renderer', T0, T2);
    expect(await tasks.cancel(id, T1)).toBe('canceled');
    expect(await tasks.renew(id, 'renderer', T2, 0.9)).toBe(false);
    expect(await tasks.complete(id, 'renderer', OUTPUT, T2)).toBe(false);
    expect(await tasks.get(id)).toMatchObject({ state: 'canceled', output: null, renders: 1, leaseOwner: null });
    expect(await tasks.cancel(id, T3)).toBe('canceled');
    expect(await tasks.cancel('previs_none', T3)).toBeUndefined();
  });

  it('fails a task for its lease holder only, keeping the error', async () => {
    const id = await fresh();
    const error = { code: 'previs.render_failed', message: 'The previs render failed. Invalid data found.', category: 'provider_internal' as const, retryable: false, charged: false as const };
    await tasks.lease(id, 'renderer', T0, T2);
    expect(await tasks.fail(id, 'someone-else', error, T1)).toBe(false);
    expect(await tasks.fail(id, 'renderer', error, T1)).toBe(true);
    expect(await tasks.get(id)).toMatchObject({ state: 'failed', error, leaseOwner: null });
  });
});
