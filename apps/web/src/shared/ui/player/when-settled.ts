/** When the review player has settled: paused, no seek in flight, and the frame asked for painted. */
import type { RefObject } from 'react';
import type { Motion } from './seek-engine.ts';

export interface SettleRefs {
  video: RefObject<HTMLVideoElement | null>;
  figure: RefObject<HTMLElement | null>;
  target: RefObject<number | null>;
  queued: RefObject<boolean>;
  snapping: RefObject<boolean>;
  motionRef: RefObject<Motion>;
  paintedRef: RefObject<number | null>;
  lastSeekAt: RefObject<number>;
}

/** Resolves with the painted frame once settled (or half a second after the last seek, whatever shows; ten seconds at most). */
export function whenSettled({ video, figure, target, queued, snapping, motionRef, paintedRef, lastSeekAt }: SettleRefs): Promise<number> {
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
