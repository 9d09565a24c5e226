/** Frames on the project's grid as SMPTE timecode, non-drop-frame or drop-frame (29.97 and 59.94 only), as the server writes them. */
import { rateParts } from '../../lib/format.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** The timecode of frame `n` (from 00:00:00:00) at a rational rate; `df` drops frame numbers as SMPTE 12M does. */
export function timecodeOf(n: number, rate: string, mode: 'ndf' | 'df' = 'ndf'): string {
  const { num, den } = rateParts(rate);
  const fps = Math.round(num / den);
  let frame = Math.max(0, Math.floor(n));
  const drop = mode === 'df' && den === 1001 && fps % 30 === 0;
  if (drop) {
    // Two (four at 59.94) numbers are skipped each minute except every tenth.
    const dropped = (fps / 30) * 2;
    const perTen = fps * 600 - dropped * 9;
    const perMinute = fps * 60 - dropped;
    const tens = Math.floor(frame / perTen);
    const rest = frame % perTen;
    frame += dropped * 9 * tens + (rest > dropped ? dropped * Math.floor((rest - dropped) / perMinute) : 0);
  }
  const ff = frame % fps;
  const totalSeconds = Math.floor(frame / fps);
  return `${pad(Math.floor(totalSeconds / 3600))}:${pad(Math.floor(totalSeconds / 60) % 60)}:${pad(totalSeconds % 60)}${drop ? ';' : ':'}${pad(ff)}`;
}

/** The frame a media time falls on: round(seconds × rate). */
export function frameOfTime(seconds: number, rate: string): number {
  const { num, den } = rateParts(rate);
  return Math.max(0, Math.round((seconds * num) / den));
}

/** Just past the start of frame `n`, so a decoder shows frame n and frameOfTime reads it back as n. */
export function timeOfFrame(n: number, rate: string): number {
  const { num, den } = rateParts(rate);
  return (Math.max(0, n) * den) / num + 0.001;
}
