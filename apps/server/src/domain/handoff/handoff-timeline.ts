/**
 * The one picture of an editorial handoff every format writer reads: clips in record order on the
 * project's frame grid, each naming its media file inside the package and the review notes to
 * show as markers. Built by the handoff service from approved (or selected) takes; written out as
 * OTIO, CMX 3600 EDL, FCPXML and MLT by the writers beside this file. Pure data, no I/O.
 *
 * Frames count from 0 (DESIGN.md §7). Ranges are half-open: `sourceIn` is the first frame used,
 * `sourceOut` the frame after the last, so a clip's duration is `sourceOut − sourceIn`.
 */
import type { FrameRational, TimecodeCount } from '@backlot/contracts';

/** What a marker says about the note it came from; each kind has its own colour in every format. */
export type HandoffMarkerKind = 'note' | 'client_note' | 'drawing' | 'resolved';

export interface HandoffMarker {
  /** On the clip's media, in project-grid frames from the media's first frame (not the record). */
  frame: number;
  /** Frames the note covers (1 for a note at a single frame). */
  duration: number;
  kind: HandoffMarkerKind;
  author: string;
  text: string;
  /** The note's id in Backlot, kept in metadata where the format has room for it. */
  noteId: string;
}

export interface HandoffMedia {
  /** Path inside the package, with forward slashes: `media/PROJ_SC012_SH030_TK004.mp4`. */
  path: string;
  /** Frames of the media on the project grid (the whole available range is 0 to `frames`). */
  frames: number;
  /** The media's own rate; the project's grid when it was conformed on ingest. */
  rate: FrameRational;
  width: number;
  height: number;
  hasAudio: boolean;
}

export interface HandoffClip {
  /** The predictable name the editor sees and Backlot matches a returning cut by: `PROJ_SC012_SH030_TK004`. */
  name: string;
  /** A reel name of at most 8 characters, letters, digits and `_`, unique within the timeline. */
  reel: string;
  takeId: string;
  shotId: string;
  sceneCode: string;
  shotCode: string;
  /** `TK004`. */
  takeCode: string;
  media: HandoffMedia;
  /** First frame used, on the media (project grid). */
  sourceIn: number;
  /** The frame after the last used. */
  sourceOut: number;
  markers: HandoffMarker[];
}

export interface HandoffTimeline {
  /** Shown as the sequence / timeline name: `PROJ scene 1 approved`. */
  name: string;
  projectCode: string;
  rate: FrameRational;
  /** Drop-frame only where the rate has it (29.97, 59.94). */
  timecode: TimecodeCount;
  /** The record timecode of the first clip as a frame number on the grid (01:00:00:00 → 86400 at 24). */
  recordStart: number;
  width: number;
  height: number;
  /** Contiguous, in record order. */
  clips: HandoffClip[];
}

/** Each clip's first record frame (relative to `recordStart`), in order: clips sit end to end. */
export function recordOffsets(timeline: HandoffTimeline): number[] {
  let at = 0;
  return timeline.clips.map((c) => {
    const start = at;
    at += c.sourceOut - c.sourceIn;
    return start;
  });
}
