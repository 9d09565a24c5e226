import { describe, expect, it } from 'vitest';
import { isPastDay } from './expiry-field.tsx';

describe('a day typed into an expiry field', () => {
  it('is past only when it is a whole date before today', () => {
    expect(isPastDay('2026-12-05', '2026-12-06')).toBe(true);
    expect(isPastDay('2025-12-31', '2026-01-01')).toBe(true);
    expect(isPastDay('2026-12-06', '2026-12-06')).toBe(false);
    expect(isPastDay('2027-01-01', '2026-12-06')).toBe(false);
    // Half typed or cleared: nothing to ask about yet.
    expect(isPastDay('2026-1', '2026-12-06')).toBe(false);
    expect(isPastDay('', '2026-12-06')).toBe(false);
  });
});
