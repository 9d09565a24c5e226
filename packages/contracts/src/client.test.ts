/** Following a paged list: every page the server names, in order, and no request past the last. */
import { describe, expect, it } from 'vitest';
import { followPages } from './client.ts';

/** A server-side list of `total` numbers, answered `limit` at a time the way the API pages. */
function pagedList(total: number, limit: number) {
  const asked: number[] = [];
  const page = async (offset: number) => {
    asked.push(offset);
    const items = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => offset + i);
    return { items, total, next: offset + items.length < total ? offset + items.length : null };
  };
  return { page, asked };
}

describe('followPages', () => {
  it('asks for each page the server names until next is null', async () => {
    const list = pagedList(1201, 500);
    const pages = await followPages(list.page);
    expect(list.asked).toEqual([0, 500, 1000]);
    expect(pages.map((p) => p.items.length)).toEqual([500, 500, 201]);
    expect(pages.flatMap((p) => p.items)).toEqual(Array.from({ length: 1201 }, (_, i) => i));
  });

  it('asks once for a list that fits one page, and once for an empty one', async () => {
    for (const total of [0, 3, 500]) {
      const list = pagedList(total, 500);
      await followPages(list.page);
      expect(list.asked).toEqual([0]);
    }
  });

  it('stops with an error when the server names a page that does not move forward', async () => {
    let calls = 0;
    const stuck = async (offset: number) => {
      calls += 1;
      return { offset, next: 500 };
    };
    await expect(followPages(stuck)).rejects.toThrow(/named page 500 after page 500/);
    expect(calls).toBe(2);
  });
});
