/**
 * The frame-accurate review player: a take's proxy in a `<video>`, a timeline with in/out marks and
 * note markers, and the timecode of the frame actually painted — read from
 * `requestVideoFrameCallback`'s presentation time, never from `currentTime`, which runs ahead of
 * the picture while playing and sits anywhere inside a frame when paused. Every seek goes to the
 * middle of its frame (frame-clock.ts). Keys: J/K/L shuttle, space, ←/→ a frame, shift+←/→ a
 * second, I/O marks, R/M/S/A decisions, ↑/↓ other takes, F full screen. Tests read `data-frame`
 * and `data-timecode` on the player and, in the test build only (`vite build --mode test`), drive
 * `window.__backlotPlayer` (the same PlayerApi); the production build leaves it out.
 */
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { clampFrame, frameAtTime, frameOfMediaTime, secondInFrames, timecodeOf } from './frame-clock.ts';
import { PlayerBar } from './player-bar.tsx';
import { usePlayerKeys } from './player-keys.ts';
import type { PlayerApi, PlayerProps } from './player-types.ts';
import { useTestHook } from './player-test-hook.ts';
import { useReverseShuttle } from './reverse-shuttle.ts';
import { overlaps, playFrom, repaintTime, seekTime, shuttleSpeed, stepTarget, type Motion } from './seek-engine.ts';
import { PlayerTimeline } from './player-timeline.tsx';

export type { PlayerFilmstrip, PlayerMarks, PlayerNote } from './player-timeline.tsx';

export type { PlayerDecision } from './player-keys.ts';

export type { PlayerApi, PlayerProps } from './player-types.ts';

/** How far the pointer may move between press and release for a click on the picture to count as one. */
const DRAG_PX = 4;

interface VideoFrameMetadata {
  mediaTime: number;
}
type FrameCallbackVideo = HTMLVideoElement & {
  requestVideoFrameCallback?: (cb: (now: number, metadata: VideoFrameMetadata) => void) => number;
  cancelVideoFrameCallback?: (handle: number) => void;
};

export const Player = forwardRef<PlayerApi, PlayerProps>(function Player(props, ref) {
  const { src, poster, frames, rate, timecodeMode, label, marks, notes, filmstrip, startFrame = 0, onRest, onMark, onDecision, onStep, caption, overlay, onVideoSize } = props;
  const video = useRef<FrameCallbackVideo>(null);
  const figure = useRef<HTMLElement>(null);
  const [painted, setPainted] = useState<number | null>(null);
  const [motion, setMotion] = useState<Motion>({ kind: 'paused' });
  const paintedRef = useRef<number | null>(null);
  // The frame the latest seek asked for; null while playing forward.
  const target = useRef<number | null>(null);
  const lastSeekAt = useRef(0);
  // Between a pause after playback and the seek that snaps to the painted frame.
  const snapping = useRef(false);
  // A seek waiting for the one in flight to finish (see seek()).
  const queued = useRef(false);
  // Set when a seek overtook another: once the last one finishes, it is repeated at another point
  // of the same frame, which makes Chromium decode and paint that frame again (see onSeeked).
  const overtook = useRef(false);
  // Frame callbacks so far, and how many paused seeks were read from currentTime instead (see onSeeked).
  const stats = useRef({ callbacks: 0, stale: 0, confirmed: 0, fromSeeked: 0 });
  const motionRef = useRef<Motion>(motion);
  // Where the pointer went down on the picture, to tell a click from a drag.
  const pressedAt = useRef<[number, number] | null>(null);
  const move = (m: Motion) => {
    motionRef.current = m;
    setMotion(m);
  };
  const onRestRef = useRef(onRest);
  onRestRef.current = onRest;
  const onFrameRef = useRef(props.onFrame);
  onFrameRef.current = props.onFrame;
  const last = Math.max(0, frames - 1);

  const showPainted = (n: number) => {
    const at = clampFrame(n, frames);
    if (paintedRef.current === at) return;
    paintedRef.current = at;
    // Committed in the same task as the frame callback, so the timecode on screen changes with the
    // picture rather than whenever React next gets round to it.
    flushSync(() => setPainted(at));
    onFrameRef.current?.(at);
  };
  /** Where the playhead is for stepping: the frame asked for while a seek is in flight, else the painted one. */
  const here = () => target.current ?? paintedRef.current ?? frameAtTime(video.current?.currentTime ?? 0, rate);

  const seek = (n: number) => {
    const v = video.current;
    if (!v) return;
    const at = clampFrame(n, frames);
    target.current = at;
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
    if (motionRef.current.kind === 'reverse') onRestRef.current?.(here());
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

  // The painted frame, from each frame's presentation time; where the browser has no
  // requestVideoFrameCallback, from currentTime after each seek and while playing.
  useEffect(() => {
    const v = video.current;
    if (!v?.requestVideoFrameCallback) return;
    let handle = 0;
    const onFrame = (_now: number, meta: VideoFrameMetadata) => {
      stats.current.callbacks++;
      const at = frameOfMediaTime(meta.mediaTime, rate);
      // A late callback for a frame a finished paused seek has already replaced (see onSeeked).
      if (v.paused && !v.seeking && target.current !== null && at !== frameAtTime(v.currentTime, rate)) stats.current.stale++;
      else showPainted(at);
      handle = v.requestVideoFrameCallback!(onFrame);
    };
    handle = v.requestVideoFrameCallback(onFrame);
    return () => v.cancelVideoFrameCallback?.(handle);
  }, [rate, frames]);

  // J: browsers cannot play H.264 backward, so reverse steps back a frame at a time on the clock.
  useReverseShuttle(motion, rate, { video, target, seek, stop });

  const api: PlayerApi = {
    seekToFrame: (n) => {
      seekTo(n);
      return settled();
    },
    settled: () => settled(),
    frame: () => here(),
    pause: () => stop(),
    stats: () => ({ ...stats.current }),
  };
  /** Paused, no seek in flight, and the frame asked for painted (or half a second since, whatever shows). */
  function settled(): Promise<number> {
    return new Promise((resolve) => {
      const started = performance.now();
      const check = () => {
        const v = video.current;
        const idle = !!v && v.paused && !v.seeking && !queued.current && v.readyState >= 2 && motionRef.current.kind === 'paused' && !snapping.current;
        const shown = figure.current?.dataset.frame === String(paintedRef.current);
        const done = idle && shown && (target.current === null ? paintedRef.current !== null : paintedRef.current === target.current);
        const waited = performance.now() - Math.max(started, lastSeekAt.current);
        if (done || (idle && waited > 500) || performance.now() - started > 10_000) resolve(paintedRef.current ?? 0);
        else requestAnimationFrame(check);
      };
      // Past the current task, so the seek or pause just asked for has begun.
      setTimeout(check, 0);
    });
  }
  useImperativeHandle(ref, () => api);
  useTestHook(api);

  // Sprite fetched up front so the timeline's hover tile never waits.
  useEffect(() => {
    if (filmstrip?.url) new Image().src = filmstrip.url;
  }, [filmstrip?.url]);

  const second = secondInFrames(rate);
  const step = (by: number) => seekTo(stepTarget(here(), by, frames));
  const speedUp = (dir: 'forward' | 'reverse') => {
    const speed = shuttleSpeed(motionRef.current, dir);
    if (dir === 'forward') play(speed);
    else reverse(speed);
  };
  usePlayerKeys({
    second,
    playPause: () => (motionRef.current.kind === 'paused' ? play(1) : stop()),
    shuttle: speedUp,
    stop,
    step,
    mark: onMark && ((which) => onMark(which, here())),
    decide: onDecision,
    stepTake: onStep,
    fullScreen: () => void (document.fullscreenElement ? document.exitFullscreen() : figure.current?.requestFullscreen?.()),
  });

  const timecode = painted === null ? '' : timecodeOf(painted, rate, timecodeMode);
  const state = motion.kind === 'paused' ? 'paused' : motion.kind === 'forward' ? 'playing' : 'reverse';
  return (
    <figure ref={figure} className="player player-review" data-frame={painted ?? ''} data-timecode={timecode} data-state={state} data-frames={frames}>
      <div className="player-stage">
        <video
          ref={video}
          className="player-video"
          src={src}
          poster={poster}
          preload="auto"
          playsInline
          aria-label={label}
          onPointerDown={(e) => {
            pressedAt.current = [e.clientX, e.clientY];
          }}
          onClick={(e) => {
            // A click plays or pauses; a drag over the picture (a pen put down, say) does not.
            const from = pressedAt.current;
            pressedAt.current = null;
            if (from && Math.hypot(e.clientX - from[0], e.clientY - from[1]) > DRAG_PX) return;
            if (motionRef.current.kind === 'paused') play(1);
            else stop();
          }}
          onLoadedMetadata={(e) => {
            onVideoSize?.({ width: e.currentTarget.videoWidth, height: e.currentTarget.videoHeight });
            seek(startFrame);
          }}
          onSeeked={(e) => {
            const v = e.currentTarget as FrameCallbackVideo;
            if (queued.current) return drainQueue();
            // After overlapping seeks Chromium can leave an overtaken seek's frame on screen even
            // though the last seek (and a repeat of it to the same time) finished on the right one:
            // seeking again to a different point inside the asked frame makes it paint that frame.
            if (overtook.current && v.paused && motionRef.current.kind === 'paused' && target.current !== null) {
              overtook.current = false;
              v.currentTime = repaintTime(target.current, rate);
              return;
            }
            if (!v.requestVideoFrameCallback) showPainted(frameAtTime(v.currentTime, rate));
            else if (v.paused) {
              // Chromium (headless, software compositing, here) does not always call
              // requestVideoFrameCallback for a paused seek's frame, or calls it late for a frame
              // of an earlier seek that was overtaken. Once a paused seek has finished, the frame
              // on screen is the one it landed in (currentTime is the middle of it, as seek() set
              // it), so that is the painted frame; a callback that agrees only confirms it.
              const asked = target.current;
              requestAnimationFrame(() =>
                requestAnimationFrame(() => {
                  if (target.current !== asked || v.seeking || !v.paused) return;
                  const at = frameAtTime(v.currentTime, rate);
                  if (paintedRef.current === at) stats.current.confirmed++;
                  else {
                    stats.current.fromSeeked++;
                    showPainted(at);
                  }
                }),
              );
            }
            if (motionRef.current.kind === 'paused' && target.current !== null) onRestRef.current?.(target.current);
          }}
          onTimeUpdate={(e) => {
            if (!video.current?.requestVideoFrameCallback) showPainted(frameAtTime(e.currentTarget.currentTime, rate));
          }}
          onPause={() => {
            // Paused after playing (K, space, the end): snap to the frame actually shown, so the
            // next step counts from the picture on screen, not from wherever currentTime stopped.
            // Two animation frames first, so a frame presented as the pause landed is counted.
            if (target.current !== null) return;
            snapping.current = true;
            move({ kind: 'paused' });
            requestAnimationFrame(() =>
              requestAnimationFrame(() => {
                snapping.current = false;
                if (target.current === null && video.current?.paused) seek(paintedRef.current ?? frameAtTime(video.current.currentTime, rate));
              }),
            );
          }}
        />
        {overlay}
      </div>
      <PlayerTimeline frames={frames} frame={painted} rate={rate} timecodeMode={timecodeMode} marks={marks} notes={notes} filmstrip={filmstrip} label={label} onSeek={seekTo} />
      <PlayerBar
        frame={painted}
        last={last}
        rate={rate}
        timecodeMode={timecodeMode}
        motion={motion.kind === 'paused' ? undefined : { reverse: motion.kind === 'reverse', speed: motion.speed }}
        marks={marks}
        caption={caption}
        onStep={step}
        onPlayPause={() => (motion.kind === 'paused' ? play(1) : stop())}
        onGoTo={seekTo}
      />
    </figure>
  );
});
