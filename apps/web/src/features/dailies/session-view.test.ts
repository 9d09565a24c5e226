import type { DailiesItem } from '@backlot/contracts';
import { describe, expect, it } from 'vitest';
import { nextLayout, stepItem } from './session-view.ts';

const items = ['a', 'b', 'c'].map((id, position) => ({ id, position }) as unknown as DailiesItem);

describe('the session view', () => {
  it('steps along the playlist and stops at either end', () => {
    expect(stepItem(items, 'a', 1)).toBe('b');
    expect(stepItem(items, 'b', -1)).toBe('a');
    expect(stepItem(items, 'c', 1)).toBeNull();
    expect(stepItem(items, 'a', -1)).toBeNull();
  });
  it('starts at the first take when none is shown, and has none on an empty playlist', () => {
    expect(stepItem(items, null, 1)).toBe('a');
    expect(stepItem([], null, 1)).toBeNull();
  });
  it('cycles one take, side by side, wipe', () => {
    expect(nextLayout('single')).toBe('side_by_side');
    expect(nextLayout('side_by_side')).toBe('wipe');
    expect(nextLayout('wipe')).toBe('single');
  });
});
