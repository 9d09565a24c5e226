/**
 * The take's player: the frame-accurate review player (ui/player) on the take's proxy, which runs
 * at the project's rate, with the take's facts in its bar (size, rate, codec) and its filmstrip
 * for hover-scrub on the timeline.
 */
import type { TakeMedia } from '@backlot/contracts';
import { forwardRef } from 'react';
import { rateLabel, rateParts } from '../../shared/lib/format.ts';
import { Player, type PlayerApi, type PlayerDecision, type PlayerMarks, type PlayerNote, type PlayerProps } from '../../shared/ui/player/player.tsx';

/** What the page can ask of the player (frame under the playhead, pause, seek). */
export type PlayerHandle = PlayerApi;

/** round(seconds × rate): the frame a time falls on. */
export function frameAt(seconds: number, rate: string): number {
  const { num, den } = rateParts(rate);
  return Math.max(0, Math.round((seconds * num) / den));
}

export interface TakePlayerProps {
  media: TakeMedia;
  rate: string;
  timecodeMode?: 'ndf' | 'df';
  label: string;
  /** The frame to open on (from the page's address). */
  startFrame?: number;
  /** The frame the playhead rests on after a pause or a seek, so the address can keep it. */
  onRest?: (frame: number) => void;
  marks?: PlayerMarks;
  notes?: PlayerNote[];
  onMark?: (which: 'in' | 'out', frame: number) => void;
  onDecision?: (state: PlayerDecision) => void;
  onStep?: (by: -1 | 1) => void;
  overlay?: PlayerProps['overlay'];
  onFrame?: PlayerProps['onFrame'];
  onMotion?: PlayerProps['onMotion'];
  onOwnMove?: PlayerProps['onOwnMove'];
  inactive?: boolean;
  onVideoSize?: PlayerProps['onVideoSize'];
}

export const TakePlayer = forwardRef<PlayerHandle, TakePlayerProps>(function TakePlayer({ media, rate, timecodeMode = 'ndf', label, ...rest }, ref) {
  return (
    <Player
      ref={ref}
      src={media.proxy}
      poster={media.poster}
      frames={media.proxyFrames}
      rate={rate}
      timecodeMode={timecodeMode}
      label={label}
      filmstrip={media.filmstrip}
      {...rest}
      caption={
        <>
          <span className="mono">
            {media.width}×{media.height}
          </span>
          <span className="faint">·</span>
          <span className="mono" title="The original's rate; the proxy runs at the project's">
            {rateLabel(media.frameRate)}
          </span>
          {media.videoCodec && (
            <>
              <span className="faint">·</span>
              <span className="mono">{media.videoCodec}</span>
            </>
          )}
        </>
      }
    />
  );
});
