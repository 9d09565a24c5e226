/**
 * Following the presenter: the player on screen goes where the presenter's is and plays or pauses
 * with it, moved only when it has drifted more than a few frames; while the presenter plays, the
 * drift is checked once a second.
 */
import type { PresenterState } from '@backlot/contracts';
import { useEffect } from 'react';
import { fpsOf, mustResync, presenterFrameAt } from './follow.ts';

/** How far (frames) a playing follower may drift from the presenter before it is moved. */
const DRIFT_FRAMES = 6;

/** What following needs of a player. */
export interface FollowedPlayer {
  frame(): number;
  motion(): { playing: boolean };
  seekToFrame(frame: number): Promise<unknown>;
  play(rate: number): void;
}

export function useFollowPresenter(options: {
  /** Whether this browser follows someone else presenting. */
  following: boolean;
  presenter: PresenterState | null | undefined;
  /** The take on screen: its id and how many frames its proxy has. */
  take: { id: string; frames: number } | undefined;
  frameRate: string;
  player: (takeId: string) => FollowedPlayer | null | undefined;
}) {
  const { following, presenter, take, frameRate, player } = options;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the presenter's state is named by its seq; the players are refs
  useEffect(() => {
    if (!following || !presenter || !take) return;
    const fps = fpsOf(frameRate);
    const sync = () => {
      const p = player(take.id);
      if (!p) return;
      const target = { frame: presenterFrameAt(presenter, Date.now(), fps, take.frames), playing: presenter.playing };
      const local = { frame: p.frame(), playing: p.motion().playing };
      if (!mustResync(local, target, DRIFT_FRAMES)) return;
      void p.seekToFrame(target.frame).then(() => {
        if (presenter.playing && presenter.rate > 0) p.play(presenter.rate);
      });
    };
    sync();
    const check = presenter.playing ? setInterval(sync, 1000) : undefined;
    return () => clearInterval(check);
  }, [presenter?.seq, following, take?.id]);
}
