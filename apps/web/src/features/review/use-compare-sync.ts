/**
 * Takes compared play as one: their videos kept in sync (video-sync.ts), the frame shown (the
 * first video's), whether they play, a seek to a frame shown at once, and the keys for it (space,
 * ←/→ a frame, shift a second, W to wipe).
 */
import { useEffect, useRef, useState } from 'react';
import { useShortcuts } from '../../shared/shortcuts/shortcuts.tsx';
import { frameOfTime, timeOfFrame } from './timecode.ts';
import { syncVideos, type SyncGroup } from './video-sync.ts';

export interface CompareSyncOptions {
  rate: string;
  /** The last frame of the longest take. */
  last: number;
  /** Side by side ↔ wipe mounts new videos, which are put on the frame shown. */
  layout: 'side' | 'wipe';
  /** Whatever, when it changes, means new videos (the takes compared). */
  takes: unknown;
  /** W toggles the wipe, when there is one to toggle. */
  onToggleWipe?: () => void;
}

export function useCompareSync({ rate, last, layout, takes, onToggleWipe }: CompareSyncOptions) {
  const refs = useRef<(HTMLVideoElement | null)[]>([]);
  const group = useRef<SyncGroup | undefined>(undefined);
  const [frame, setFrame] = useState(0);
  // The frame to put new videos on when the layout changes (side by side ↔ wipe mounts new ones).
  const frameRef = useRef(0);
  frameRef.current = frame;
  const [playing, setPlaying] = useState(false);

  useEffect(() => {
    const videos = refs.current.filter((v): v is HTMLVideoElement => !!v);
    if (!videos.length) return;
    const g = syncVideos(videos, rate);
    group.current = g;
    if (frameRef.current > 0) g.seek(timeOfFrame(frameRef.current, rate));
    const leader = videos[0];
    const show = () => !leader.seeking && setFrame(Math.min(last, frameOfTime(leader.currentTime, rate)));
    const onPlay = () => setPlaying(true);
    const onPause = () => setPlaying(false);
    leader.addEventListener('timeupdate', show);
    leader.addEventListener('seeked', show);
    leader.addEventListener('play', onPlay);
    leader.addEventListener('pause', onPause);
    return () => {
      g.stop();
      leader.removeEventListener('timeupdate', show);
      leader.removeEventListener('seeked', show);
      leader.removeEventListener('play', onPlay);
      leader.removeEventListener('pause', onPause);
    };
  }, [rate, last, layout, takes]);

  // The frame asked for shows at once, so quick steps count from it and not from the last seek to land.
  const seekFrame = (n: number) => {
    const to = Math.min(last, Math.max(0, n));
    frameRef.current = to;
    setFrame(to);
    group.current?.pause();
    group.current?.seek(timeOfFrame(to, rate));
  };
  const toggle = () => group.current?.toggle();
  const second = Math.round(Number(rate.split('/')[0]) / Number(rate.split('/')[1] ?? 1));
  useShortcuts([
    { keys: [' '], label: 'Space', help: 'Play or pause every take', run: toggle },
    { keys: ['ArrowRight'], label: '→ / Shift+→', help: 'One frame (a second with Shift) later', run: (e) => seekFrame(frameRef.current + (e.shiftKey ? second : 1)) },
    { keys: ['ArrowLeft'], label: '← / Shift+←', help: 'One frame (a second with Shift) earlier', run: (e) => seekFrame(frameRef.current - (e.shiftKey ? second : 1)) },
    ...(onToggleWipe ? [{ keys: ['w', 'W'], label: 'W', help: 'Wipe or side by side', run: onToggleWipe }] : []),
  ]);

  return { refs, frame, playing, toggle, seekFrame, step: (by: number) => seekFrame(frameRef.current + by) };
}
