/**
 * The review player's `<video>` events: a click on the picture plays or pauses (a drag does not),
 * the first seek once the metadata is in, a finished seek (the queued one next, a repaint after
 * overlapping seeks, the painted frame of a paused seek), and a pause after playing snapped to the
 * frame actually shown.
 */
import { useRef, type SyntheticEvent, type PointerEvent, type MouseEvent } from 'react';
import { frameAtTime } from './frame-clock.ts';
import type { FrameCallbackVideo } from './player-types.ts';
import { repaintTime } from './seek-engine.ts';
import type { PlayerEngine } from './use-player-engine.ts';

/** How far the pointer may move between press and release for a click on the picture to count as one. */
const DRAG_PX = 4;

export function useVideoEvents(engine: PlayerEngine, rate: string, startFrame: number, onVideoSize?: (size: { width: number; height: number }) => void, onOwnMove?: () => void) {
  const { video, motionRef, target, queued, overtook, early, snapping, paintedRef, stats, showPainted, seek, drainQueue, play, stop, move, rest } = engine;
  // Where the pointer went down on the picture, to tell a click from a drag.
  const pressedAt = useRef<[number, number] | null>(null);
  return {
    onPointerDown: (e: PointerEvent<HTMLVideoElement>) => {
      pressedAt.current = [e.clientX, e.clientY];
    },
    onClick: (e: MouseEvent<HTMLVideoElement>) => {
      // A click plays or pauses; a drag over the picture (a pen put down, say) does not.
      const from = pressedAt.current;
      pressedAt.current = null;
      if (from && Math.hypot(e.clientX - from[0], e.clientY - from[1]) > DRAG_PX) return;
      onOwnMove?.();
      if (motionRef.current.kind === 'paused') play(1);
      else stop();
    },
    onLoadedMetadata: (e: SyntheticEvent<HTMLVideoElement>) => {
      onVideoSize?.({ width: e.currentTarget.videoWidth, height: e.currentTarget.videoHeight });
      // Where a seek asked for while loading went (a follower told where the presenter is, say), else the start frame.
      const at = early.current ?? startFrame;
      early.current = null;
      seek(at);
    },
    onSeeked: (e: SyntheticEvent<HTMLVideoElement>) => {
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
      if (motionRef.current.kind === 'paused' && target.current !== null) rest(target.current);
    },
    onTimeUpdate: (e: SyntheticEvent<HTMLVideoElement>) => {
      if (!video.current?.requestVideoFrameCallback) showPainted(frameAtTime(e.currentTarget.currentTime, rate));
    },
    onPause: () => {
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
    },
  };
}
