import { describe, expect, it } from 'vitest';
import { marksOf, reorderedShots } from './cut-apply.rules.ts';

describe('shot order from a cut', () => {
  it('puts the cut’s shots in its order', () => {
    expect(reorderedShots(['a', 'b', 'c'], ['c', 'a', 'b'])).toEqual(['c', 'a', 'b']);
  });
  it('keeps shots the cut does not hold in their places', () => {
    // b was not handed over (no approved take); a and d swap around it.
    expect(reorderedShots(['a', 'b', 'c', 'd'], ['d', 'c', 'a'])).toEqual(['d', 'b', 'c', 'a']);
  });
  it('ignores other scenes’ shots and repeats', () => {
    expect(reorderedShots(['a', 'b'], ['x', 'b', 'y', 'a', 'b'])).toEqual(['b', 'a']);
  });
  it('changes nothing when the order is the same', () => {
    expect(reorderedShots(['a', 'b', 'c'], ['a', 'b', 'c'])).toEqual(['a', 'b', 'c']);
  });
});

describe('marks from a range', () => {
  it('makes the half-open range inclusive: [4, 16) is in 4, out 15', () => {
    expect(marksOf({ sourceIn: 4, sourceOut: 16 })).toEqual({ in: 4, out: 15 });
  });
});
