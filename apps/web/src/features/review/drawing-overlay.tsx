/**
 * Drawings over the video: an SVG whose viewBox is the frame's own width × height, laid over the
 * player's picture the way the video is (centred, scaled to fit), so strokes, arrows and boxes stay
 * on the same pixels at any size. It shows the drawings of the notes at the current frame, and,
 * while a tool is in hand, takes the pointer to draw the note being written.
 */
import type { Drawing, Shape } from '@backlot/contracts';
import { useRef, useState, type PointerEvent } from 'react';
import { drawingsAt, updateBoard, useBoard } from './drawing-board.ts';

export interface DrawingOverlayProps {
  takeId: string;
  currentFrame: number;
  /** The frame's pixel size (the proxy's width × height). */
  frameSize: { width: number; height: number };
}

type Point = [number, number];

function ShapeView({ shape }: { shape: Shape }) {
  const common = { stroke: shape.colour, strokeWidth: shape.width, fill: 'none', strokeLinecap: 'round' as const, strokeLinejoin: 'round' as const };
  if (shape.type === 'stroke') return <polyline points={shape.points.map((p) => p.join(',')).join(' ')} {...common} />;
  if (shape.type === 'box') return <rect x={shape.x} y={shape.y} width={shape.w} height={shape.h} {...common} />;
  const [x1, y1] = shape.from;
  const [x2, y2] = shape.to;
  const angle = Math.atan2(y2 - y1, x2 - x1);
  const head = Math.max(10, shape.width * 4);
  const wing = (a: number): Point => [x2 - head * Math.cos(angle + a), y2 - head * Math.sin(angle + a)];
  return (
    <g {...common}>
      <line x1={x1} y1={y1} x2={x2} y2={y2} />
      <polyline points={[wing(0.45), [x2, y2], wing(-0.45)].map((p) => p.join(',')).join(' ')} />
    </g>
  );
}

/** One drawing, in its own coordinates, scaled onto the frame's. */
export function DrawingView({ drawing, frameSize }: { drawing: Drawing; frameSize: { width: number; height: number } }) {
  return (
    <svg x={0} y={0} width={frameSize.width} height={frameSize.height} viewBox={`0 0 ${drawing.width} ${drawing.height}`} preserveAspectRatio="none">
      {drawing.shapes.map((s, i) => (
        <ShapeView key={i} shape={s} />
      ))}
    </svg>
  );
}

export function DrawingOverlay({ takeId, currentFrame, frameSize }: DrawingOverlayProps) {
  const board = useBoard(takeId);
  const svg = useRef<SVGSVGElement>(null);
  const [live, setLive] = useState<Shape>();
  const start = useRef<Point | undefined>(undefined);
  const shown = drawingsAt(board.notes, currentFrame);
  const drawing = board.tool !== null;

  /** The pointer in the frame's pixel coordinates. */
  const at = (e: PointerEvent): Point => {
    const el = svg.current!;
    const ctm = el.getScreenCTM();
    if (!ctm) return [0, 0];
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse());
    return [Math.round(p.x * 10) / 10, Math.round(p.y * 10) / 10];
  };
  const shapeFrom = (from: Point, to: Point, points: Point[]): Shape => {
    // The pen's width is set for a 960-pixel-wide frame and kept in proportion on any other.
    const style = { colour: board.colour, width: Math.min(50, Math.max(1, Math.round(((board.width * frameSize.width) / 960) * 10) / 10)) };
    if (board.tool === 'arrow') return { type: 'arrow', from, to, ...style };
    if (board.tool === 'box') return { type: 'box', x: Math.min(from[0], to[0]), y: Math.min(from[1], to[1]), w: Math.abs(to[0] - from[0]), h: Math.abs(to[1] - from[1]), ...style };
    return { type: 'stroke', points, ...style };
  };

  return (
    <svg
      ref={svg}
      className={drawing ? 'drawing-overlay drawing-overlay-active' : 'drawing-overlay'}
      viewBox={`0 0 ${frameSize.width} ${frameSize.height}`}
      preserveAspectRatio="xMidYMid meet"
      role="img"
      aria-label={shown.length ? `Drawings of ${shown.length} ${shown.length === 1 ? 'note' : 'notes'} at this frame` : 'No drawings at this frame'}
      data-drawings={shown.length}
      onPointerDown={(e) => {
        if (!drawing) return;
        e.preventDefault();
        e.currentTarget.setPointerCapture(e.pointerId);
        const p = at(e);
        start.current = p;
        setLive(shapeFrom(p, p, [p, p]));
      }}
      onPointerMove={(e) => {
        if (!drawing || !start.current || !live) return;
        const p = at(e);
        setLive(live.type === 'stroke' ? { ...live, points: [...live.points, p].slice(0, 2000) } : shapeFrom(start.current, p, []));
      }}
      onPointerUp={() => {
        if (live && start.current) {
          const tiny = live.type === 'box' ? live.w < 2 && live.h < 2 : live.type === 'arrow' ? Math.hypot(live.to[0] - live.from[0], live.to[1] - live.from[1]) < 4 : false;
          if (!tiny) updateBoard(takeId, (b) => ({ draft: [...b.draft, live].slice(0, 200) }));
        }
        start.current = undefined;
        setLive(undefined);
      }}
    >
      {shown.map((n) => (
        <g key={n.id} className="drawing-note" data-note-id={n.id}>
          <DrawingView drawing={n.drawing!} frameSize={frameSize} />
        </g>
      ))}
      {board.draft.map((s, i) => (
        <ShapeView key={`d${i}`} shape={s} />
      ))}
      {live && <ShapeView shape={live} />}
    </svg>
  );
}
