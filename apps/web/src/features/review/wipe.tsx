/**
 * A wipe: two pictures stacked in one box, the upper one cut by `clip-path` at a divider the
 * reviewer drags (or moves with ←/→ when it has the focus), so the same pixels of both are seen
 * across the line.
 */
import { useRef, type ReactNode } from 'react';

export interface WipeProps {
  /** 0..100: how much of the left picture shows. */
  position: number;
  onPosition: (position: number) => void;
  left: ReactNode;
  right: ReactNode;
  leftLabel: string;
  rightLabel: string;
  aspect: string;
}

export function Wipe({ position, onPosition, left, right, leftLabel, rightLabel, aspect }: WipeProps) {
  const box = useRef<HTMLElement>(null);
  const follow = (clientX: number) => {
    const r = box.current?.getBoundingClientRect();
    if (r) onPosition(Math.min(100, Math.max(0, ((clientX - r.left) / r.width) * 100)));
  };
  return (
    // The box keeps the picture's aspect up to the height of the page's picture area.
    <figure className="wipe" ref={box} style={{ aspectRatio: aspect, maxWidth: `calc(min(66vh, 760px) * ${aspect})` }} aria-label={`Wipe between ${leftLabel} and ${rightLabel}`}>
      <div className="wipe-layer">{right}</div>
      <div className="wipe-layer wipe-top" style={{ clipPath: `inset(0 ${100 - position}% 0 0)` }}>
        {left}
      </div>
      <span className="wipe-label wipe-label-left mono">{leftLabel}</span>
      <span className="wipe-label wipe-label-right mono">{rightLabel}</span>
      <div
        className="wipe-divider"
        style={{ left: `${position}%` }}
        role="slider"
        tabIndex={0}
        aria-label="Wipe divider"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(position)}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          follow(e.clientX);
        }}
        onPointerMove={(e) => e.currentTarget.hasPointerCapture(e.pointerId) && follow(e.clientX)}
        onKeyDown={(e) => {
          const step = e.shiftKey ? 10 : 2;
          if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
            e.preventDefault();
            e.stopPropagation();
            onPosition(Math.min(100, Math.max(0, position + (e.key === 'ArrowLeft' ? -step : step))));
          }
        }}
      />
    </figure>
  );
}
