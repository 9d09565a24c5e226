/** Spend amounts read and written exactly, and a budget's band from its amounts (80 % and 100 % lines). */
import { describe, expect, it } from 'vitest';
import { budgetBand, difference, fromMicros, toMicros, usedPercentOf } from './money.ts';

describe('amounts in micro-units', () => {
  it.each([
    ['0', 0n],
    ['12.5', 12_500_000n],
    ['0.000001', 1n],
    ['1999.99', 1_999_990_000n],
    ['-1.25', -1_250_000n],
  ])('reads %s as %s micro-units', (text, micros) => expect(toMicros(text)).toBe(micros));

  it.each(['', 'lots', '1.0000001', '1,50', '1e3'])('refuses %j', (text) => expect(toMicros(text)).toBeUndefined());

  it.each([
    [0n, '0.00'],
    [12_500_000n, '12.50'],
    [1n, '0.000001'],
    [3_141_500n, '3.1415'],
    [-2_000_000n, '-2.00'],
  ])('writes %s micro-units as %s', (micros, text) => expect(fromMicros(micros)).toBe(text));
});

describe('a budget band', () => {
  it.each([
    [{ budget: '10.00', held: '0.00', spent: '7.99' }, 'ok'],
    [{ budget: '10.00', held: '1.00', spent: '7.00' }, 'warn'], // exactly 80 %
    [{ budget: '10.00', held: '0.00', spent: '9.999999' }, 'warn'],
    [{ budget: '10.00', held: '4.00', spent: '6.00' }, 'over'], // exactly 100 %
    [{ budget: '10.00', held: '0.00', spent: '12.00' }, 'over'],
    [{ budget: '0.00', held: '0.00', spent: '0.00' }, 'ok'],
    [{ budget: '0.00', held: '0.01', spent: '0.00' }, 'over'],
  ] as const)('%j is %s', (bar, band) => expect(budgetBand(bar)).toBe(band));
});

describe('actual against estimated', () => {
  it('gives the signed difference and the drift in percent', () => {
    expect(difference('2.00', '2.50')).toEqual({ amount: '+0.50', percent: 25 });
    expect(difference('3.00', '2.00')).toEqual({ amount: '-1.00', percent: -33.3 });
    expect(difference('1.00', '1.00')).toEqual({ amount: '0.00', percent: 0 });
    expect(difference('0.00', '0.40')).toEqual({ amount: '+0.40', percent: null });
  });
});

describe('the share of a budget used', () => {
  it('is held and spent over the budget, in percent to one decimal, rounded half up', () => {
    expect(usedPercentOf({ budget: '4.00', held: '1.00', spent: '3.00' })).toBe(100);
    expect(usedPercentOf({ budget: '3.00', held: '0.00', spent: '1.00' })).toBe(33.3);
    expect(usedPercentOf({ budget: '3.00', held: '2.00', spent: '0.00' })).toBe(66.7);
    expect(usedPercentOf({ budget: '1000.00', held: '0.00', spent: '0.0005' })).toBe(0);
    expect(usedPercentOf({ budget: '0.00', held: '1.00', spent: '0.00' })).toBeNull();
  });
});
