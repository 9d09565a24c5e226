import { describe, expect, it } from 'vitest';
import { costMicros, ledgerBalance, seedFor, settlementEntries } from './ledger.rules.ts';

describe('cost in micro-units', () => {
  it.each([
    ['one generation at 0.50', 1, { perQuantity: 1, priceMicros: 500_000 }, 500_000],
    ['nothing used', 0, { perQuantity: 1, priceMicros: 500_000 }, 0],
    ['seconds at 0.07 each', 5, { perQuantity: 1, priceMicros: 70_000 }, 350_000],
    ['fractional seconds, exact', 5.005, { perQuantity: 1, priceMicros: 100_000 }, 500_500],
    ['0.1 s does not pick up float dust', 0.1, { perQuantity: 1, priceMicros: 3 }, 1],
    ['0.3 × 10 is exactly 3, not 4', 0.3, { perQuantity: 1, priceMicros: 10 }, 3],
    ['tokens per thousand, rounded up', 108_900, { perQuantity: 1000, priceMicros: 1_200 }, 130_680],
    ['tokens per million, a fraction of a micro rounds up', 1, { perQuantity: 1_000_000, priceMicros: 1_200_000 }, 2],
    ['a tiny quantity in exponent notation', 1.5e-7, { perQuantity: 1, priceMicros: 10_000_000 }, 2],
    ['a fractional unit of price', 3, { perQuantity: 0.5, priceMicros: 7 }, 42],
    ['large values stay exact', 9_000_000_000, { perQuantity: 1000, priceMicros: 999_999 }, 8_999_991_000_000],
    ['a product past 2^53 divides back exactly', 9_000_000_001, { perQuantity: 1_000_000, priceMicros: 999_999_999 }, 8_999_999_992_000],
  ])('%s', (_what, quantity, price, expected) => {
    expect(costMicros(quantity, price)).toBe(expected);
  });

  it('refuses results beyond a safe integer, and nonsense inputs', () => {
    expect(() => costMicros(4_000_000_000, { perQuantity: 3, priceMicros: 3_000_000_001 })).toThrow(RangeError);
    expect(() => costMicros(-1, { perQuantity: 1, priceMicros: 1 })).toThrow(RangeError);
    expect(() => costMicros(Number.NaN, { perQuantity: 1, priceMicros: 1 })).toThrow(RangeError);
    expect(() => costMicros(1, { perQuantity: 0, priceMicros: 1 })).toThrow(RangeError);
    expect(() => costMicros(1, { perQuantity: 1, priceMicros: 1.5 })).toThrow(RangeError);
  });

  it('is never below the exact cost', () => {
    for (const q of [0.1, 0.2, 0.7, 1.1, 2.675, 4.35, 10.01]) {
      const c = costMicros(q, { perQuantity: 1, priceMicros: 1_000_000 });
      expect(c).toBe(Math.round(q * 1_000_000));
    }
  });
});

describe('ledger balance', () => {
  it.each([
    ['an untouched budget', 100_000_000, { reserved: 0, settled: 0, released: 0 }, { heldMicros: 0, spentMicros: 0, remainingMicros: 100_000_000 }],
    ['one take in flight', 100_000_000, { reserved: 2_500_000, settled: 0, released: 0 }, { heldMicros: 2_500_000, spentMicros: 0, remainingMicros: 97_500_000 }],
    ['that take settled cheaper', 100_000_000, { reserved: 2_500_000, settled: 2_000_000, released: 2_500_000 }, { heldMicros: 0, spentMicros: 2_000_000, remainingMicros: 98_000_000 }],
    ['overrun shows as negative', 1_000_000, { reserved: 3_000_000, settled: 2_000_000, released: 3_000_000 }, { heldMicros: 0, spentMicros: 2_000_000, remainingMicros: -1_000_000 }],
  ])('%s', (_what, budget, totals, balance) => {
    expect(ledgerBalance(budget, totals)).toEqual(balance);
  });

  it('fits 20 takes exactly at the budget edge and no 21st', () => {
    const each = costMicros(5, { perQuantity: 1, priceMicros: 70_000 });
    const budget = 20 * each;
    let reserved = 0;
    let accepted = 0;
    for (let i = 0; i < 21; i++) {
      const { remainingMicros } = ledgerBalance(budget, { reserved, settled: 0, released: 0 });
      if (each > remainingMicros) break;
      reserved += each;
      accepted++;
    }
    expect(accepted).toBe(20);
    expect(ledgerBalance(budget, { reserved, settled: 0, released: 0 }).remainingMicros).toBe(0);
    // Settling all 20 at their estimate leaves the same nothing.
    expect(ledgerBalance(budget, { reserved, settled: reserved, released: reserved })).toEqual({ heldMicros: 0, spentMicros: budget, remainingMicros: 0 });
  });
});

describe('settlement entries', () => {
  it.each([
    [
      'success',
      { reservedMicros: 350_000 },
      { actualMicros: 300_000 },
      [
        ['settlement', 300_000],
        ['release', 350_000],
      ],
    ],
    [
      'previs success costs 0 and is still settled',
      { reservedMicros: 0 },
      { actualMicros: 0 },
      [
        ['settlement', 0],
        ['release', 0],
      ],
    ],
    [
      'success with no charge reported is settled at 0',
      { reservedMicros: 0 },
      { actualMicros: null, succeeded: true },
      [
        ['settlement', 0],
        ['release', 0],
      ],
    ],
    ['failure, nothing charged', { reservedMicros: 350_000 }, { actualMicros: null }, [['release', 350_000]]],
    [
      'failure the provider charged',
      { reservedMicros: 350_000 },
      { actualMicros: 350_000, succeeded: false },
      [
        ['settlement', 350_000],
        ['release', 350_000],
      ],
    ],
  ])('%s', (_what, take, outcome, expected) => {
    const entries = settlementEntries(take, outcome);
    expect(entries.map((e) => [e.kind, e.amountMicros])).toEqual(expected);
    for (const e of entries) expect(e.note).not.toBe('');
  });
});

describe('seeds from take ids', () => {
  it('is stable, 31-bit and spread', () => {
    const ids = Array.from({ length: 500 }, (_, i) => `0193a1b2-7c00-7000-8000-${String(i).padStart(12, '0')}`);
    const seeds = ids.map(seedFor);
    expect(seeds).toEqual(ids.map(seedFor));
    for (const s of seeds) expect(Number.isInteger(s) && s >= 0 && s <= 2_147_483_647).toBe(true);
    expect(new Set(seeds).size).toBe(500);
    expect(seedFor('')).toBe(0x811c9dc5 & 0x7fffffff);
    expect(seedFor('a')).toBe(0xe40c292c & 0x7fffffff);
  });
});
