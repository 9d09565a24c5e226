/**
 * The player's frame clock: frames on the project's grid ↔ media time at a rational rate, and the
 * timecode of a frame in non-drop-frame or drop-frame (counted by the contracts' timecode, the one
 * the server uses). Pure; no DOM. Frames are whole numbers from 0; the proxy stamps frame n at
 * exactly n × den / num seconds (DESIGN.md §7, one frame grid).
 */
import { frameToTimecode, hasDropFrame as rateHasDropFrame, nominalRate, readRate, readTimecode } from '@backlot/contracts';

/** A frame rate as a rational: 24000/1001 → { num: 24000, den: 1001 }. */
export interface Rate {
  num: number;
  den: number;
}

export type TimecodeMode = 'ndf' | 'df';

/** "24000/1001" as a Rate; 24/1 when it cannot be read. */
export function parseRate(rate: string | Rate): Rate {
  return readRate(rate) ?? { num: 24, den: 1 };
}

/** Frames per second as the timecode counts them: 24 for 23.976, 30 for 29.97. */
export function nominalFps(rate: string | Rate): number {
  return nominalRate(parseRate(rate));
}

/** One second of the picture in whole frames, as shift+←/→ steps (the nominal rate: 24 at 23.976). */
export const secondInFrames = nominalFps;

/** n kept within a clip of `frames` frames (0 … frames − 1). */
export function clampFrame(n: number, frames: number): number {
  return Math.max(0, Math.min(Math.max(0, frames - 1), Math.round(n)));
}

/** When frame n starts: n × den / num seconds (its presentation time in the proxy). */
export function frameStart(n: number, rate: string | Rate): number {
  const { num, den } = parseRate(rate);
  return (n * den) / num;
}

/**
 * The media time to seek to for frame n: the MIDDLE of its interval, (n + 0.5) × den / num. A seek
 * to the frame's start would sit on the boundary with its neighbour, where the float of 1001/24000
 * or a container's rounded timestamps can land one frame early (the "doubled frame"); half a frame
 * away from both edges, no rounding anywhere can reach a neighbour.
 */
export function seekTimeOf(n: number, rate: string | Rate): number {
  const { num, den } = parseRate(rate);
  return ((n + 0.5) * den) / num;
}

/** The frame whose interval holds media time t (a currentTime): floor, with a hair of slack for floats. */
export function frameAtTime(t: number, rate: string | Rate): number {
  const { num, den } = parseRate(rate);
  return Math.max(0, Math.floor((t * num) / den + 1e-6));
}

/**
 * The frame a presentation time belongs to: `requestVideoFrameCallback`'s `metadata.mediaTime` is
 * the painted frame's own timestamp (its start, in microseconds), so the nearest whole frame.
 */
export function frameOfMediaTime(mediaTime: number, rate: string | Rate): number {
  const { num, den } = parseRate(rate);
  return Math.max(0, Math.round((mediaTime * num) / den));
}

/** Whether this rate has drop-frame timecode at all (29.97 and 59.94); others are always NDF. */
export function hasDropFrame(rate: string | Rate): boolean {
  return rateHasDropFrame(parseRate(rate));
}

/**
 * Frame n as timecode: "01:00:00:00" NDF, "00:01:00;02" drop-frame (";" before the frames marks
 * DF). Drop-frame skips frame numbers 0 and 1 (0–3 at 59.94) at the start of every minute except
 * every tenth, so the timecode keeps to the clock; no picture is dropped. DF at a rate without it
 * reads as NDF.
 */
export function timecodeOf(n: number, rate: string | Rate, mode: TimecodeMode = 'ndf'): string {
  return frameToTimecode(n, parseRate(rate), mode);
}

/**
 * A typed position as a frame: a bare frame number ("137") or a timecode ("00:00:05:17",
 * "0:00:05:17", "00:01:00;02"; ":" or ";" before the frames). Null when it is neither, or names a
 * drop-frame number that does not exist (00:01:00;00).
 */
export function parseFramePosition(text: string, rate: string | Rate, mode: TimecodeMode = 'ndf'): number | null {
  const s = text.trim();
  if (/^\d+$/.test(s)) return Number(s);
  const read = readTimecode(/^\d:/.test(s) ? `0${s}` : s, parseRate(rate), mode);
  return 'frame' in read ? read.frame : null;
}
