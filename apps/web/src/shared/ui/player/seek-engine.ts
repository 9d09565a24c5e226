/**
 * The player's seek engine, pure: which frame a key press, a step, a scrub along the timeline or
 * the reverse shuttle's clock asks for, how the shuttle's speed changes, and the times a seek sets.
 * The player (player.tsx) only carries these out on the <video>; nothing here touches the page.
 */
import { clampFrame, parseRate, seekTimeOf, type Rate } from './frame-clock.ts';

/** How the player is moving: paused, playing forward, or stepping backward on the clock (J). */
export type Motion = { kind: 'paused' } | { kind: 'forward'; speed: number } | { kind: 'reverse'; speed: number; from: number; since: number };

/** The fastest shuttle speed, in either direction. */
export const MAX_SPEED = 8;
/** A seek this soon after the last one may overlap it inside the browser. */
export const OVERLAP_MS = 300;

/** The frame a step of `by` frames from `here` lands on, kept inside a clip of `frames`. */
export function stepTarget(here: number, by: number, frames: number): number {
  return clampFrame(here + by, frames);
}

/** Frames an arrow key steps: one, or a second's worth with shift; ← backward, → forward. */
export function arrowStep(key: 'ArrowLeft' | 'ArrowRight', shift: boolean, second: number): number {
  const size = shift ? second : 1;
  return key === 'ArrowLeft' ? -size : size;
}

/** L or J pressed: the same direction again doubles the speed (up to MAX_SPEED), otherwise it starts at 1. */
export function shuttleSpeed(motion: Motion, direction: 'forward' | 'reverse'): number {
  return motion.kind === direction ? Math.min(MAX_SPEED, motion.speed * 2) : 1;
}

/** Where forward play must seek first: back to the start when the playhead is on the last frame; null to play on from where it is. */
export function playFrom(here: number, frames: number): number | null {
  return here >= Math.max(0, frames - 1) ? 0 : null;
}

/** The frame the reverse shuttle shows `elapsedMs` after it started at `from`: back at fps × speed, never before frame 0. */
export function reverseFrame(motion: { from: number; speed: number }, elapsedMs: number, fps: number): number {
  return Math.max(0, motion.from - Math.floor((elapsedMs / 1000) * (fps || 24) * motion.speed));
}

/** The frame under the pointer on a timeline `width` wide (x from its left edge), clamped to the clip. */
export function frameAtPointer(x: number, width: number, frames: number): number {
  const inside = Math.min(width, Math.max(0, x));
  return Math.min(Math.max(0, frames - 1), Math.floor((inside / Math.max(1, width)) * frames));
}

/** Whether a seek at `now` follows the last one (at `lastSeekAt`) closely enough to overlap it. */
export function overlaps(now: number, lastSeekAt: number): boolean {
  return now - lastSeekAt < OVERLAP_MS;
}

/** The time a seek to frame n sets: the middle of the frame. */
export function seekTime(n: number, frames: number, rate: string | Rate): number {
  return seekTimeOf(clampFrame(n, frames), rate);
}

/**
 * A second point inside frame n (a quarter into it, apart from the middle a seek uses): seeking
 * there after overlapping seeks makes the browser decode and paint frame n again.
 */
export function repaintTime(n: number, rate: string | Rate): number {
  const { num, den } = parseRate(rate);
  return ((n + 0.25) * den) / num;
}
