import { describe, expect, it } from 'vitest';
import { csvLine, pastAlertLine, perApprovedSecondMicros, sixPlaces, usedPercent } from './spend-views.rules.ts';

describe('spend view rules', () => {
  it('divides settled cost by approved seconds at the project rate, half up to the micro-unit', () => {
    // 3.00 over 48 frames at 24 fps = 2 s → 1.50 a second.
    expect(perApprovedSecondMicros(3_000_000, 48, { num: 24, den: 1 })).toBe(1_500_000);
    // 1.00 over 24 frames at 24000/1001 = 1.001 s → 0.999000999… → 999001.
    expect(perApprovedSecondMicros(1_000_000, 24, { num: 24000, den: 1001 })).toBe(999_001);
    // 0.000001 over 3 s: 0.333… rounds to 0; over 2 s: 0.5 rounds up to 1.
    expect(perApprovedSecondMicros(1, 72, { num: 24, den: 1 })).toBe(0);
    expect(perApprovedSecondMicros(1, 48, { num: 24, den: 1 })).toBe(1);
    expect(perApprovedSecondMicros(5_000_000, 0, { num: 24, den: 1 })).toBeNull();
  });

  it('puts the alert line at 80 % of a budget, and words the bar in percent', () => {
    expect(pastAlertLine(10_000_000, 7_999_999)).toBe(false);
    expect(pastAlertLine(10_000_000, 8_000_000)).toBe(true);
    expect(pastAlertLine(0, 5)).toBe(false);
    expect(usedPercent(3_000_000, 1_000_000)).toBe(33.3);
    expect(usedPercent(0, 1)).toBeNull();
  });

  it('writes amounts with six places and neutralises cells a spreadsheet would run', () => {
    expect(sixPlaces(0)).toBe('0.000000');
    expect(sixPlaces(12_500_000)).toBe('12.500000');
    expect(sixPlaces(1)).toBe('0.000001');
    expect(csvLine(['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', 'plain', 'a,b'])).toBe(`"'=HYPERLINK(""x"")",'+1,'-2,'@SUM(A1),plain,"a,b"\r\n`);
  });
});
