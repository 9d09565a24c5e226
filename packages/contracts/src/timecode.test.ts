/** The shared timecode's edges: which rates have drop-frame however written, and which rate strings read. */
import { describe, expect, it } from 'vitest';
import { frameToTimecode, hasDropFrame, readRate, readTimecode } from './timecode.ts';

describe('the shared timecode', () => {
  it('knows drop-frame exists at 29.97 and 59.94 only, however the fraction is written', () => {
    const has = (num: number, den: number) => hasDropFrame({ num, den });
    expect([has(30000, 1001), has(60000, 1001), has(60000, 2002)]).toEqual([true, true, true]);
    expect([has(24000, 1001), has(30, 1), has(60, 1), has(25, 1), has(90000, 1001), has(48000, 1001)]).toEqual([false, false, false, false, false, false]);
  });

  it('reads rate strings, refusing what is not a positive whole fraction', () => {
    expect(readRate('24000/1001')).toEqual({ num: 24000, den: 1001 });
    expect(readRate('25')).toEqual({ num: 25, den: 1 });
    for (const bad of ['1/0', '0/1', '-24/1', '23.976', '24/1/1', 'fast']) expect(readRate(bad)).toBeNull();
  });

  it('counts hours on past a day, and reads them back', () => {
    expect(frameToTimecode(25 * 3600 * 25, { num: 25, den: 1 }, 'ndf')).toBe('25:00:00:00');
    expect(readTimecode('25:00:00:00', { num: 25, den: 1 }, 'ndf')).toEqual({ frame: 25 * 3600 * 25 });
  });

  it('says what is wrong with a label instead of guessing', () => {
    expect(readTimecode('00:01:00;00', { num: 30000, den: 1001 }, 'df')).toEqual({ problem: expect.stringContaining('skipped in drop-frame') });
    expect(readTimecode('00:00:00:25', { num: 25, den: 1 }, 'ndf')).toEqual({ problem: expect.stringContaining('frames run 00 to 24') });
  });
});
