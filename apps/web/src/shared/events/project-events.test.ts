/** The event bridge: a take's change invalidates exactly the cached entries it touches, and shows the new status at once. */
import type { TakeEvent } from '@backlot/contracts';
import { QueryClient, type QueryKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { keys } from '../api/keys.ts';
import { applyTakeEvent, invalidate, touchedByDailiesEvent, touchedByTakeEvent } from './project-events.ts';

const P = 'p1';
const event: TakeEvent = { type: 'take.changed', projectId: P, takeId: 't1', shotId: 's1', status: 'running', progress: 0.5, at: '2026-01-01T00:00:05Z' };
const take = (id: string, shotId: string) => ({ id, shotId, status: 'queued', progress: null, updatedAt: '2026-01-01T00:00:00Z' });

/** A cache holding entries of several areas, none stale. */
function cache(): QueryClient {
  const client = new QueryClient();
  const put = (key: QueryKey, data: unknown) => client.setQueryData(key, data);
  put(keys.takes.take(P, 't1'), take('t1', 's1'));
  put(keys.takes.take(P, 't2'), take('t2', 's2'));
  put(keys.takes.shot(P, 's1'), { takes: [take('t1', 's1'), take('t3', 's1')] });
  put(keys.takes.shot(P, 's2'), { takes: [take('t2', 's2')] });
  put(keys.takes.list(P, { state: 'selected' }), { takes: [] });
  put(keys.review.notes(P, 't1'), { notes: [] });
  put(keys.review.notes(P, 't2'), { notes: [] });
  put(keys.review.history(P, 't1'), { events: [] });
  put([...keys.review.compare(P, ['t1', 't2']), 'takes'], []);
  put([...keys.review.compare(P, ['t2', 't3']), 'takes'], []);
  put(keys.review.continuity(P, 'sc1'), { cuts: [{ shot: { id: 's1' } }] });
  put(keys.review.continuity(P, 'sc2'), { cuts: [{ shot: { id: 's9' } }] });
  put(keys.plan.posters(P, 'sc1'), { posters: [] });
  put(keys.plan.scenes(P), { scenes: [] });
  put(keys.assets.list(P), { assets: [] });
  put(keys.takes.take('p2', 't1'), take('t1', 's1'));
  put(keys.home, { items: [], unread: 0 });
  put(keys.spend.view(P, 'scene'), { rows: [] });
  put(keys.spend.budgets(P), { scenes: [] });
  put(keys.spend.signOffs(P), { takes: [] });
  put(keys.spend.view('p2', 'scene'), { rows: [] });
  return client;
}

const stale = (client: QueryClient, key: QueryKey) => client.getQueryState(key)?.isInvalidated;

describe('a take.changed event', () => {
  it('invalidates the take, its shot, the take lists, its notes and history, the posters, and the comparisons and continuity holding it', async () => {
    const client = cache();
    await invalidate(client, touchedByTakeEvent(event));
    for (const key of [
      keys.takes.take(P, 't1'),
      keys.takes.shot(P, 's1'),
      keys.takes.list(P, { state: 'selected' }),
      keys.review.notes(P, 't1'),
      keys.review.history(P, 't1'),
      [...keys.review.compare(P, ['t1', 't2']), 'takes'],
      keys.review.continuity(P, 'sc1'),
      keys.plan.posters(P, 'sc1'),
    ]) {
      expect(stale(client, key), JSON.stringify(key)).toBe(true);
    }
  });

  it('leaves other takes, shots, scenes, assets, other projects alone, and home while the take is rendering', async () => {
    const client = cache();
    await invalidate(client, touchedByTakeEvent(event));
    for (const key of [
      keys.takes.take(P, 't2'),
      keys.takes.shot(P, 's2'),
      keys.review.notes(P, 't2'),
      [...keys.review.compare(P, ['t2', 't3']), 'takes'],
      keys.review.continuity(P, 'sc2'),
      keys.plan.scenes(P),
      keys.assets.list(P),
      keys.takes.take('p2', 't1'),
      keys.home,
    ]) {
      expect(stale(client, key), JSON.stringify(key)).toBe(false);
    }
  });

  it("loads the project's spend again when money may have moved, not while a take only renders", async () => {
    const spendKeys = [keys.spend.view(P, 'scene'), keys.spend.budgets(P), keys.spend.signOffs(P)];
    for (const status of ['running', 'submitted', 'cancel_requested'] as const) {
      const client = cache();
      await invalidate(client, touchedByTakeEvent({ ...event, status }));
      for (const key of spendKeys) expect(stale(client, key), `${status} ${JSON.stringify(key)}`).toBe(false);
    }
    for (const status of ['awaiting_approval', 'queued', 'succeeded', 'failed', 'canceled'] as const) {
      const client = cache();
      await invalidate(client, touchedByTakeEvent({ ...event, status, progress: null }));
      for (const key of spendKeys) expect(stale(client, key), `${status} ${JSON.stringify(key)}`).toBe(true);
      expect(stale(client, keys.spend.view('p2', 'scene'))).toBe(false);
    }
  });

  it("invalidates the member's home when it may bring news there: a note or decision on a take, a failed or refused generation, a sign-off", async () => {
    for (const status of ['succeeded', 'failed', 'canceled', 'awaiting_approval', 'queued'] as const) {
      const client = cache();
      await invalidate(client, touchedByTakeEvent({ ...event, status, progress: null }));
      expect(stale(client, keys.home), status).toBe(true);
    }
    // A take reporting its progress while it renders is no news for anyone's home.
    const client = cache();
    await invalidate(client, touchedByTakeEvent({ ...event, status: 'submitted', progress: 0 }));
    expect(stale(client, keys.home)).toBe(false);
  });

  it('shows its status in the cached take and its shot list at once, unless the take is newer than the event', () => {
    const client = cache();
    applyTakeEvent(client, event);
    expect(client.getQueryData(keys.takes.take(P, 't1'))).toMatchObject({ status: 'running', progress: 0.5 });
    expect((client.getQueryData(keys.takes.shot(P, 's1')) as { takes: { id: string; status: string }[] }).takes.map((t) => [t.id, t.status])).toEqual([
      ['t1', 'running'],
      ['t3', 'queued'],
    ]);
    applyTakeEvent(client, { ...event, status: 'queued', progress: null, at: '2025-12-31T23:59:59Z' });
    expect(client.getQueryData(keys.takes.take(P, 't1'))).toMatchObject({ status: 'running', progress: 0.5 });
  });
});

describe('dailies events', () => {
  const base = { projectId: 'p1', sessionId: 's1', at: '2026-03-01T10:00:00.000Z' };
  it('an arrival loads the session again (who is present), a log line only the log, a playlist change the session and the list', () => {
    expect(touchedByDailiesEvent({ ...base, type: 'dailies.presence', participant: { key: 'a', name: 'Dana', kind: 'member', since: base.at }, present: true }).map((t) => t.queryKey)).toEqual([
      ['project', 'p1', 'dailies', 'session', 's1'],
    ]);
    expect(touchedByDailiesEvent({ ...base, type: 'dailies.changed', what: 'log' }).map((t) => t.queryKey)).toEqual([['project', 'p1', 'dailies', 'session', 's1', 'log']]);
    expect(touchedByDailiesEvent({ ...base, type: 'dailies.changed', what: 'playlist' }).map((t) => t.queryKey)).toEqual([
      ['project', 'p1', 'dailies', 'list'],
      ['project', 'p1', 'dailies', 'session', 's1'],
    ]);
  });
});
