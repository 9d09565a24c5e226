/**
 * A storyboard panel drawn from the plan alone: a figure framed as the shot size frames a person
 * (a speck in an extreme wide, a face in a close-up) and a mark for the camera's movement.
 * Lines use currentColor so the panel prints in black on white.
 */
import type { Camera } from '@backlot/contracts';
import { useId } from 'react';

const W = 160;

/** How a size frames a standing figure one unit tall: its scale in frame heights and where its head sits. */
const FRAMING: Record<NonNullable<Camera['size']>, { scale: number; top: number }> = {
  EWS: { scale: 0.2, top: 0.64 },
  WS: { scale: 0.8, top: 0.12 },
  MWS: { scale: 1.15, top: 0.1 },
  MS: { scale: 1.6, top: 0.1 },
  MCU: { scale: 2.0, top: 0.1 },
  CU: { scale: 3.0, top: 0.08 },
  ECU: { scale: 6.5, top: -0.3 },
  INSERT: { scale: 0, top: 0 },
};

/** A standing person in figure units: head at the top (y 0), feet at y 1, centred on x 0. */
function Figure({ x, y, s }: { x: number; y: number; s: number }) {
  return (
    <g transform={`translate(${x} ${y}) scale(${s})`} className="sketch-figure">
      <circle cx={0} cy={0.1} r={0.095} />
      <path d="M -0.18 0.25 Q 0 0.2 0.18 0.25 L 0.15 0.56 L -0.15 0.56 Z" />
      <path d="M -0.14 0.56 L -0.02 0.56 L -0.035 1 L -0.11 1 Z M 0.02 0.56 L 0.14 0.56 L 0.11 1 L 0.035 1 Z" />
      <path d="M -0.2 0.26 L -0.25 0.55 L -0.2 0.56 L -0.15 0.3 Z M 0.2 0.26 L 0.25 0.55 L 0.2 0.56 L 0.15 0.3 Z" />
    </g>
  );
}

function Movement({ move, h, marker }: { move: Camera['movement']; h: number; marker: string }) {
  const m = `url(#${marker})`;
  const inset = 12;
  // Marks along the bottom sit above the caption band that carries the subject line.
  const low = h * 0.8;
  switch (move) {
    case 'push-in':
    case 'dolly':
      return (
        <g className="sketch-move">
          <path d={`M ${inset} ${inset} L ${inset + 16} ${inset + 9}`} markerEnd={m} />
          <path d={`M ${W - inset} ${inset} L ${W - inset - 16} ${inset + 9}`} markerEnd={m} />
          <path d={`M ${inset} ${h - inset} L ${inset + 16} ${h - inset - 9}`} markerEnd={m} />
          <path d={`M ${W - inset} ${h - inset} L ${W - inset - 16} ${h - inset - 9}`} markerEnd={m} />
        </g>
      );
    case 'pull-out':
      return (
        <g className="sketch-move">
          <path d={`M ${inset + 16} ${inset + 9} L ${inset} ${inset}`} markerEnd={m} />
          <path d={`M ${W - inset - 16} ${inset + 9} L ${W - inset} ${inset}`} markerEnd={m} />
          <path d={`M ${inset + 16} ${h - inset - 9} L ${inset} ${h - inset}`} markerEnd={m} />
          <path d={`M ${W - inset - 16} ${h - inset - 9} L ${W - inset} ${h - inset}`} markerEnd={m} />
        </g>
      );
    case 'pan':
    case 'truck':
      return <path className="sketch-move" d={`M ${W * 0.3} ${low} L ${W * 0.7} ${low}`} markerEnd={m} />;
    case 'tilt':
      return <path className="sketch-move" d={`M ${W - 8} ${h * 0.7} L ${W - 8} ${h * 0.25}`} markerEnd={m} />;
    case 'crane':
      return <path className="sketch-move" d={`M ${W - 30} ${low} Q ${W - 8} ${low - 2} ${W - 8} ${h * 0.25}`} markerEnd={m} />;
    case 'steadicam':
      return <path className="sketch-move" d={`M ${W * 0.25} ${low - 4} Q ${W * 0.5} ${low + 4} ${W * 0.75} ${low - 4}`} markerEnd={m} />;
    case 'handheld':
      return <path className="sketch-move" d={`M ${W * 0.3} ${low} q 5 -4 10 0 t 10 0 t 10 0 t 10 0 t 10 0 t 10 0 t 10 0`} />;
    default:
      return null;
  }
}

export function FrameSketch({ camera, aspect }: { camera: Camera; aspect: { w: number; h: number } }) {
  const marker = `move-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const h = (W * aspect.h) / aspect.w;
  const framing = camera.size ? FRAMING[camera.size] : null;
  return (
    <svg className="frame-sketch" viewBox={`0 0 ${W} ${h}`} preserveAspectRatio="xMidYMid slice" aria-hidden>
      <defs>
        <marker id={marker} viewBox="0 0 10 10" refX="8" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" className="sketch-arrow" />
        </marker>
      </defs>
      {camera.size === 'EWS' || camera.size === 'WS' ? (
        <line className="sketch-horizon" x1={0} x2={W} y1={h * (camera.size === 'EWS' ? 0.72 : 0.8)} y2={h * (camera.size === 'EWS' ? 0.72 : 0.8)} />
      ) : null}
      {framing && camera.size !== 'INSERT' && <Figure x={W / 2} y={h * framing.top} s={h * framing.scale} />}
      {camera.size === 'INSERT' && (
        <g className="sketch-figure">
          <rect x={W * 0.32} y={h * 0.35} width={W * 0.36} height={h * 0.34} rx={4} />
          <circle cx={W * 0.5} cy={h * 0.52} r={h * 0.09} className="sketch-detail" />
        </g>
      )}
      <line className="sketch-third" x1={W / 3} x2={W / 3} y1={0} y2={h} />
      <line className="sketch-third" x1={(2 * W) / 3} x2={(2 * W) / 3} y1={0} y2={h} />
      <line className="sketch-third" x1={0} x2={W} y1={h / 3} y2={h / 3} />
      <line className="sketch-third" x1={0} x2={W} y1={(2 * h) / 3} y2={(2 * h) / 3} />
      <Movement move={camera.movement} h={h} marker={marker} />
    </svg>
  );
}
