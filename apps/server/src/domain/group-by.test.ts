import { describe, expect, it } from 'vitest';
import { groupBy } from './group-by.ts';

describe('groupBy', () => {
  it('groups by key, keeping the order of the items within each group and of the keys as first seen', () => {
    const refs = [
      { take: 't2', asset: 'a' },
      { take: 't1', asset: 'b' },
      { take: 't2', asset: 'c' },
    ];
    const groups = groupBy(refs, (r) => r.take);
    expect([...groups.keys()]).toEqual(['t2', 't1']);
    expect(groups.get('t2')?.map((r) => r.asset)).toEqual(['a', 'c']);
    expect(groups.get('t1')?.map((r) => r.asset)).toEqual(['b']);
    expect(groups.get('t3')).toBeUndefined();
  });
});
