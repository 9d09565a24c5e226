/**
 * Following the presenter, as pure rules: which presenter state the room holds (a late answer
 * never overrides a newer one), whether this browser follows it or takes a private look, where
 * the presenter's playhead is now, and when a follower's player is far enough off to be moved.
 */
import type { PresenterState } from '@backlot/contracts';

export interface FollowState {
  /** The newest presenter state the room has heard of. */
  presenter: PresenterState | null;
  /** Following the presenter (true) or taking a private look (false). */
  following: boolean;
}

export type FollowAction =
  /** A presenter state arrived (the stream, the session's answer, or our own post's answer). */
  | { type: 'presented'; state: PresenterState | null }
  /** The attendee looks around privately: the presenter's moves no longer drive the player. */
  | { type: 'look' }
  /** Back to the presenter. */
  | { type: 'snap' };

export const FOLLOW_START: FollowState = { presenter: null, following: true };

export function followReducer(state: FollowState, action: FollowAction): FollowState {
  switch (action.type) {
    case 'presented': {
      const next = action.state;
      if (!next) return state;
      const now = state.presenter;
      // Another session's state, or one not newer than what we hold, changes nothing.
      if (now && now.sessionId === next.sessionId && next.seq <= now.seq) return state;
      return { ...state, presenter: next };
    }
    case 'look':
      return state.following ? { ...state, following: false } : state;
    case 'snap':
      return state.following ? state : { ...state, following: true };
  }
}

/**
 * The presenter's frame at `nowMs` (server-aligned ms): where they paused, or where their playhead
 * has got to since `at` at their rate and speed, clamped to the clip (0..frames-1 when known).
 */
export function presenterFrameAt(state: Pick<PresenterState, 'frame' | 'playing' | 'rate' | 'at'>, nowMs: number, fps: number, frames?: number): number {
  let frame = state.frame;
  if (state.playing) {
    const elapsed = Math.max(0, nowMs - Date.parse(state.at)) / 1000;
    frame = Math.round(state.frame + elapsed * fps * state.rate);
  }
  const last = frames !== undefined ? Math.max(0, frames - 1) : Number.POSITIVE_INFINITY;
  return Math.max(0, Math.min(last, frame));
}

/** Whether a follower's player must be moved: paused anywhere but the presenter's frame, or playing more than `tolerance` frames off. */
export function mustResync(local: { frame: number; playing: boolean }, target: { frame: number; playing: boolean }, tolerance: number): boolean {
  if (local.playing !== target.playing) return true;
  if (!target.playing) return local.frame !== target.frame;
  return Math.abs(local.frame - target.frame) > tolerance;
}

/** The take on screen for a presenter state: the version shown when one is, else the item's take. */
export function shownTakeId(state: Pick<PresenterState, 'takeId' | 'versionTakeId'>): string | null {
  return state.versionTakeId ?? state.takeId;
}

/** A project rate ("24000/1001", "24") as frames per second. */
export function fpsOf(rate: string): number {
  const [num, den] = rate.split('/').map(Number);
  return den ? num / den : num;
}

/** Today in UTC, `2026-03-01`. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
