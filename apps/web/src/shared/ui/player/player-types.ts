/** What a page (or a test) can ask of the review player, and what it is given. */
import type { ReactNode } from 'react';
import type { TimecodeMode } from './frame-clock.ts';
import type { PlayerDecision } from './player-keys.ts';
import type { PlayerFilmstrip, PlayerMarks, PlayerNote } from './player-timeline.tsx';

/** What a page (or a test) can ask of the player. */
export interface PlayerApi {
  /** Pauses, seeks to frame n (clamped to the clip) and resolves with the frame painted once it settles. */
  seekToFrame: (n: number) => Promise<number>;
  /** Resolves with the painted frame once the player is paused and no seek is in flight. */
  settled: () => Promise<number>;
  /** The frame painted now (the last requested one while a seek is in flight). */
  frame: () => number;
  pause: () => void;
  /** Plays forward at `speed` (1 when absent), from the painted frame. */
  play: (speed?: number) => void;
  /** Whether it is playing now, and at what speed (negative backwards). */
  motion: () => { playing: boolean; speed: number };
  /** Frame callbacks received, and paused seeks whose frame was read from currentTime after none came. */
  stats: () => { callbacks: number; stale: number; confirmed: number; fromSeeked: number };
}

export interface PlayerProps {
  src: string;
  poster?: string;
  /** Frames in the proxy (on the project's grid). */
  frames: number;
  /** The project's rate, e.g. "24000/1001": the proxy runs at it. */
  rate: string;
  timecodeMode: TimecodeMode;
  label: string;
  marks?: PlayerMarks;
  notes?: PlayerNote[];
  filmstrip?: PlayerFilmstrip;
  startFrame?: number;
  /** The frame the playhead rests on after a pause or a seek. */
  onRest?: (frame: number) => void;
  /** I or O pressed on a frame. */
  onMark?: (which: 'in' | 'out', frame: number) => void;
  onDecision?: (state: PlayerDecision) => void;
  /** ↑ (-1) or ↓ (+1): the previous or next take. */
  onStep?: (by: -1 | 1) => void;
  /** More facts for the bar under the picture (size, rate, codec). */
  caption?: ReactNode;
  /** Laid over the picture, e.g. drawings; the stage is its positioned box, the same as the video's. */
  overlay?: ReactNode;
  /** Kept ready behind another player (an A/B flip, no black frame between takes): answers no key. */
  inactive?: boolean;
  /** The viewer moved the playhead or started or stopped it (a key, a click on the picture, the timeline, the bar), before it moves; not called for moves asked of its API. */
  onOwnMove?: () => void;
  /** Each time it starts or stops playing, or changes speed (negative backwards). */
  onMotion?: (motion: { playing: boolean; speed: number }) => void;
  /** Each time the painted frame changes. */
  onFrame?: (frame: number) => void;
  /** The proxy's own pixel size, once known. */
  onVideoSize?: (size: { width: number; height: number }) => void;
}

/** What a frame callback tells of the frame it presents. */
export interface VideoFrameMetadata {
  mediaTime: number;
}

/** A video element with requestVideoFrameCallback, where the browser has it. */
export type FrameCallbackVideo = HTMLVideoElement & {
  requestVideoFrameCallback?: (cb: (now: number, metadata: VideoFrameMetadata) => void) => number;
  cancelVideoFrameCallback?: (handle: number) => void;
};
