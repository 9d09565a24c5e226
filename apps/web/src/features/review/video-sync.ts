/**
 * Several videos played as one: the first leads; play, pause and seek go to all; while playing,
 * each follower is put back on the leader's time when it drifts more than half a frame.
 */
import { rateParts } from '../../shared/lib/format.ts';

export interface SyncGroup {
  play: () => Promise<void>;
  pause: () => void;
  toggle: () => void;
  /** Seek every video to a time in seconds (each within its own length). */
  seek: (seconds: number) => void;
  /** Stops listening to the leader. */
  stop: () => void;
}

/** Half a frame at the project's rate: the drift a follower may have before it is sought back. */
export function halfFrame(rate: string): number {
  const { num, den } = rateParts(rate);
  return den / num / 2;
}

const within = (v: HTMLVideoElement, t: number) => (Number.isFinite(v.duration) ? Math.min(t, Math.max(0, v.duration - 0.001)) : t);

export function syncVideos(videos: HTMLVideoElement[], rate: string): SyncGroup {
  const [leader, ...followers] = videos;
  const tolerance = halfFrame(rate);
  const align = () => {
    for (const v of followers) {
      const target = within(v, leader.currentTime);
      if (Math.abs(v.currentTime - target) > tolerance) v.currentTime = target;
    }
  };
  const onPlay = () => followers.forEach((v) => v.paused && void v.play().catch(() => {}));
  const onPause = () => {
    followers.forEach((v) => v.pause());
    align();
  };
  leader.addEventListener('timeupdate', align);
  leader.addEventListener('seeked', align);
  leader.addEventListener('play', onPlay);
  leader.addEventListener('pause', onPause);
  const group: SyncGroup = {
    play: async () => {
      align();
      await Promise.all(videos.map((v) => v.play().catch(() => {})));
    },
    pause: () => {
      videos.forEach((v) => v.pause());
      align();
    },
    toggle: () => (leader.paused ? void group.play() : group.pause()),
    seek: (seconds) => videos.forEach((v) => (v.currentTime = within(v, seconds))),
    stop: () => {
      leader.removeEventListener('timeupdate', align);
      leader.removeEventListener('seeked', align);
      leader.removeEventListener('play', onPlay);
      leader.removeEventListener('pause', onPause);
    },
  };
  return group;
}
