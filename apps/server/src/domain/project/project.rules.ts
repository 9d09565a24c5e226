/** Project settings rules: frame rates as rationals, timecode modes, money in micro-units, aspect. */
import { dropFrameAllowedAt } from '@backlot/contracts';
import { fail } from '../errors.ts';

/** A frame rate as a rational number of frames per second. */
export interface Rational {
  num: number;
  den: number;
}

/** Parses "24000/1001" into a rational; the contracts already restrict the choices. */
export function parseRate(text: string, field = 'frameRate'): Rational {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  if (!m) fail('request.invalid', 'Frame rate must be a rational like 24/1 or 24000/1001.', field);
  const num = Number(m[1]);
  const den = Number(m[2]);
  if (num <= 0 || den <= 0) fail('request.invalid', 'Frame rate must be positive.', field);
  return { num, den };
}

export function formatRate(rate: Rational): string {
  return `${rate.num}/${rate.den}`;
}

/** Drop-frame timecode exists only for the NTSC rates 29.97 and 59.94. */
export function dropFrameAllowed(rate: Rational): boolean {
  return dropFrameAllowedAt(formatRate(rate));
}

/** Refuses a timecode mode the rate cannot have. */
export function assertTimecodeMode(rate: Rational, mode: 'ndf' | 'df'): void {
  if (mode === 'df' && !dropFrameAllowed(rate)) {
    fail('request.invalid', `timecodeMode: drop-frame needs 30000/1001 or 60000/1001; ${formatRate(rate)} is always non-drop-frame.`, 'timecodeMode');
  }
}

const MICROS = 1_000_000;

/** Parses a decimal amount ("1999.99") into integer micro-units, exactly, with no floating point. */
export function parseAmount(text: string, field = 'budget'): number {
  const m = /^(\d{1,12})(?:\.(\d{1,6}))?$/.exec(text);
  if (!m) fail('request.invalid', 'Amount must be a decimal like 25000.00.', field);
  const whole = Number(m[1]);
  const frac = Number((m[2] ?? '').padEnd(6, '0'));
  return whole * MICROS + frac;
}

/** Formats micro-units as a decimal with at least two places ("25000.00", "0.125"). */
export function formatAmount(micros: number): string {
  const whole = Math.floor(micros / MICROS);
  let frac = String(micros % MICROS)
    .padStart(6, '0')
    .replace(/0+$/, '');
  if (frac.length < 2) frac = frac.padEnd(2, '0');
  return `${whole}.${frac}`;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** The picture aspect as a reduced ratio, e.g. 1920×1080 → "16:9". */
export function aspectOf(width: number, height: number): string {
  const g = gcd(width, height);
  return `${width / g}:${height / g}`;
}
