/**
 * The review movie's layout maths and slate words: where a take's picture sits in the movie's
 * frame (fitted whole, never stretched, letterboxed or pillarboxed), how long a slate lasts on the
 * project's grid, and what a slate says. Pure; the ffmpeg graph is built in review-movie.plan.ts.
 */
import type { ReviewState } from '@backlot/contracts';

/** A width and height in pixels. */
export interface Size {
  width: number;
  height: number;
}

/** A picture's place inside the frame: its scaled size and its top-left corner. */
export interface Placement extends Size {
  x: number;
  y: number;
}

/** The nearest even number, at least 2 (4:2:0 pictures need even sides). */
const even = (n: number) => Math.max(2, 2 * Math.round(n / 2));

/**
 * Where a `source` picture (its display size: square pixels, upright) goes inside a `frame`: as
 * large as fits whole, its shape kept, centred; bars fill the rest (letterbox above and below a
 * wider picture, pillarbox beside a taller one). Sides and corners are even, so 4:2:0 holds.
 */
export function fitInside(source: Size, frame: Size): Placement {
  const scale = Math.min(frame.width / source.width, frame.height / source.height);
  const width = Math.min(frame.width, even(source.width * scale));
  const height = Math.min(frame.height, even(source.height * scale));
  return { width, height, x: 2 * Math.floor((frame.width - width) / 4), y: 2 * Math.floor((frame.height - height) / 4) };
}

/** How many frames of the project's rate a slate of `seconds` lasts, to the nearest frame (at least one). */
export function slateFrames(seconds: number, fpsNum: number, fpsDen: number): number {
  return Math.max(1, Math.round((seconds * fpsNum) / fpsDen));
}

/** One take of the review movie as its slate names it. */
export interface SlateTake {
  /** The shot's code, e.g. 'SC012_SH030'. */
  shot: string;
  /** The take's code, e.g. 'TK004'. */
  take: string;
  /** The take's decision. */
  decision: ReviewState;
}

/** The words on one slate, line by line. */
export interface SlateWords {
  /** Small, at the top: the movie's title (e.g. the session's name and date); may be empty. */
  title: string;
  shot: string;
  take: string;
  /** The decision in capitals ('APPROVED'), or 'NO DECISION' for an unreviewed take. */
  decision: string;
  /** Small, at the bottom: where this take is in the playlist, '2 / 5'. */
  position: string;
}

const DECISION_WORDS: Record<ReviewState, string> = {
  unreviewed: 'NO DECISION',
  rejected: 'REJECTED',
  maybe: 'MAYBE',
  selected: 'SELECTED',
  approved: 'APPROVED',
};

/** The slate's colour for each decision, in ffmpeg's 0xRRGGBB: the review colours a producer knows. */
export const DECISION_COLOURS: Record<ReviewState, string> = {
  unreviewed: '0xb4b8bf',
  rejected: '0xff6b61',
  maybe: '0xffc24d',
  selected: '0x9ec5ff',
  approved: '0x6fdc8c',
};

/** What the slate of the take at `index` (0-based) of `count` says. */
export function slateWords(take: SlateTake, index: number, count: number, title = ''): SlateWords {
  return {
    title: title.replace(/\s+/g, ' ').trim(),
    shot: take.shot.trim(),
    take: take.take.trim(),
    decision: DECISION_WORDS[take.decision],
    position: `${index + 1} / ${count}`,
  };
}
