/**
 * Timecode on a project's grid as the server checks it: the shared counting of the contracts
 * (frames from 0, nominal rates, drop-frame labels), with a refusal naming the field where the
 * input is wrong — drop-frame asked of a rate without it, a frame that is not whole, a label that
 * names no frame.
 */
import { frameToTimecode as labelOf, hasDropFrame, nominalRate, readTimecode } from '@backlot/contracts';
import { fail } from '../errors.ts';
import { formatRate, type Rational } from '../project/project.rules.ts';

export { nominalRate };
export type TimecodeMode = 'ndf' | 'df';

function assertCount(rate: Rational, mode: TimecodeMode): void {
  if (mode === 'df' && !hasDropFrame(rate)) fail('request.invalid', `Drop-frame timecode needs 30000/1001 or 60000/1001; ${formatRate(rate)} is always non-drop-frame.`, 'timecodeMode');
}

function assertFrame(frame: number): void {
  if (!Number.isSafeInteger(frame) || frame < 0) fail('request.invalid', `A frame must be a whole number from 0; got ${frame}.`, 'frame');
}

/** The timecode of a frame counted from 00:00:00:00 (frame 0); hours count on past 23. */
export function frameToTimecode(frame: number, rate: Rational, mode: TimecodeMode): string {
  assertFrame(frame);
  assertCount(rate, mode);
  return labelOf(frame, rate, mode);
}

/** The frame a timecode names, or a refusal naming `field` (a label drop-frame skips names no frame). */
export function timecodeToFrame(text: string, rate: Rational, mode: TimecodeMode, field = 'timecode'): number {
  assertCount(rate, mode);
  const read = readTimecode(text, rate, mode);
  if ('problem' in read) fail('request.invalid', `${field}: ${read.problem}.`, field);
  return read.frame;
}

/** A frame or an inclusive range of frames as timecode ("00:00:00:12" or "00:00:00:12–00:00:01:03"); null without a frame. */
export function frameRangeTimecode(frame: number | null, frameEnd: number | null, rate: Rational, mode: TimecodeMode): string | null {
  if (frame === null) return null;
  const start = frameToTimecode(frame, rate, mode);
  return frameEnd === null || frameEnd === frame ? start : `${start}–${frameToTimecode(frameEnd, rate, mode)}`;
}
