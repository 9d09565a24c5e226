/**
 * Spend view rules: cost per approved second, budget bars, and how the spend export writes
 * amounts and cells. Pure; money stays in integer micro-units until it is written out.
 */

const MICROS = 1_000_000n;

/**
 * Cost per approved second in micro-units: settled ÷ (frames × den ÷ num) = settled × num ÷ (frames × den),
 * rounded half up to a whole micro-unit; null when no approved frames were bought.
 */
export function perApprovedSecondMicros(settledMicros: number, frames: number, rate: { num: number; den: number }): number | null {
  if (frames <= 0) return null;
  const n = BigInt(settledMicros) * BigInt(rate.num);
  const d = BigInt(frames) * BigInt(rate.den);
  return Number((2n * n + d) / (2n * d));
}

/** Seconds of `frames` at the rate, to the millisecond. */
export function framesToSeconds(frames: number, rate: { num: number; den: number }): number {
  return Math.round((frames * rate.den * 1000) / rate.num) / 1000;
}

/** (held + spent) ÷ budget in percent, one decimal; null for a budget of 0. */
export function usedPercent(budgetMicros: number, usedMicros: number): number | null {
  if (budgetMicros <= 0) return null;
  return Math.round((usedMicros * 1000) / budgetMicros) / 10;
}

/** Whether a budget is past the alert line: held + spent at or above 80 % of it. */
export function pastAlertLine(budgetMicros: number, usedMicros: number): boolean {
  return budgetMicros > 0 && usedMicros * 5 >= budgetMicros * 4;
}

/** Micro-units as a decimal with exactly six places ("12.500000"), as the export writes every amount. */
export function sixPlaces(micros: number): string {
  const v = BigInt(micros);
  const sign = v < 0n ? '-' : '';
  const a = v < 0n ? -v : v;
  return `${sign}${a / MICROS}.${String(a % MICROS).padStart(6, '0')}`;
}

/**
 * One CSV cell: a value a spreadsheet would read as a formula (starting with = + - @, tab or
 * carriage return) gets a leading apostrophe, as OWASP advises against CSV injection; then it is
 * quoted when it holds a comma, quote or line break.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV line, ending in CRLF (RFC 4180). */
export const csvLine = (cells: string[]) => `${cells.map(csvCell).join(',')}\r\n`;
