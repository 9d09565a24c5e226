/**
 * Drawings over the video: an SVG over the whole player holding one in the take's own frame
 * coordinates (the original's width × height), laid on the rectangle where the picture is shown
 * (picture-rect.ts: letterboxed or pillarboxed like the video), so strokes, arrows and boxes stay on
 * the same pixels at any player size and whatever the proxy's size. It shows the drawings made on
 * the current frame, and, while a tool is in hand, takes the pointer to draw the note being written.
 */
import type { Drawing, Shape } from '@backlot/contracts';
import { useLayoutEffect, useRef, useState, type PointerEvent } from 'react';
import { drawingsAt, updateBoard, useBoard } from './drawing-board.ts';
import { pictureRect, toFramePoint, type Size } from './picture-rect.ts';

export interface DrawingOverlayProps {
  takeId: string;
  currentFrame: number;
  /** The take's frame size (the original's width × height): drawings are kept in its coordinates. */
  frameSize: { width: number; height: number };
  /** The pixel size of the picture played (the proxy's), which sets its shape on screen; the frame's when unknown. */
  pictureSize?: { width: number; height: number };
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

/** One drawing, in its own coordinates, scaled onto the frame's; the overlay it sits in names the drawings. */
export function DrawingView({ drawing, frameSize }: { drawing: Drawing; frameSize: { width: number; height: number } }) {
  return (
    <svg aria-hidden x={0} y={0} width={frameSize.width} height={frameSize.height} viewBox={`0 0 ${drawing.width} ${drawing.height}`} preserveAspectRatio="none">
      {drawing.shapes.map((s, i) => (
        <ShapeView key={i} shape={s} />
      ))}
    </svg>
  );
}

export function DrawingOverlay({ takeId, currentFrame, frameSize, pictureSize }: DrawingOverlayProps) {
  const board = useBoard(takeId);
  const svg = useRef<SVGSVGElement>(null);
  const [live, setLive] = useState<Shape>();
  const start = useRef<Point | undefined>(undefined);
  const [box, setBox] = useState<Size>({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const el = svg.current;
    if (!el) return;
    const measure = () => {
      const r = el.getBoundingClientRect();
      setBox((b) => (b.width === r.width && b.height === r.height ? b : { width: r.width, height: r.height }));
    };
    measure();
    const watch = new ResizeObserver(measure);
    watch.observe(el);
    return () => watch.disconnect();
  }, []);
  // The picture as the player shows it (the proxy's shape, letterboxed or pillarboxed), in the take's frame.
  const shownAt = pictureRect(box, pictureSize ?? frameSize);
  const shown = drawingsAt(board.notes, currentFrame);
  // The note being written shows on its own frame only; elsewhere the picture has moved.
  const draftHere = board.draftFrame === null || board.draftFrame === currentFrame;
  const drawing = board.tool !== null;

  /** The pointer in the take's frame coordinates. */
  const at = (e: PointerEvent): Point => {
    const r = svg.current!.getBoundingClientRect();
    return toFramePoint([e.clientX - r.left, e.clientY - r.top], pictureRect({ width: r.width, height: r.height }, pictureSize ?? frameSize), frameSize);
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
      role="img"
      aria-label={shown.length ? `Drawings of ${shown.length} ${shown.length === 1 ? 'note' : 'notes'} at this frame` : 'No drawings at this frame'}
      data-drawings={shown.length}
      onPointerDown={(e) => {
        if (!drawing) return;
        e.preventDefault();
        e.currentTarget.setPointerCapture(e.pointerId);
        // A drawing begun on another frame starts over there: a note's shapes sit on one picture.
        if (!draftHere) updateBoard(takeId, { draft: [], draftFrame: currentFrame });
        else if (board.draftFrame === null) updateBoard(takeId, { draftFrame: currentFrame });
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
      <svg
        className="drawing-picture"
        aria-hidden
        x={shownAt.x}
        y={shownAt.y}
        width={shownAt.width}
        height={shownAt.height}
        viewBox={`0 0 ${frameSize.width} ${frameSize.height}`}
        preserveAspectRatio="none"
        data-frame-size={`${frameSize.width}×${frameSize.height}`}
      >
        {shown.map((n) => (
          <g key={n.id} className="drawing-note" data-note-id={n.id}>
            <DrawingView drawing={n.drawing!} frameSize={frameSize} />
          </g>
        ))}
        {draftHere && (
          <g className="drawing-draft">
            {board.draft.map((s, i) => (
              <ShapeView key={`d${i}`} shape={s} />
            ))}
            {live && <ShapeView shape={live} />}
          </g>
        )}
      </svg>
    </svg>
  );
}
