/**
 * A note's drawing as an SVG the size of the picture it goes on: strokes, arrows and boxes in the
 * frame's own pixel coordinates (the drawing's width × height), stretched by the viewBox onto the
 * still whatever its size (a still of the same frame has the same shape). Pure; the sharp adapter
 * lays it over the frame.
 */
import type { Drawing, Shape } from '@backlot/contracts';
import type { Size } from './review-movie.layout.ts';

const n = (v: number) => String(Math.round(v * 100) / 100);
// Colours reach here checked (#rrggbb); anything else is drawn in the note red rather than written into the SVG.
const colour = (c: string) => (/^#[0-9a-fA-F]{6}$/.test(c) ? c : '#ff3b30');

/** The two short lines of an arrow's head at `to`, pointing away from `from`, sized from the line width. */
export function arrowHead(from: [number, number], to: [number, number], width: number): [[number, number], [number, number]] {
  const angle = Math.atan2(to[1] - from[1], to[0] - from[0]);
  const length = Math.max(10, width * 4);
  const side = (turn: number): [number, number] => [to[0] - length * Math.cos(angle + turn), to[1] - length * Math.sin(angle + turn)];
  return [side(Math.PI / 6), side(-Math.PI / 6)];
}

function shapeSvg(shape: Shape): string {
  const stroke = `stroke="${colour(shape.colour)}" stroke-width="${n(shape.width)}" fill="none" stroke-linecap="round" stroke-linejoin="round"`;
  switch (shape.type) {
    case 'stroke':
      return `<polyline points="${shape.points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}" ${stroke}/>`;
    case 'arrow': {
      const [a, b] = arrowHead(shape.from, shape.to, shape.width);
      return `<polyline points="${n(shape.from[0])},${n(shape.from[1])} ${n(shape.to[0])},${n(shape.to[1])}" ${stroke}/><polyline points="${n(a[0])},${n(a[1])} ${n(shape.to[0])},${n(shape.to[1])} ${n(b[0])},${n(b[1])}" ${stroke}/>`;
    }
    case 'box':
      return `<rect x="${n(shape.x)}" y="${n(shape.y)}" width="${n(shape.w)}" height="${n(shape.h)}" ${stroke}/>`;
  }
}

/** The drawing as an SVG of `size` pixels (the still it is laid on), transparent but for the shapes. */
export function drawingSvg(drawing: Drawing, size: Size): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size.width}" height="${size.height}" viewBox="0 0 ${drawing.width} ${drawing.height}" preserveAspectRatio="none">`,
    ...drawing.shapes.map(shapeSvg),
    '</svg>',
  ].join('');
}
