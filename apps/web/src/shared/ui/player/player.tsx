/**
 * The frame-accurate review player: a take's proxy in a `<video>`, a timeline with in/out marks and
 * note markers, and the timecode of the frame actually painted — read from
 * `requestVideoFrameCallback`'s presentation time, never from `currentTime`, which runs ahead of
 * the picture while playing and sits anywhere inside a frame when paused. Every seek goes to the
 * middle of its frame (frame-clock.ts). Keys: J/K/L shuttle, space, ←/→ a frame, shift+←/→ a
 * second, I/O marks, R/M/S/A decisions, ↑/↓ other takes, F full screen. Tests read `data-frame`
 * and `data-timecode` on the player and, in the test build only (`vite build --mode test`), drive
 * `window.__backlotPlayer` (the same PlayerApi); the production build leaves it out.
 *
 * This file composes the pieces: the painted frame (use-painted-frame.ts), seeks and motion
 * (use-player-engine.ts, over the pure seek-engine.ts), the video's events (video-events.ts), the
 * keys (player-keys.ts), the timeline and the bar under the picture.
 */
import { forwardRef, useEffect, useImperativeHandle } from 'react';
import { secondInFrames, timecodeOf } from './frame-clock.ts';
import { PlayerBar } from './player-bar.tsx';
import { usePlayerKeys } from './player-keys.ts';
import { useTestHook } from './player-test-hook.ts';
import { PlayerTimeline } from './player-timeline.tsx';
import type { PlayerApi, PlayerProps } from './player-types.ts';
import { usePlayerEngine } from './use-player-engine.ts';
import { useVideoEvents } from './video-events.ts';

export type { PlayerFilmstrip, PlayerMarks, PlayerNote } from './player-timeline.tsx';

export type { PlayerDecision } from './player-keys.ts';

export type { PlayerApi, PlayerProps } from './player-types.ts';

export const Player = forwardRef<PlayerApi, PlayerProps>(function Player(props, ref) {
  const { src, poster, frames, rate, timecodeMode, label, marks, notes, filmstrip, startFrame = 0, onRest, onMark, onDecision, onStep, caption, overlay, onVideoSize } = props;
  const engine = usePlayerEngine(frames, rate, onRest, props.onFrame, props.onMotion);
  const { video, figure, painted, motion, motionRef, api, here } = engine;
  useImperativeHandle(ref, () => api);
  // The viewer's own moves are told of first (onOwnMove); the API's are not.
  const own =
    <A extends unknown[]>(move: (...args: A) => void) =>
    (...args: A) => {
      props.onOwnMove?.();
      move(...args);
    };
  const play = own(engine.play);
  const stop = own(engine.stop);
  const step = own(engine.step);
  const seekTo = own(engine.seekTo);
  const speedUp = own(engine.speedUp);
  useTestHook(api, props.inactive);

  // Sprite fetched up front so the timeline's hover tile never waits.
  useEffect(() => {
    if (filmstrip?.url) new Image().src = filmstrip.url;
  }, [filmstrip?.url]);

  usePlayerKeys({
    second: secondInFrames(rate),
    playPause: () => (motionRef.current.kind === 'paused' ? play(1) : stop()),
    shuttle: speedUp,
    stop,
    step,
    mark: onMark && ((which) => onMark(which, here())),
    decide: onDecision,
    stepTake: onStep,
    inactive: props.inactive,
    fullScreen: () => void (document.fullscreenElement ? document.exitFullscreen() : figure.current?.requestFullscreen?.()),
  });
  const videoEvents = useVideoEvents(engine, rate, startFrame, onVideoSize, props.onOwnMove);

  const timecode = painted === null ? '' : timecodeOf(painted, rate, timecodeMode);
  const state = motion.kind === 'paused' ? 'paused' : motion.kind === 'forward' ? 'playing' : 'reverse';
  return (
    <figure ref={figure} className="player player-review" data-frame={painted ?? ''} data-timecode={timecode} data-state={state} data-frames={frames}>
      <div className="player-stage">
        <video ref={video} className="player-video" src={src} poster={poster} preload="auto" playsInline aria-label={label} {...videoEvents} />
        {overlay}
      </div>
      <PlayerTimeline frames={frames} frame={painted} rate={rate} timecodeMode={timecodeMode} marks={marks} notes={notes} filmstrip={filmstrip} label={label} onSeek={seekTo} />
      <PlayerBar
        frame={painted}
        last={Math.max(0, frames - 1)}
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
