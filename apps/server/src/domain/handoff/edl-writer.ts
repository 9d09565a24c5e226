/**
 * CMX 3600 EDL from a handoff timeline: one video track of cuts. Timecodes count as the FCM line
 * says (drop-frame writes `;` before the frames), source timecode from the media's first frame
 * (00:00:00:00), record timecode from the timeline's record start, out points exclusive. Notes are
 * `* LOC:` lines at their record timecode in the form Resolve's "Timeline Markers from EDL" reads
 * (`* LOC: 01:00:05:12 RED     text`, the colour padded to 7).
 */
import { frameToTimecode } from '@backlot/contracts';
import { fail } from '../errors.ts';
import { checkTimeline, MARKER_COLOURS, markerLabel, markersInRange, oneLine } from './handoff-check.ts';
import { type HandoffTimeline, recordOffsets } from './handoff-timeline.ts';

export type EdlStyle = 'standard' | 'premiere';

export interface EdlOptions {
  /** `premiere` leaves out the `* FROM CLIP NAME:` lines Premiere misreads. */
  style: EdlStyle;
}

/** The EDL's text, lines ending in CRLF-free `\n`. Throws `handoff.timeline_invalid` naming the field at fault. */
export function writeEdl(t: HandoffTimeline, options: EdlOptions): string {
  checkTimeline(t);
  if (t.clips.length > 999) fail('handoff.timeline_invalid', `A CMX 3600 EDL numbers events 001 to 999; this timeline has ${t.clips.length} clips.`, 'clips');
  const count = t.timecode;
  const tc = (frame: number) => frameToTimecode(frame, t.rate, count);
  const lines = [`TITLE: ${oneLine(t.name)}`, `FCM: ${count === 'df' ? 'DROP FRAME' : 'NON-DROP FRAME'}`, ''];
  const offsets = recordOffsets(t);
  t.clips.forEach((clip, i) => {
    const recIn = t.recordStart + offsets[i];
    const recOut = recIn + (clip.sourceOut - clip.sourceIn);
    const number = String(i + 1).padStart(3, '0');
    lines.push(`${number}  ${clip.reel.padEnd(8)} ${(clip.media.hasAudio ? 'AA/V' : 'V').padEnd(5)} C        ${tc(clip.sourceIn)} ${tc(clip.sourceOut)} ${tc(recIn)} ${tc(recOut)}`);
    if (options.style === 'standard') lines.push(`* FROM CLIP NAME: ${clip.name}`);
    for (const m of markersInRange(clip)) {
      lines.push(`* LOC: ${tc(recIn + m.frame - clip.sourceIn)} ${MARKER_COLOURS[m.kind].padEnd(7)} ${markerLabel(m)}`);
    }
    lines.push('');
  });
  return lines.join('\n');
}
