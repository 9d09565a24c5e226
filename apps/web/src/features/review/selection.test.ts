import { describe, expect, it } from 'vitest';
import { effective, NOTHING_PICKED, pickRun, toggle, togglePick } from './selection.ts';

const order = ['t5', 't4', 't3', 't2', 't1'];

describe('picking takes in a grid', () => {
  it('applies to the focused take when nothing is picked', () => {
    expect(effective(NOTHING_PICKED, 't3', order)).toEqual(['t3']);
    expect(effective(NOTHING_PICKED, undefined, order)).toEqual([]);
  });

  it('toggles takes with ctrl-click, keeping grid order and starting from the focused take', () => {
    const one = toggle(NOTHING_PICKED, 't4', 't2', order);
    expect(one.ids).toEqual(['t4', 't2']);
    expect(toggle(one, 't4', 't4', order).ids).toEqual(['t2']);
  });

  it('picks a run from the anchor in either direction', () => {
    expect(pickRun(NOTHING_PICKED, 't4', 't2', order)).toEqual({ ids: ['t4', 't3', 't2'], anchor: 't4' });
    const back = pickRun({ ids: ['t3'], anchor: 't3' }, 't3', 't5', order);
    expect(back.ids).toEqual(['t5', 't4', 't3']);
  });

  it('forgets takes that left the grid', () => {
    expect(effective({ ids: ['gone', 't1'], anchor: 'gone' }, 't2', order)).toEqual(['t1']);
  });

  it('ticks and unticks one pick box without picking the focused take with it', () => {
    const one = togglePick(NOTHING_PICKED, 't2', order);
    expect(one.ids).toEqual(['t2']);
    expect(effective(one, 't4', order)).toEqual(['t2']);
    const two = togglePick(one, 't5', order);
    expect(two.ids).toEqual(['t5', 't2']);
    expect(togglePick(two, 't2', order).ids).toEqual(['t5']);
  });
});
