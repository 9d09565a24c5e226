/**
 * Frames ↔ timecode on a project's grid, exactly, in integers. A rational rate counts at its
 * nominal whole rate (24000/1001 counts 24 frames a second, 30000/1001 counts 30); drop-frame
 * (29.97 and 59.94 only) skips frame labels — never frames — so the label stays close to clock
 * time, and writes `;` before the frames.
 */
import { fail } from '../errors.ts';
import { dropFrameAllowed, formatRate, type Rational } from '../project/project.rules.ts';

export type TimecodeMode = 'ndf' | 'df';

/** The whole number of frames a second a rate counts at: 24000/1001 → 24, 30000/1001 → 30. */
export function nominalRate(rate: Rational): number {
  // Rounded half up in integers: (2·num + den) ÷ (2·den), floored.
  return Math.floor((2 * rate.num + rate.den) / (2 * rate.den));
}

/** How drop-frame counts at a rate: labels skipped at each minute but every tenth. */
interface DropCount {
  nominal: number;
  /** Labels skipped at the start of each minute not divisible by ten (2 at 29.97, 4 at 59.94). */
  drop: number;
  /** Frames in a minute that skips labels. */
  perMinute: number;
  /** Frames in ten minutes (nine minutes skip, one does not). */
  perTenMinutes: number;
}

function dropCount(rate: Rational, mode: TimecodeMode): DropCount | null {
  if (mode === 'ndf') return null;
  if (!dropFrameAllowed(rate)) fail('request.invalid', `Drop-frame timecode needs 30000/1001 or 60000/1001; ${formatRate(rate)} is always non-drop-frame.`, 'timecodeMode');
  const nominal = nominalRate(rate);
  const drop = nominal / 15;
  return { nominal, drop, perMinute: nominal * 60 - drop, perTenMinutes: nominal * 600 - drop * 9 };
}

const two = (n: number) => String(n).padStart(2, '0');

function assertFrame(frame: number): void {
  if (!Number.isSafeInteger(frame) || frame < 0) fail('request.invalid', `A frame must be a whole number from 0; got ${frame}.`, 'frame');
}

/**
 * The timecode of a frame counted from 00:00:00:00 (frame 0). Hours keep counting past 23 rather
 * than wrap, so every frame has one label and the round trip is exact.
 */
export function frameToTimecode(frame: number, rate: Rational, mode: TimecodeMode): string {
  assertFrame(frame);
  const dc = dropCount(rate, mode);
  const nominal = nominalRate(rate);
  let label = frame;
  if (dc) {
    // Add back the labels skipped before this frame: 9·drop per whole ten minutes, then drop per
    // minute begun after the first (unskipped) minute of the current ten.
    const tens = Math.floor(frame / dc.perTenMinutes);
    const rest = frame % dc.perTenMinutes;
    label += dc.drop * 9 * tens + (rest >= dc.drop ? dc.drop * Math.floor((rest - dc.drop) / dc.perMinute) : 0);
  }
  const ff = label % nominal;
  const seconds = Math.floor(label / nominal);
  return `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}${dc ? ';' : ':'}${two(ff)}`;
}

/**
 * The frame a timecode names. Either separator is read before the frames; the mode decides how
 * the label counts. Labels drop-frame skips (;00 and ;01 at 29.97 in minutes not divisible by ten)
 * name no frame and are refused.
 */
export function timecodeToFrame(text: string, rate: Rational, mode: TimecodeMode, field = 'timecode'): number {
  const m = /^(\d{2,}):(\d{2}):(\d{2})[:;.](\d{2})$/.exec(text.trim());
  if (!m) fail('request.invalid', `${field}: a timecode reads hh:mm:ss:ff (or hh:mm:ss;ff in drop-frame); got "${text}".`, field);
  const [h, min, s, f] = m.slice(1).map(Number);
  const dc = dropCount(rate, mode);
  const nominal = nominalRate(rate);
  if (min > 59 || s > 59) fail('request.invalid', `${field}: minutes and seconds run 00 to 59; got "${text}".`, field);
  if (f >= nominal) fail('request.invalid', `${field}: frames run 00 to ${two(nominal - 1)} at ${formatRate(rate)}; got "${text}".`, field);
  const label = (h * 3600 + min * 60 + s) * nominal + f;
  if (!dc) return label;
  const minutes = h * 60 + min;
  if (s === 0 && f < dc.drop && minutes % 10 !== 0) fail('request.invalid', `${field}: ${text} is skipped in drop-frame timecode (each minute but every tenth starts at ;${two(dc.drop)}).`, field);
  return label - dc.drop * (minutes - Math.floor(minutes / 10));
}

/** A frame or an inclusive range of frames as timecode ("00:00:00:12" or "00:00:00:12–00:00:01:03"); null without a frame. */
export function frameRangeTimecode(frame: number | null, frameEnd: number | null, rate: Rational, mode: TimecodeMode): string | null {
  if (frame === null) return null;
  const start = frameToTimecode(frame, rate, mode);
  return frameEnd === null || frameEnd === frame ? start : `${start}–${frameToTimecode(frameEnd, rate, mode)}`;
}
