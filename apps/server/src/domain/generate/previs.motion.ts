/**
 * The previs generator's framing and camera moves as numbers, drawn from a seed: which part of the
 * picture a shot size shows, and how the frame travels over it. previs.plan.ts turns these into
 * ffmpeg expressions; keeping them as data here makes each choice testable without ffmpeg.
 */

/** Camera moves the previs generator animates (the plan's movement vocabulary). */
export const PREVIS_MOVES = ['static', 'push-in', 'pull-out', 'pan', 'tilt', 'truck', 'dolly', 'crane', 'handheld', 'steadicam'] as const;
export type PrevisMove = (typeof PREVIS_MOVES)[number];

/**
 * How much of the picture (as a fraction of the largest area of the output's aspect that fits in
 * it) each shot size shows: an extreme wide shows all of it, an extreme close-up a fifth.
 */
export const SHOT_SIZE_FRACTION: Readonly<Record<string, number>> = {
  EWS: 1,
  WS: 0.88,
  MWS: 0.72,
  MS: 0.56,
  MCU: 0.44,
  CU: 0.34,
  ECU: 0.22,
  INSERT: 0.28,
};

// Close sizes frame a face, which sits in the upper third of most pictures; wide ones stay central.
const TIGHT_SIZES = new Set(['MCU', 'CU', 'ECU', 'INSERT']);

/** A small seeded PRNG (mulberry32): the same seed always gives the same numbers in [0, 1). */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The part of the picture a shot size shows: a fraction of the output-aspect area, centred on a point given as fractions of the picture. */
export interface PrevisFraming {
  fraction: number;
  centreX: number;
  centreY: number;
}

/** One sine of a shake or drift, on one axis, in fractions of the room the zoom leaves. */
export interface PrevisWave {
  axis: 'x' | 'y';
  amplitude: number;
  hz: number;
  phase: number;
}

/**
 * A move as zoompan sees it: zoom (≥ 1) from → to, and the frame's position inside the room the
 * zoom leaves (0 = left/top edge, 1 = right/bottom edge) from → to, along an eased or linear
 * path, plus any waves (handheld shake, steadicam drift).
 */
export interface PrevisMotion {
  move: PrevisMove;
  zoomFrom: number;
  zoomTo: number;
  xFrom: number;
  xTo: number;
  yFrom: number;
  yTo: number;
  path: 'ease' | 'linear';
  waves: PrevisWave[];
}

/** The plan's movement as a previs move; no movement (or one the generator does not know) is static. */
export function previsMove(movement: string | null): PrevisMove {
  return (PREVIS_MOVES as readonly string[]).includes(movement ?? '') ? (movement as PrevisMove) : 'static';
}

/** Where the shot size puts the frame, varied a little by the seed so takes differ. A card (no picture) is always shown whole. */
export function planFraming(size: string | null, random: () => number, card: boolean): PrevisFraming {
  // Draw every number even for a card, so a seed means the same move with and without a picture.
  const spread = random() - 0.5;
  const offsetX = random() - 0.5;
  const offsetY = random() - 0.5;
  if (card) return { fraction: 1, centreX: 0.5, centreY: 0.5 };
  const base = SHOT_SIZE_FRACTION[size ?? 'EWS'] ?? 1;
  const tight = TIGHT_SIZES.has(size ?? '');
  return {
    fraction: round(Math.min(1, base * (1 + spread * 0.08))),
    centreX: round(0.5 + offsetX * 0.12),
    centreY: round(tight ? 0.38 + offsetY * 0.08 : 0.5 + offsetY * 0.06),
  };
}

/** The camera move, with its amounts and direction drawn from the seed. */
export function planMotion(movement: string | null, random: () => number): PrevisMotion {
  const move = previsMove(movement);
  // Each move draws the same five numbers, so the seed's effect does not depend on the move's branch.
  const [r1, r2, r3, r4, r5] = [random(), random(), random(), random(), random()];
  const dir = r2 < 0.5 ? 1 : -1;
  const still = { move, path: 'ease' as const, waves: [] as PrevisWave[] };
  const centred = (z: number) => ({ zoomFrom: z, zoomTo: z, xFrom: 0.5, xTo: 0.5, yFrom: 0.5, yTo: 0.5 });
  const focusX = round(0.5 + (r3 - 0.5) * 0.5);
  const focusY = round(0.5 + (r4 - 0.5) * 0.5);
  switch (move) {
    case 'static':
      return { ...still, ...centred(round(1.03 + r1 * 0.04)), xFrom: focusX, xTo: focusX, yFrom: focusY, yTo: focusY };
    case 'push-in':
    case 'dolly': {
      // A dolly travels the same way as a push-in; it is drawn a little gentler and steadier.
      const amount = move === 'dolly' ? 0.1 + r1 * 0.1 : 0.12 + r1 * 0.12;
      return { ...still, ...centred(1), zoomTo: round(1 + amount), xTo: focusX, yTo: focusY, path: move === 'dolly' ? 'linear' : 'ease' };
    }
    case 'pull-out':
      return { ...still, ...centred(1), zoomFrom: round(1 + 0.12 + r1 * 0.12), xFrom: focusX, yFrom: focusY };
    case 'pan': {
      const reach = 0.35 + r5 * 0.15;
      return { ...still, ...centred(round(1.16 + r1 * 0.06)), xFrom: round(0.5 - dir * reach), xTo: round(0.5 + dir * reach), yFrom: focusY, yTo: focusY };
    }
    case 'tilt': {
      const reach = 0.35 + r5 * 0.15;
      return { ...still, ...centred(round(1.16 + r1 * 0.06)), xFrom: focusX, xTo: focusX, yFrom: round(0.5 - dir * reach), yTo: round(0.5 + dir * reach) };
    }
    case 'truck':
      // A truck slides sideways at a steady speed across the whole room, unlike a pan's eased turn.
      return { ...still, ...centred(round(1.2 + r1 * 0.05)), xFrom: 0.5 - dir * 0.5, xTo: 0.5 + dir * 0.5, yFrom: focusY, yTo: focusY, path: 'linear' };
    case 'crane': {
      // Rising reveals the top of the picture: the frame climbs from low in the room to high, easing back a touch.
      const zoom = round(1.2 + r1 * 0.05);
      return { ...still, ...centred(zoom), zoomTo: round(zoom - 0.06), xFrom: focusX, xTo: focusX, yFrom: round(0.85 + r5 * 0.15), yTo: round(r4 * 0.1) };
    }
    case 'handheld':
      // A slow sway with a quicker tremor on top, on both axes, each with its own seeded phase.
      return {
        ...still,
        ...centred(round(1.07 + r1 * 0.02)),
        waves: [
          { axis: 'x', amplitude: 0.32, hz: round(0.7 + r3 * 0.4), phase: round(r2 * 2 * Math.PI) },
          { axis: 'x', amplitude: 0.1, hz: round(2.6 + r5), phase: round(r4 * 2 * Math.PI) },
          { axis: 'y', amplitude: 0.28, hz: round(0.5 + r4 * 0.4), phase: round(r5 * 2 * Math.PI) },
          { axis: 'y', amplitude: 0.08, hz: round(3.1 + r3), phase: round(r3 * 2 * Math.PI) },
        ],
      };
    case 'steadicam':
      // A float forward with a slow drift, too slow to read as shake.
      return {
        ...still,
        ...centred(1.08),
        zoomTo: 1.11,
        path: 'linear',
        waves: [
          { axis: 'x', amplitude: 0.3, hz: round(0.08 + r3 * 0.07), phase: round(r2 * 2 * Math.PI) },
          { axis: 'y', amplitude: 0.2, hz: round(0.1 + r4 * 0.05), phase: round(r5 * 2 * Math.PI) },
        ],
      };
  }
}

/**
 * The same move at half strength, for a title card: half the zoom and half the travel keep the
 * card's text inside the frame, while the move still reads (and a push-in still grows every frame).
 */
export function softenMotion(motion: PrevisMotion): PrevisMotion {
  const half = (n: number, centre: number) => round(centre + (n - centre) / 2);
  return {
    ...motion,
    zoomFrom: half(motion.zoomFrom, 1),
    zoomTo: half(motion.zoomTo, 1),
    xFrom: half(motion.xFrom, 0.5),
    xTo: half(motion.xTo, 0.5),
    yFrom: half(motion.yFrom, 0.5),
    yTo: half(motion.yTo, 0.5),
    waves: motion.waves.map((w) => ({ ...w, amplitude: round(w.amplitude / 2) })),
  };
}

/** Five decimals: enough for framing, and it keeps the argument text short and stable. */
function round(n: number): number {
  return Math.round(n * 1e5) / 1e5;
}

/** Share of an eased path that moves at constant speed, so the ends still move on every frame. */
export const EASE_LINEAR_SHARE = 0.3;

/** How far along its path a move is at t in [0, 1]: a smoothstep blended with a straight line (or the line alone). */
export function easeAt(t: number, path: 'ease' | 'linear'): number {
  if (path === 'linear') return t;
  return EASE_LINEAR_SHARE * t + (1 - EASE_LINEAR_SHARE) * t * t * (3 - 2 * t);
}
