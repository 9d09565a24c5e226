/**
 * Ledger rules: what a quantity of provider usage costs, what a budget has left, which entries
 * settle a finished take, and the seed of a take without a fixed one. Money is integer micro-units
 * of one currency, never floats (DESIGN.md §2, §7).
 */

/** A finite decimal number as an exact fraction `digits / 10^scale`, read from its shortest decimal text. */
function exactDecimal(value: number, what: string): { digits: bigint; scale: bigint } {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${what} must be a finite number ≥ 0, got ${value}`);
  if (Number.isInteger(value)) return { digits: BigInt(value), scale: 0n };
  // String(value) is the shortest text that reads back as the same double ("0.1", "1.5e-7"),
  // which is the decimal the caller meant; read it digit by digit instead of multiplying floats.
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
  if (!m) throw new RangeError(`${what} is not a plain decimal: ${value}`);
  const fraction = m[2] ?? '';
  const exponent = Number(m[3] ?? '0') - fraction.length;
  const digits = BigInt(m[1] + fraction);
  return exponent >= 0 ? { digits: digits * 10n ** BigInt(exponent), scale: 0n } : { digits, scale: BigInt(-exponent) };
}

/**
 * What `quantity` units of usage cost at `priceMicros` per `perQuantity` units, rounded up to a
 * whole micro-unit: ceil(quantity × priceMicros / perQuantity). Fractional quantities (seconds,
 * GPU seconds) are read as exact decimals and the sum is done in BigInt, so no float rounding
 * creeps in and large values stay exact; a result beyond Number.MAX_SAFE_INTEGER is refused.
 */
export function costMicros(quantity: number, price: { perQuantity: number; priceMicros: number }): number {
  if (!Number.isSafeInteger(price.priceMicros) || price.priceMicros < 0) throw new RangeError(`priceMicros must be a whole number ≥ 0, got ${price.priceMicros}`);
  if (!(price.perQuantity > 0)) throw new RangeError(`perQuantity must be more than 0, got ${price.perQuantity}`);
  const q = exactDecimal(quantity, 'quantity');
  const per = exactDecimal(price.perQuantity, 'perQuantity');
  // (q.digits / 10^q.scale) × priceMicros / (per.digits / 10^per.scale)
  const numerator = q.digits * BigInt(price.priceMicros) * 10n ** per.scale;
  const denominator = per.digits * 10n ** q.scale;
  const cost = (numerator + denominator - 1n) / denominator;
  if (cost > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`cost of ${quantity} units is too large to hold`);
  return Number(cost);
}

/** A project's money at a glance, in micro-units. */
export interface LedgerBalance {
  /** Reserved for takes not finished yet. */
  heldMicros: number;
  /** Settled: what finished takes actually cost. */
  spentMicros: number;
  /** What new takes may still reserve; negative when spending overran the budget. */
  remainingMicros: number;
}

/** held = reserved − released; spent = settled; remaining = budget − held − spent. */
export function ledgerBalance(budgetMicros: number, totals: { reserved: number; settled: number; released: number }): LedgerBalance {
  const heldMicros = totals.reserved - totals.released;
  const spentMicros = totals.settled;
  return { heldMicros, spentMicros, remainingMicros: budgetMicros - heldMicros - spentMicros };
}

/** One ledger entry that closes a take's reservation. */
export interface SettlementEntry {
  kind: 'settlement' | 'release';
  amountMicros: number;
  note: string;
}

/**
 * The entries that close a finished take. Whatever happened, the whole reservation is released;
 * what the provider actually charged (`actualMicros`, null when nothing was charged) is settled.
 * A take that succeeded is always settled, even at 0 (previs), so every finished take has one.
 * `succeeded` defaults to "something was charged" and only changes the wording and the zero case.
 */
export function settlementEntries(take: { reservedMicros: number }, outcome: { actualMicros: number | null; succeeded?: boolean }): SettlementEntry[] {
  const succeeded = outcome.succeeded ?? outcome.actualMicros !== null;
  const entries: SettlementEntry[] = [];
  const actual = outcome.actualMicros ?? (succeeded ? 0 : null);
  if (actual !== null) {
    if (!Number.isSafeInteger(actual) || actual < 0) throw new RangeError(`actualMicros must be a whole number ≥ 0, got ${actual}`);
    entries.push({ kind: 'settlement', amountMicros: actual, note: succeeded ? 'actual cost of the take' : 'charged by the provider although the take did not finish' });
  }
  entries.push({ kind: 'release', amountMicros: take.reservedMicros, note: succeeded || actual !== null ? 'reservation returned on settlement' : 'reservation returned: nothing was charged' });
  return entries;
}

/**
 * A stable seed in 0 … 2^31 − 1 from a take id (32-bit FNV-1a over its UTF-16 code units, top bit
 * dropped), for takes without a fixed seed: the same take always gets the same seed.
 */
export function seedFor(takeId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < takeId.length; i++) {
    hash ^= takeId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) & 0x7fffffff;
}
