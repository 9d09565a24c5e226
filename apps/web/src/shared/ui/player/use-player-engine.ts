/**
 * The player's motion and seeks over its `<video>`: one seek at a time, each to the middle of its
 * frame (the seek engine says which frame each step, scrub and shuttle tick asks for), play,
 * pause, the J shuttle, and when the picture has settled. The video's own events, which finish
 * seeks and snap a pause to the painted frame, are in video-events.ts.
 */
import { useRef, useState, type RefObject } from 'react';
import { clampFrame, frameAtTime } from './frame-clock.ts';
import type { FrameCallbackVideo, PlayerApi } from './player-types.ts';
import { useReverseShuttle } from './reverse-shuttle.ts';
import { overlaps, playFrom, seekTime, shuttleSpeed, stepTarget, type Motion } from './seek-engine.ts';
import { usePaintedFrame, type PaintedFrame } from './use-painted-frame.ts';
import { whenSettled } from './when-settled.ts';

export interface PlayerEngine extends PaintedFrame {
  video: RefObject<FrameCallbackVideo | null>;
  figure: RefObject<HTMLElement | null>;
  motion: Motion;
  motionRef: RefObject<Motion>;
  /** The frame the latest seek asked for; null while playing forward. */
  target: RefObject<number | null>;
  /** Between a pause after playback and the seek that snaps to the painted frame. */
  snapping: RefObject<boolean>;
  /** A seek waiting for the one in flight to finish (see seek()). */
  queued: RefObject<boolean>;
  /** Set when a seek overtook another: once the last one finishes, it is repeated at another point of the same frame (see onSeeked). */
  overtook: RefObject<boolean>;
  /** A seek asked for before the video's metadata was in: where it opens instead of its start frame (see onLoadedMetadata). */
  early: RefObject<number | null>;
  move: (m: Motion) => void;
  /** Where the playhead is for stepping: the frame asked for while a seek is in flight, else the painted one. */
  here: () => number;
  seek: (n: number) => void;
  drainQueue: () => void;
  stop: () => void;
  play: (speed: number) => void;
  seekTo: (n: number) => void;
  step: (by: number) => void;
  speedUp: (dir: 'forward' | 'reverse') => void;
  /** The frame the playhead rests on after a pause or a seek. */
  rest: (frame: number) => void;
  api: PlayerApi;
}

export function usePlayerEngine(
  frames: number,
  rate: string,
  onRest?: (frame: number) => void,
  onFrame?: (frame: number) => void,
  onMotion?: (motion: { playing: boolean; speed: number }) => void,
): PlayerEngine {
  const video = useRef<FrameCallbackVideo>(null);
  const figure = useRef<HTMLElement>(null);
  const target = useRef<number | null>(null);
  const painted = usePaintedFrame(video, target, frames, rate, onFrame);
  const { paintedRef } = painted;
  const [motion, setMotion] = useState<Motion>({ kind: 'paused' });
  const motionRef = useRef<Motion>(motion);
  const lastSeekAt = useRef(0);
  const snapping = useRef(false);
  const queued = useRef(false);
  const overtook = useRef(false);
  const early = useRef<number | null>(null);
  const onRestRef = useRef(onRest);
  onRestRef.current = onRest;
  const rest = (frame: number) => onRestRef.current?.(frame);
  const onMotionRef = useRef(onMotion);
  onMotionRef.current = onMotion;
  const move = (m: Motion) => {
    const was = motionRef.current;
    motionRef.current = m;
    setMotion(m);
    if (was.kind !== m.kind || speedOf(was) !== speedOf(m)) onMotionRef.current?.(motionOf(m));
  };
  const here = () => target.current ?? paintedRef.current ?? frameAtTime(video.current?.currentTime ?? 0, rate);

  const seek = (n: number) => {
    const v = video.current;
    if (!v) return;
    const at = clampFrame(n, frames);
    target.current = at;
    // Before the metadata is in, Chromium keeps currentTime only as a start position and the
    // player's own first seek (to its start frame) would replace it: remember it instead.
    if (v.readyState === HTMLMediaElement.HAVE_NOTHING) {
      early.current = at;
      return;
    }
    // A seek on the heels of another (quick steps) may overlap it inside Chromium even when the
    // first has reported no 'seeking' yet: treat it as overtaking, so the last is confirmed.
    if (overlaps(performance.now(), lastSeekAt.current)) overtook.current = true;
    lastSeekAt.current = performance.now();
    // One seek at a time: a seek asked for while another is in flight waits until that one has
    // finished and painted. Given overlapping seeks (← ← quickly), or a seek right on the heels of
    // another's 'seeked', Chromium sometimes paints the earlier seek's frame last, after the frame
    // callback and 'seeked' of the later one, and leaves it on screen.
    if (v.seeking || queued.current) {
      queued.current = true;
      overtook.current = true;
    } else v.currentTime = seekTime(at, frames, rate);
  };
  /** The queued seek, two animation frames after the one before it finished (its frame painted by then). */
  const drainQueue = () =>
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        const v = video.current;
        queued.current = false;
        if (v && target.current !== null) v.currentTime = seekTime(target.current, frames, rate);
      }),
    );

  const stop = () => {
    const v = video.current;
    if (motionRef.current.kind === 'reverse') rest(here());
    move({ kind: 'paused' });
    if (v && !v.paused) {
      if (target.current === null) snapping.current = true;
      v.pause();
    }
  };
  const play = (speed: number) => {
    const v = video.current;
    if (!v) return;
    const start = playFrom(here(), frames);
    if (start !== null) seek(start);
    target.current = null;
    queued.current = false;
    v.playbackRate = speed;
    move({ kind: 'forward', speed });
    void v.play().catch(() => move({ kind: 'paused' }));
  };
  const reverse = (speed: number) => {
    const v = video.current;
    if (!v) return;
    const from = here();
    if (!v.paused) v.pause();
    target.current = from;
    move({ kind: 'reverse', speed, from, since: performance.now() });
  };
  const seekTo = (n: number) => {
    if (motionRef.current.kind !== 'paused') stop();
    seek(n);
  };

  // J: browsers cannot play H.264 backward, so reverse steps back a frame at a time on the clock.
  useReverseShuttle(motion, rate, { video, target, seek, stop });

  const settled = () => whenSettled({ video, figure, target, queued, snapping, motionRef, paintedRef, lastSeekAt });
  const api: PlayerApi = {
    seekToFrame: (n) => {
      seekTo(n);
      return settled();
    },
    settled,
    frame: () => here(),
    pause: () => stop(),
    play: (speed = 1) => play(speed),
    motion: () => motionOf(motionRef.current),
    stats: () => ({ ...painted.stats.current }),
  };

  const step = (by: number) => seekTo(stepTarget(here(), by, frames));
  const speedUp = (dir: 'forward' | 'reverse') => {
    const speed = shuttleSpeed(motionRef.current, dir);
    if (dir === 'forward') play(speed);
    else reverse(speed);
  };
  return { ...painted, video, figure, motion, motionRef, target, snapping, queued, overtook, early, move, here, seek, drainQueue, stop, play, seekTo, step, speedUp, rest, api };
}

function speedOf(m: Motion): number {
  return m.kind === 'paused' ? 0 : m.kind === 'forward' ? m.speed : -m.speed;
}

/** A motion as a page reads it: playing or not, and the speed (negative backwards). */
function motionOf(m: Motion): { playing: boolean; speed: number } {
  return { playing: m.kind !== 'paused', speed: m.kind === 'paused' ? 1 : speedOf(m) };
}
