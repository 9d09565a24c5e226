/** The bar under the player's timeline: frame buttons, the painted frame's timecode (monospace), speed, marks, the take's facts and a go-to field. */
import { useState, type ReactNode } from 'react';
import { parseFramePosition, timecodeOf, type TimecodeMode } from './frame-clock.ts';
import type { PlayerMarks } from './player-timeline.tsx';

interface PlayerBarProps {
  /** The painted frame; null before the first one. */
  frame: number | null;
  last: number;
  rate: string;
  timecodeMode: TimecodeMode;
  /** Set while playing (forward or backward). */
  motion?: { reverse: boolean; speed: number };
  marks?: PlayerMarks;
  caption?: ReactNode;
  onStep: (by: number) => void;
  onPlayPause: () => void;
  onGoTo: (frame: number) => void;
}

// Buttons keep the focus where it was, so space and the arrows stay the player's keys after a click.
const keepFocus = (e: { preventDefault: () => void }) => e.preventDefault();

export function PlayerBar({ frame, last, rate, timecodeMode, motion, marks, caption, onStep, onPlayPause, onGoTo }: PlayerBarProps) {
  const [typed, setTyped] = useState('');
  const tc = (n: number | null) => (n === null ? '—' : timecodeOf(n, rate, timecodeMode));
  return (
    <figcaption className="player-bar">
      <button type="button" className="player-button" onMouseDown={keepFocus} onClick={() => onStep(-1)} aria-label="One frame earlier" title="One frame earlier (←)">
        ◀︎|
      </button>
      <button type="button" className="player-button" onMouseDown={keepFocus} onClick={onPlayPause} aria-label={motion ? 'Pause' : 'Play'} title="Play or pause (space)">
        {motion ? '❚❚' : '▶︎'}
      </button>
      <button type="button" className="player-button" onMouseDown={keepFocus} onClick={() => onStep(1)} aria-label="One frame later" title="One frame later (→)">
        |▶︎
      </button>
      {/* The timecode and frame are read when asked for, not announced on every frame while the take plays. */}
      <output className="player-timecode mono" aria-label="Timecode" aria-live="off" title={`Frame ${frame ?? '—'} of 0–${last}`}>
        {frame === null ? '--:--:--:--' : tc(frame)}
      </output>
      <output className="mono player-frame" aria-label="Frame" aria-live="off">
        {frame ?? '—'}
      </output>
      <span className="faint mono">/ {last}</span>
      {motion && (
        <span className="mono player-speed">
          {motion.reverse ? '◀︎' : '▶︎'} {motion.speed}×
        </span>
      )}
      {marks && (marks.in !== null || marks.out !== null) && (
        <span className="mono player-marks">
          In {tc(marks.in)} · Out {tc(marks.out)}
        </span>
      )}
      {caption}
      <form
        className="player-goto"
        onSubmit={(e) => {
          e.preventDefault();
          const n = parseFramePosition(typed, rate, timecodeMode);
          if (n === null) return;
          onGoTo(n);
          setTyped('');
          (document.activeElement as HTMLElement | null)?.blur();
        }}
      >
        <input className="mono" value={typed} onChange={(e) => setTyped(e.target.value)} placeholder="Go to frame or TC" aria-label="Go to frame or timecode" size={14} />
      </form>
    </figcaption>
  );
}
