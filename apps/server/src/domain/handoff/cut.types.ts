/**
 * What Backlot reads back from an editor's cut (OTIO, EDL or FCPXML), and what it makes of it
 * against the timeline it handed over. Pure data.
 */
import type { FrameRational } from '@backlot/contracts';

export type CutFormat = 'otio' | 'edl' | 'fcpxml';

/** One video clip of the cut's main track, in record order. Frames on the cut's grid, ranges half-open. */
export interface ImportedCutClip {
  /** The clip's name as the cut writes it (for a handoff clip: `PROJ_SC012_SH030_TK004`). */
  name: string;
  /** The media the clip points at, when the format says (file name or path as written). */
  mediaName?: string;
  /** The EDL reel, when read from an EDL. */
  reel?: string;
  /** First source frame used (media frames from the media's first frame, project grid). */
  sourceIn: number;
  /** The source frame after the last used. */
  sourceOut: number;
  /** Record position (frames from the cut's start; gaps count). */
  recordIn: number;
  /** Backlot ids kept in the format's metadata (OTIO `metadata.backlot`). */
  takeId?: string;
  shotId?: string;
}

/** Something in the cut Backlot reports but never applies. */
export type NotAppliedKind = 'audio_track' | 'video_track' | 'gap' | 'transition' | 'effect' | 'retime' | 'nested' | 'repeated_shot';

export interface NotAppliedItem {
  kind: NotAppliedKind;
  /** Where and what, in words: `transition "Dissolve" (24 frames) before event 3`. */
  description: string;
}

export interface ImportedCut {
  format: CutFormat;
  /** The cut's title / timeline name. */
  name: string;
  /** The cut's rate when the format says (EDLs do not; the caller's project rate is used then). */
  rate: FrameRational | null;
  clips: ImportedCutClip[];
  notApplied: NotAppliedItem[];
}

/** One shot whose position in the cut is different. */
export interface CutShotMove {
  shotId: string;
  clipName: string;
  /** 0-based positions among the expected shots that are still in the cut. */
  from: number;
  to: number;
}

export interface CutTrim {
  shotId: string;
  takeId: string;
  clipName: string;
  before: { sourceIn: number; sourceOut: number };
  after: { sourceIn: number; sourceOut: number };
}

export interface CutSwap {
  shotId: string;
  clipName: string;
  fromTakeCode: string;
  /** The take code read from the clip's name; empty when only the shot id in metadata tells the shot. */
  toTakeCode: string;
  /** The take the cut uses, when its id is known (metadata or an expected clip of that name). */
  toTakeId?: string;
  sourceIn: number;
  sourceOut: number;
}

export interface CutChangeReport {
  /** Whether the order of shots differs from the handed-over order. */
  orderChanged: boolean;
  /** The shots in the cut's order (shot ids, first appearance), when it changed; otherwise empty. */
  newOrder: string[];
  moves: CutShotMove[];
  trims: CutTrim[];
  /** Shots handed over and absent from the cut. */
  omitted: { shotId: string; clipName: string }[];
  swaps: CutSwap[];
  /** Cut clips that match no handed-over shot. */
  unmatched: { name: string; recordIn: number }[];
  notApplied: NotAppliedItem[];
}
