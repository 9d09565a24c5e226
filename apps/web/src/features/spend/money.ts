/**
 * Money on the spend pages: the server sends exact decimal strings of the project's currency
 * ("12.50", "0.000125"); sums and differences are done in integer micro-units (BigInt), never
 * floats, and a budget's band (under 80 %, past 80 %, at or over 100 %) is read from the amounts,
 * not from the rounded percentage.
 */

const MICROS = 1_000_000n;

/** "12.5" → 12500000n; undefined for anything that is not a plain decimal amount. */
export function toMicros(amount: string): bigint | undefined {
  const m = /^(-?)(\d+)(?:\.(\d{1,6}))?$/.exec(amount.trim());
  if (!m) return undefined;
  const v = BigInt(m[2]) * MICROS + BigInt((m[3] ?? '').padEnd(6, '0'));
  return m[1] ? -v : v;
}

/** 12500000n → "12.50": at least two places, at most six, trailing zeros dropped (as the server writes amounts). */
export function fromMicros(micros: bigint): string {
  const sign = micros < 0n ? '-' : '';
  const a = micros < 0n ? -micros : micros;
  let frac = String(a % MICROS)
    .padStart(6, '0')
    .replace(/0+$/, '');
  if (frac.length < 2) frac = frac.padEnd(2, '0');
  return `${sign}${a / MICROS}.${frac}`;
}

/** "12.50 USD"; a dash when there is no amount. */
export function moneyLabel(amount: string | null | undefined, currency: string): string {
  return amount === null || amount === undefined ? '—' : `${amount} ${currency}`;
}

/** (held + spent) ÷ budget in percent with one decimal, as the server gives it; null for a budget of 0. */
export function usedPercentOf(bar: { budget: string; held: string; spent: string }): number | null {
  const budget = toMicros(bar.budget) ?? 0n;
  if (budget <= 0n) return null;
  const used = (toMicros(bar.held) ?? 0n) + (toMicros(bar.spent) ?? 0n);
  // Half up, in tenths of a percent.
  return Number((used * 2000n + budget) / (2n * budget)) / 10;
}

/** Where a budget stands: under the alert line, past 80 % of it, or at or over the whole of it. */
export type BudgetBand = 'ok' | 'warn' | 'over';

/** The band of held + spent against a budget; a budget of 0 is over once anything is held or spent. */
export function budgetBand(bar: { budget: string; held: string; spent: string }): BudgetBand {
  const budget = toMicros(bar.budget) ?? 0n;
  const used = (toMicros(bar.held) ?? 0n) + (toMicros(bar.spent) ?? 0n);
  if (budget <= 0n) return used > 0n ? 'over' : 'ok';
  if (used >= budget) return 'over';
  return used * 5n >= budget * 4n ? 'warn' : 'ok';
}

/** The words that go with a band's colour, so colour is never the only signal. */
export const BAND_WORDS: Record<BudgetBand, string> = { ok: 'within budget', warn: 'past 80 %', over: 'budget reached' };

/**
 * Actual against estimated: the difference ("+0.25", "-1.00", "0.00") and the drift in percent
 * with one decimal (null when nothing was estimated).
 */
export function difference(estimated: string, actual: string): { amount: string; percent: number | null } | undefined {
  const e = toMicros(estimated);
  const a = toMicros(actual);
  if (e === undefined || a === undefined) return undefined;
  const d = a - e;
  const percent = e === 0n ? null : Math.round(Number((d * 1000n) / e)) / 10;
  return { amount: `${d > 0n ? '+' : ''}${fromMicros(d)}`, percent };
}
