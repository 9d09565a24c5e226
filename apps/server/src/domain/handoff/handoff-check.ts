/**
 * What every writer checks before writing, and the small shared pieces of the formats: the
 * colour of each note kind, which markers a clip shows, one-line text.
 */
import { hasDropFrame, type FrameRational } from '@backlot/contracts';
import { type FieldProblem, failFields } from '../errors.ts';
import type { HandoffClip, HandoffMarker, HandoffMarkerKind, HandoffTimeline } from './handoff-timeline.ts';

/** A marker colour every format has a name for (OTIO marker colours, Resolve's EDL locator colours). */
export type MarkerColour = 'RED' | 'YELLOW' | 'GREEN' | 'BLUE' | 'PURPLE';

/** One colour per note kind, the same in every format. */
export const MARKER_COLOURS: Readonly<Record<HandoffMarkerKind, MarkerColour>> = {
  note: 'RED',
  client_note: 'PURPLE',
  drawing: 'YELLOW',
  resolved: 'GREEN',
};

const REEL = /^[A-Za-z0-9_]{1,8}$/;
const wholeFrom = (n: number, min: number) => Number.isSafeInteger(n) && n >= min;

function rateProblem(rate: FrameRational): string | null {
  return wholeFrom(rate.num, 1) && wholeFrom(rate.den, 1) ? null : `a rate is a fraction of whole numbers above 0; got ${rate.num}/${rate.den}`;
}

/**
 * Refuses, naming every field at fault, a timeline no format can write faithfully: a bad rate,
 * drop-frame at a rate without it, an empty or inverted range, a range past the media's end, a reel
 * longer than 8 characters or shared by two clips, a marker off its media.
 */
export function checkTimeline(t: HandoffTimeline): void {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  const rate = rateProblem(t.rate);
  if (rate) add('rate', rate);
  else if (t.timecode === 'df' && !hasDropFrame(t.rate)) add('timecode', `drop-frame needs 30000/1001 or 60000/1001; the rate is ${t.rate.num}/${t.rate.den}`);
  if (!wholeFrom(t.recordStart, 0)) add('recordStart', `must be a whole frame from 0; got ${t.recordStart}`);
  if (!wholeFrom(t.width, 1) || !wholeFrom(t.height, 1)) add('width', `the frame size must be whole pixels; got ${t.width}×${t.height}`);
  if (t.clips.length === 0) add('clips', 'a handoff needs at least one clip');
  const reels = new Map<string, number>();
  t.clips.forEach((c, i) => {
    const at = `clips.${i}`;
    if (c.name.trim() === '' || /[\r\n]/.test(c.name)) add(`${at}.name`, `must be one non-empty line; got "${c.name}"`);
    if (!REEL.test(c.reel)) add(`${at}.reel`, `a reel is 1 to 8 letters, digits or _; got "${c.reel}"`);
    else if (reels.has(c.reel)) add(`${at}.reel`, `"${c.reel}" is already the reel of clip ${reels.get(c.reel)}`);
    else reels.set(c.reel, i);
    if (!wholeFrom(c.sourceIn, 0)) add(`${at}.sourceIn`, `must be a whole frame from 0; got ${c.sourceIn}`);
    if (!wholeFrom(c.sourceOut, 1) || c.sourceOut <= c.sourceIn) add(`${at}.sourceOut`, `must be a whole frame after sourceIn (${c.sourceIn}); got ${c.sourceOut}`);
    else if (c.sourceOut > c.media.frames) add(`${at}.sourceOut`, `${c.sourceOut} is past the media's end (${c.media.frames} frames)`);
    if (c.media.path === '' || c.media.path.includes('\\') || c.media.path.startsWith('/')) add(`${at}.media.path`, `must be a relative path with forward slashes; got "${c.media.path}"`);
    c.markers.forEach((m, j) => {
      if (!wholeFrom(m.frame, 0) || m.frame >= c.media.frames) add(`${at}.markers.${j}.frame`, `must be a whole frame of the media (0 to ${c.media.frames - 1}); got ${m.frame}`);
      if (!wholeFrom(m.duration, 1)) add(`${at}.markers.${j}.duration`, `must be a whole number of frames from 1; got ${m.duration}`);
    });
  });
  if (problems.length > 0) failFields('handoff.timeline_invalid', problems);
}

/**
 * The markers a clip shows on the record: those whose frame lies in the used range, their duration
 * cut at the clip's end (a note in a handle is not on the cut, and would land on the next clip).
 */
export function markersInRange(clip: HandoffClip): HandoffMarker[] {
  return clip.markers
    .filter((m) => m.frame >= clip.sourceIn && m.frame < clip.sourceOut)
    .map((m) => ({ ...m, duration: Math.min(m.duration, clip.sourceOut - m.frame) }))
    .sort((a, b) => a.frame - b.frame);
}

/** Text on one line (EDL comments, names): line breaks, tabs and other control characters become spaces, runs of spaces one. */
export function oneLine(text: string): string {
  return text
    .replace(/[\u0000-\u001F\u007F]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A marker's label in every format: `Author: text`. */
export function markerLabel(m: HandoffMarker): string {
  return oneLine(m.author ? `${m.author}: ${m.text}` : m.text);
}
