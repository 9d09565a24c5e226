/** The one transport of takes compared: play or pause all, a frame either way, a scrub slider, the timecode and frame number. */
import { Button } from '../../shared/ui/button.tsx';
import { timecodeOf } from './timecode.ts';

export interface CompareTransportProps {
  frame: number;
  last: number;
  rate: string;
  timecodeMode: 'ndf' | 'df';
  playing: boolean;
  onToggle: () => void;
  onStep: (by: number) => void;
  onSeek: (frame: number) => void;
}

export function CompareTransport({ frame, last, rate, timecodeMode, playing, onToggle, onStep, onSeek }: CompareTransportProps) {
  return (
    <fieldset className="compare-transport fieldset-bare" aria-label="Playback">
      <Button small onClick={onToggle} aria-label={playing ? 'Pause all' : 'Play all'}>
        {playing ? '❚❚ Pause' : '▶ Play'}
      </Button>
      <Button small variant="ghost" onClick={() => onStep(-1)} aria-label="One frame earlier">
        ◀︎ 1
      </Button>
      <Button small variant="ghost" onClick={() => onStep(1)} aria-label="One frame later">
        1 ▶︎
      </Button>
      <input className="compare-scrub" type="range" min={0} max={last} step={1} value={frame} aria-label="Frame" onChange={(e) => onSeek(Number(e.target.value))} />
      {/* Read when asked for, not announced on every frame while the takes play. */}
      <output className="mono" aria-label="Timecode" aria-live="off">
        {timecodeOf(frame, rate, timecodeMode)}
      </output>
      <span className="faint mono small">
        frame {frame} of 0–{last}
      </span>
    </fieldset>
  );
}
