/**
 * Frames ↔ timecode on a project's grid, exactly, in integers: the one timecode of the server, the
 * web UI and the CLI. Frames count from 0 (00:00:00:00 is frame 0, DESIGN.md §7). A rational rate
 * counts at its nominal whole rate (24000/1001 counts 24 a second, 30000/1001 counts 30);
 * drop-frame (29.97 and 59.94 only) skips frame labels — never frames — so the label keeps close to
 * clock time, and writes `;` before the frames. Hours count on past 23, so every frame has one
 * label and the round trip is exact.
 */

/** A frame rate as a rational: 24000/1001 → { num: 24000, den: 1001 }. */
export interface FrameRational {
  num: number;
  den: number;
}

export type TimecodeCount = 'ndf' | 'df';

/** "24000/1001" (or a rational) as a rational; null when it is not a positive whole fraction. */
export function readRate(rate: string | FrameRational): FrameRational | null {
  if (typeof rate !== 'string') return rate;
  const [num, den = '1', extra] = rate.split('/');
  const n = Number(num);
  const d = Number(den);
  return extra === undefined && Number.isSafeInteger(n) && n > 0 && Number.isSafeInteger(d) && d > 0 ? { num: n, den: d } : null;
}

/** The whole number of frames a second a rate counts at: 24000/1001 → 24, 30000/1001 → 30 (half up, in integers). */
export function nominalRate(rate: FrameRational): number {
  return Math.floor((2 * rate.num + rate.den) / (2 * rate.den));
}

/** Whether drop-frame timecode exists at this rate: 30000/1001 and 60000/1001, however written. */
export function hasDropFrame(rate: FrameRational): boolean {
  const times = (rate.num * 1001) / (30000 * rate.den);
  return times === 1 || times === 2;
}

/** Labels drop-frame skips at the start of each minute but every tenth: 2 at 29.97, 4 at 59.94. */
function dropPerMinute(rate: FrameRational): number {
  return nominalRate(rate) / 15;
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * The timecode of frame `frame` (a whole number from 0). Drop-frame is only counted at a rate that
 * has it; callers that must refuse DF elsewhere check `hasDropFrame` first.
 */
export function frameToTimecode(frame: number, rate: FrameRational, count: TimecodeCount): string {
  const nominal = nominalRate(rate);
  const df = count === 'df' && hasDropFrame(rate);
  let label = Math.max(0, Math.floor(frame));
  if (df) {
    // Add back the labels skipped before this frame: 9·drop per whole ten minutes, then drop per
    // minute begun after the first (unskipped) minute of the current ten.
    const drop = dropPerMinute(rate);
    const perMinute = nominal * 60 - drop;
    const perTenMinutes = nominal * 600 - drop * 9;
    const rest = label % perTenMinutes;
    label += drop * 9 * Math.floor(label / perTenMinutes) + (rest >= drop ? drop * Math.floor((rest - drop) / perMinute) : 0);
  }
  const seconds = Math.floor(label / nominal);
  return `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}${df ? ';' : ':'}${two(label % nominal)}`;
}

/** What reading a timecode gave: the frame it names, or the problem in words (to follow the field's name). */
export type TimecodeReading = { frame: number } | { problem: string };

/**
 * The frame a timecode ("00:00:05:17", "00:01:00;02") names. Either separator is read before the
 * frames; `count` decides how labels count. Labels drop-frame skips (;00 and ;01 at 29.97 in
 * minutes not divisible by ten) name no frame.
 */
export function readTimecode(text: string, rate: FrameRational, count: TimecodeCount): TimecodeReading {
  const m = /^(\d{2,}):(\d{2}):(\d{2})[:;.](\d{2})$/.exec(text.trim());
  if (!m) return { problem: `a timecode reads hh:mm:ss:ff (or hh:mm:ss;ff in drop-frame); got "${text}"` };
  const [h, min, s, f] = m.slice(1).map(Number);
  const nominal = nominalRate(rate);
  if (min > 59 || s > 59) return { problem: `minutes and seconds run 00 to 59; got "${text}"` };
  if (f >= nominal) return { problem: `frames run 00 to ${two(nominal - 1)} at ${rate.num}/${rate.den}; got "${text}"` };
  const label = (h * 3600 + min * 60 + s) * nominal + f;
  if (count !== 'df' || !hasDropFrame(rate)) return { frame: label };
  const drop = dropPerMinute(rate);
  const minutes = h * 60 + min;
  if (s === 0 && f < drop && minutes % 10 !== 0) return { problem: `${text} is skipped in drop-frame timecode (each minute but every tenth starts at ;${two(drop)})` };
  return { frame: label - drop * (minutes - Math.floor(minutes / 10)) };
}
