/** Rates as cut files write them (a float in OTIO, a rational in FCPXML) back to a rational. */
import type { FrameRational } from '@backlot/contracts';

/** 23.976023976023978 → 24000/1001, 29.97 → 30000/1001, 25 → 25/1; null when not a rate Backlot knows how to write. */
export function rateFromFloat(rate: number): FrameRational | null {
  if (!Number.isFinite(rate) || rate <= 0) return null;
  if (Number.isInteger(rate)) return { num: rate, den: 1 };
  for (const whole of [24, 30, 48, 60, 120]) {
    if (Math.abs(rate - (whole * 1000) / 1001) < 0.005) return { num: whole * 1000, den: 1001 };
  }
  const rounded = Math.round(rate * 1000);
  return Math.abs(rate * 1000 - rounded) < 1e-6 ? { num: rounded, den: 1000 } : null;
}
