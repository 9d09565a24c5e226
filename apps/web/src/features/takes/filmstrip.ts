/**
 * Hover-scrubbing a take's filmstrip: the sprite is one picture of tiles in rows; the tile under
 * the pointer is shown by sizing the sprite to whole tiles and moving it by percentages, so the
 * card needs no measuring and the browser only repaints a background.
 */
import type { TakeMedia } from '@backlot/contracts';
import type { CSSProperties } from 'react';

export type Filmstrip = TakeMedia['filmstrip'];

/** The tile for a pointer at `fraction` (0 = left edge, 1 = right edge) across the card. */
export function tileAt(strip: Filmstrip, fraction: number): number {
  if (strip.frames <= 1) return 0;
  const f = Math.min(1, Math.max(0, fraction));
  return Math.min(strip.frames - 1, Math.floor(f * strip.frames));
}

/** The background that shows tile `index` of the sprite, filling its box. */
export function tileStyle(strip: Filmstrip, index: number): CSSProperties {
  const columns = Math.max(1, strip.columns);
  const rows = Math.max(1, Math.ceil(strip.frames / columns));
  const col = index % columns;
  const row = Math.floor(index / columns);
  // A position of p% lines up p% of the picture with p% of the box: tile c of n sits at c / (n - 1).
  const x = columns > 1 ? (col / (columns - 1)) * 100 : 0;
  const y = rows > 1 ? (row / (rows - 1)) * 100 : 0;
  return {
    backgroundImage: `url("${strip.url}")`,
    backgroundSize: `${columns * 100}% ${rows * 100}%`,
    backgroundPosition: `${x}% ${y}%`,
    backgroundRepeat: 'no-repeat',
  };
}

/** The frame number (project grid) a tile shows, when the sprite says. */
export function tileFrame(strip: Filmstrip, index: number): number | undefined {
  return strip.frameNumbers[index];
}

const fetched = new Set<string>();

/** Asks the browser for a sprite once, so the first hover already scrubs. */
export function prefetchSprite(url: string) {
  if (fetched.has(url)) return;
  fetched.add(url);
  const img = new Image();
  img.decoding = 'async';
  img.src = url;
}
