/** Prices in the crew's words: "1.00 USD per generation", "0.40 USD per 1,000,000 tokens", and where a price comes from. */
import type { Price, PriceLine, PriceOrigin } from '@backlot/contracts';

const UNIT_WORDS: Record<string, [one: string, many: string]> = {
  credits: ['credit', 'credits'],
  tokens: ['token', 'tokens'],
  seconds: ['second', 'seconds'],
  generations: ['generation', 'generations'],
  gpu_seconds: ['GPU second', 'GPU seconds'],
};

/** "1.00 USD per generation", "2.50 USD per 1,000 credits". */
export function priceLabel(p: Price): string {
  const [one, many] = UNIT_WORDS[p.unit] ?? [p.unit, p.unit];
  return p.perQuantity === 1 ? `${p.price} ${p.currency} per ${one}` : `${p.price} ${p.currency} per ${p.perQuantity.toLocaleString('en')} ${many}`;
}

export const ORIGIN_WORDS: Record<PriceOrigin, string> = {
  catalog: 'project catalog',
  instance: 'instance standing price',
  list: 'provider’s list price',
  free: 'free',
};

/** The price a take was estimated at (`catalog:<id>`, `instance`, `list`, `free`) in words, from the project's catalog where it names an entry. */
export function priceUsedLabel(price: string | null, lines: PriceLine[] | undefined): string {
  if (price === null) return 'not recorded';
  if (price === 'free') return 'free (previs)';
  if (price === 'instance') return 'the instance’s standing price';
  if (price === 'list') return 'the provider’s list price';
  if (price.startsWith('catalog:')) {
    const id = price.slice('catalog:'.length);
    for (const line of lines ?? []) {
      const entry = line.entries.find((e) => e.id === id);
      if (entry) return `${priceLabel(entry)} · project catalog, from ${entry.inForceFrom.slice(0, 10)} · ${entry.source}`;
    }
    return 'an entry of the project’s price catalog';
  }
  return price;
}
