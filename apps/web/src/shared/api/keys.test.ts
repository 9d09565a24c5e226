/** The key scheme: a review decision and a plan change invalidate what they change and nothing of another shot, project or area. */
import { QueryClient, type QueryKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { keys, touchedByDecision, touchedByPlanChange } from './keys.ts';

const P = 'p1';
/** A cache with one entry per key, none stale. */
function cache(entries: QueryKey[]): QueryClient {
  const client = new QueryClient();
  for (const key of entries) client.setQueryData(key, { some: 'data' });
  return client;
}
const stale = (client: QueryClient, key: QueryKey) => client.getQueryState(key)?.isInvalidated;

describe('touchedByDecision', () => {
  const take = { id: 't1', shotId: 's1' };
  const touched: QueryKey[] = [
    keys.takes.take(P, 't1'),
    keys.takes.shot(P, 's1'),
    keys.takes.list(P, { state: 'approved' }),
    keys.review.history(P, 't1'),
    [...keys.review.history(P, 't1'), 'selected'],
    [...keys.plan.shot(P, 's1'), 'with-scenes'],
    keys.plan.posters(P),
    keys.plan.posters(P, 'sc1'),
  ];
  const untouched: QueryKey[] = [
    keys.takes.take(P, 't2'),
    keys.takes.shot(P, 's2'),
    [...keys.plan.shot(P, 's2'), 'with-scenes'],
    keys.review.notes(P, 't1'),
    keys.plan.scenes(P),
    keys.takes.take('p2', 't1'),
  ];

  it("invalidates the take, its lists and history, and its shot's plan and posters", async () => {
    const client = cache([...touched, ...untouched]);
    for (const queryKey of touchedByDecision(P, take)) await client.invalidateQueries({ queryKey });
    for (const key of touched) expect(stale(client, key), JSON.stringify(key)).toBe(true);
    for (const key of untouched) expect(stale(client, key), JSON.stringify(key)).toBe(false);
  });
});

describe('touchedByPlanChange', () => {
  it('invalidates every plan view of the project and nothing else', async () => {
    const plan: QueryKey[] = [keys.plan.scenes(P), [...keys.plan.shots(P), 'with-scenes'], [...keys.plan.shots(P, 'sc1'), 'with-scenes'], keys.plan.posters(P, 'sc1'), keys.plan.numbering(P)];
    const other: QueryKey[] = [keys.takes.shot(P, 's1'), keys.assets.list(P), keys.plan.scenes('p2')];
    const client = cache([...plan, ...other]);
    for (const queryKey of touchedByPlanChange(P)) await client.invalidateQueries({ queryKey });
    for (const key of plan) expect(stale(client, key), JSON.stringify(key)).toBe(true);
    for (const key of other) expect(stale(client, key), JSON.stringify(key)).toBe(false);
  });
});
