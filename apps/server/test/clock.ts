/** A clock tests can move forward. */
import type { Clock } from '../src/ports/clock.ts';

export function createTestClock(start = Date.now()): Clock & { advance(ms: number): void; set(ms: number): void } {
  let now = start;
  return {
    now: () => new Date(now),
    advance(ms) {
      now += ms;
    },
    set(ms) {
      now = ms;
    },
  };
}

export const DAY = 86_400_000;
