/**
 * J on the review player: browsers cannot play H.264 backward, so reverse steps back a frame at a
 * time on the clock (the frame for each moment from the seek engine), skipping frames when a seek
 * has not finished in time, so the speed holds; at frame 0 it stops.
 */
import { useEffect, type RefObject } from 'react';
import { secondInFrames } from './frame-clock.ts';
import { reverseFrame, type Motion } from './seek-engine.ts';

export interface ReverseControls {
  video: RefObject<HTMLVideoElement | null>;
  /** The frame the latest seek asked for. */
  target: RefObject<number | null>;
  seek: (n: number) => void;
  stop: () => void;
}

/** Runs the reverse shuttle while `motion` is reverse. */
export function useReverseShuttle(motion: Motion, rate: string, { video, target, seek, stop }: ReverseControls) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: the shuttle restarts only when the motion or rate changes; the controls are refs and stable callbacks
  useEffect(() => {
    if (motion.kind !== 'reverse') return;
    const fps = secondInFrames(rate);
    let raf = 0;
    const tick = () => {
      const v = video.current;
      const want = reverseFrame(motion, performance.now() - motion.since, fps);
      if (v && !v.seeking && want !== target.current) seek(want);
      if (want === 0) return stop();
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [motion]);
}
