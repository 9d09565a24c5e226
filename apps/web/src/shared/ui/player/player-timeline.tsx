/**
 * The player's timeline: the playhead on the painted frame, the in/out range, note markers, and a
 * filmstrip tile under the pointer while hovering (from the sprite already fetched, so hovering
 * never waits on the network). Dragging along it seeks frame by frame.
 */
import { useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { timecodeOf, type TimecodeMode } from './frame-clock.ts';
import { frameAtPointer } from './seek-engine.ts';

/** A note pinned to a frame (or a range), drawn as a marker on the timeline. */
export interface PlayerNote {
  id: string;
  frame: number;
  frameEnd?: number | null;
  /** What the marker says on hover, e.g. the note's first line. */
  label: string;
}

/** In and out marks on the project's grid (out inclusive); null when not set. */
export interface PlayerMarks {
  in: number | null;
  out: number | null;
}

/** A filmstrip sprite: tiles in rows of `columns`, each showing frame `frameNumbers[i]`. */
export interface PlayerFilmstrip {
  url: string;
  columns: number;
  tileWidth: number;
  tileHeight: number;
  frameNumbers: number[];
}

interface TimelineProps {
  frames: number;
  frame: number | null;
  rate: string;
  timecodeMode: TimecodeMode;
  marks?: PlayerMarks;
  notes?: PlayerNote[];
  filmstrip?: PlayerFilmstrip;
  label: string;
  onSeek: (frame: number) => void;
}

export function PlayerTimeline({ frames, frame, rate, timecodeMode, marks, notes = [], filmstrip, label, onSeek }: TimelineProps) {
  const bar = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<{ frame: number; x: number }>();
  const last = Math.max(0, frames - 1);
  // A frame's centre along the bar, so frame 0 and the last frame both sit inside it.
  const at = (n: number) => `${((n + 0.5) / Math.max(1, frames)) * 100}%`;
  const pointerAt = (e: ReactPointerEvent) => {
    const box = bar.current!.getBoundingClientRect();
    const x = Math.min(box.width, Math.max(0, e.clientX - box.left));
    return { frame: frameAtPointer(x, box.width, frames), x };
  };
  const inMark = marks?.in ?? null;
  const outMark = marks?.out ?? null;
  const tile = hover && filmstrip ? tileFor(filmstrip, hover.frame) : undefined;

  return (
    <div
      ref={bar}
      className="player-timeline"
      role="slider"
      tabIndex={-1}
      aria-label={`${label} timeline`}
      aria-valuemin={0}
      aria-valuemax={last}
      aria-valuenow={frame ?? 0}
      aria-valuetext={frame === null ? undefined : timecodeOf(frame, rate, timecodeMode)}
      onPointerDown={(e) => {
        if ((e.target as HTMLElement).closest('.player-note-marker')) return;
        e.currentTarget.setPointerCapture(e.pointerId);
        onSeek(pointerAt(e).frame);
      }}
      onPointerMove={(e) => {
        const p = pointerAt(e);
        setHover(p);
        if (e.currentTarget.hasPointerCapture(e.pointerId)) onSeek(p.frame);
      }}
      onPointerLeave={() => setHover(undefined)}
    >
      <div className="player-track" />
      {(inMark !== null || outMark !== null) && (
        <div
          className="player-range"
          style={{ left: `${((inMark ?? 0) / Math.max(1, frames)) * 100}%`, right: `${100 - (((outMark ?? last) + 1) / Math.max(1, frames)) * 100}%` }}
          title={`In ${inMark === null ? '—' : timecodeOf(inMark, rate, timecodeMode)} · Out ${outMark === null ? '—' : timecodeOf(outMark, rate, timecodeMode)}`}
        />
      )}
      {inMark !== null && <div className="player-mark player-mark-in" style={{ left: at(inMark) }} role="img" aria-label={`In at ${timecodeOf(inMark, rate, timecodeMode)}`} />}
      {outMark !== null && <div className="player-mark player-mark-out" style={{ left: at(outMark) }} role="img" aria-label={`Out at ${timecodeOf(outMark, rate, timecodeMode)}`} />}
      {notes.map((n) => (
        <button
          key={n.id}
          type="button"
          className="player-note-marker"
          style={{ left: at(n.frame) }}
          title={`${timecodeOf(n.frame, rate, timecodeMode)} ${n.label}`}
          aria-label={`Note at ${timecodeOf(n.frame, rate, timecodeMode)}: ${n.label}`}
          onClick={() => onSeek(n.frame)}
        />
      ))}
      {frame !== null && <div className="player-playhead" style={{ left: at(frame) }} />}
      {hover && (
        <div className="player-hover" style={{ left: hover.x }}>
          {tile && (
            <div
              className="player-hover-tile"
              style={{
                width: filmstrip!.tileWidth,
                height: filmstrip!.tileHeight,
                backgroundImage: `url(${filmstrip!.url})`,
                backgroundPosition: `-${tile.x}px -${tile.y}px`,
              }}
            />
          )}
          <span className="mono">{timecodeOf(hover.frame, rate, timecodeMode)}</span>
        </div>
      )}
    </div>
  );
}

/** The sprite tile nearest before a frame. */
function tileFor(strip: PlayerFilmstrip, frame: number): { x: number; y: number } | undefined {
  if (!strip.frameNumbers.length) return undefined;
  let i = 0;
  while (i + 1 < strip.frameNumbers.length && strip.frameNumbers[i + 1] <= frame) i++;
  return { x: (i % strip.columns) * strip.tileWidth, y: Math.floor(i / strip.columns) * strip.tileHeight };
}
