/** Prices and the price a take used, in words. */
import type { PriceLine } from '@backlot/contracts';
import { describe, expect, it } from 'vitest';
import { priceLabel, priceUsedLabel } from './price-words.ts';

const line: PriceLine = {
  provider: 'previs',
  model: 'previs-animatic',
  label: 'Previs animatic',
  inForce: null,
  listPrice: null,
  entries: [
    {
      id: 'e1',
      provider: 'previs',
      model: 'previs-animatic',
      currency: 'USD',
      unit: 'generations',
      perQuantity: 1,
      price: '2.00',
      inForceFrom: '2026-12-01T10:00:00.000Z',
      source: 'Studio rate',
      setBy: 'Pia Producer',
      setAt: '2026-12-01T10:00:00.000Z',
    },
  ],
};

describe('prices in words', () => {
  it('names the unit, and how many units the price buys when more than one', () => {
    expect(priceLabel({ currency: 'USD', unit: 'generations', perQuantity: 1, price: '2.00' })).toBe('2.00 USD per generation');
    expect(priceLabel({ currency: 'EUR', unit: 'tokens', perQuantity: 1_000_000, price: '1.20' })).toBe('1.20 EUR per 1,000,000 tokens');
  });

  it('says which price a take used: the catalog entry with its date and source, or where else it came from', () => {
    expect(priceUsedLabel('catalog:e1', [line])).toBe('2.00 USD per generation · project catalog, from 2026-12-01 · Studio rate');
    expect(priceUsedLabel('catalog:gone', [line])).toBe('an entry of the project’s price catalog');
    expect(priceUsedLabel('list', [])).toBe('the provider’s list price');
    expect(priceUsedLabel('free', undefined)).toBe('free (previs)');
    expect(priceUsedLabel(null, undefined)).toBe('not recorded');
  });
});
