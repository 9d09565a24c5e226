/**
 * The frame actually painted, from each frame's presentation time (requestVideoFrameCallback),
 * never from `currentTime`; where the browser has no frame callback, the player's video events
 * report it from currentTime instead (see video-events.ts).
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import { clampFrame, frameAtTime, frameOfMediaTime } from './frame-clock.ts';
import type { FrameCallbackVideo, PlayerApi, VideoFrameMetadata } from './player-types.ts';

export type PlayerStats = ReturnType<PlayerApi['stats']>;

export interface PaintedFrame {
  /** The painted frame, for rendering. */
  painted: number | null;
  /** The painted frame now, for handlers. */
  paintedRef: RefObject<number | null>;
  /** Frame callbacks so far, and how many paused seeks were read from currentTime instead (see onSeeked). */
  stats: RefObject<PlayerStats>;
  /** Shows frame n as painted (and tells onFrame), at once. */
  showPainted: (n: number) => void;
}

export function usePaintedFrame(video: RefObject<FrameCallbackVideo | null>, target: RefObject<number | null>, frames: number, rate: string, onFrame?: (frame: number) => void): PaintedFrame {
  const [painted, setPainted] = useState<number | null>(null);
  const paintedRef = useRef<number | null>(null);
  const stats = useRef<PlayerStats>({ callbacks: 0, stale: 0, confirmed: 0, fromSeeked: 0 });
  const onFrameRef = useRef(onFrame);
  onFrameRef.current = onFrame;

  const showPainted = (n: number) => {
    const at = clampFrame(n, frames);
    if (paintedRef.current === at) return;
    paintedRef.current = at;
    // Committed in the same task as the frame callback, so the timecode on screen changes with the
    // picture rather than whenever React next gets round to it.
    flushSync(() => setPainted(at));
    onFrameRef.current?.(at);
  };

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

  return { painted, paintedRef, stats, showPainted };
}
