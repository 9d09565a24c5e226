/**
 * Reference stills drawn locally behind the stills port: an SVG (gradient sky, a moon, a row of
 * buildings with lit windows, lamps, and optionally one standing figure, with a title band) laid
 * out from a seed and rasterised to PNG by sharp. Nothing is fetched; the same spec draws the same picture.
 */
import { stat } from 'node:fs/promises';
import sharp from 'sharp';
import type { StillRenderer, StillSpec } from '../../ports/stills.ts';

/** A small seeded generator (mulberry32): layouts repeat for a seed, on every machine. */
function randomFrom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
const r1 = (n: number) => Math.round(n * 10) / 10;

/** The SVG of a still: pure layout, exported for reading and for tests. */
export function stillSvg(spec: StillSpec): string {
  const { width: w, height: h, palette } = spec;
  const rnd = randomFrom(spec.seed);
  const horizon = h * (0.62 + rnd() * 0.08);
  const parts: string[] = [];

  // A moon high in the sky, on the side away from where a figure would stand.
  const moonX = w * (rnd() < 0.5 ? 0.15 + rnd() * 0.15 : 0.7 + rnd() * 0.15);
  parts.push(`<circle cx="${r1(moonX)}" cy="${r1(h * (0.14 + rnd() * 0.1))}" r="${r1(h * 0.05)}" fill="#f3ecd6" opacity="0.85"/>`);
  for (let i = 0; i < 40; i++) parts.push(`<circle cx="${r1(rnd() * w)}" cy="${r1(rnd() * horizon * 0.6)}" r="${r1(0.6 + rnd() * 1.2)}" fill="#ffffff" opacity="${r1(0.25 + rnd() * 0.5)}"/>`);

  // A row of flats and stages: blocks of different widths and heights standing on the horizon.
  let x = -rnd() * w * 0.05;
  while (x < w) {
    const bw = w * (0.08 + rnd() * 0.14);
    const bh = h * (0.15 + rnd() * 0.3);
    const top = horizon - bh;
    parts.push(`<rect x="${r1(x)}" y="${r1(top)}" width="${r1(bw)}" height="${r1(bh + 1)}" fill="${palette.ground}"/>`);
    if (rnd() < 0.3) parts.push(`<polygon points="${r1(x)},${r1(top)} ${r1(x + bw / 2)},${r1(top - bh * 0.25)} ${r1(x + bw)},${r1(top)}" fill="${palette.ground}"/>`);
    const cols = Math.max(1, Math.floor(bw / (w * 0.03)));
    const rows = Math.max(1, Math.floor(bh / (h * 0.07)));
    for (let c = 0; c < cols; c++) {
      for (let r = 0; r < rows; r++) {
        if (rnd() < 0.22) {
          const wx = x + (bw / cols) * (c + 0.3);
          const wy = top + (bh / rows) * (r + 0.3);
          parts.push(`<rect x="${r1(wx)}" y="${r1(wy)}" width="${r1((bw / cols) * 0.4)}" height="${r1((bh / rows) * 0.35)}" fill="${palette.accent}" opacity="${r1(0.55 + rnd() * 0.4)}"/>`);
        }
      }
    }
    x += bw + w * rnd() * 0.02;
  }

  // The ground, and lamps whose pools of light fall on it.
  parts.push(`<rect x="0" y="${r1(horizon)}" width="${w}" height="${r1(h - horizon)}" fill="${palette.ground}"/>`);
  const lamps = 2 + Math.floor(rnd() * 3);
  for (let i = 0; i < lamps; i++) {
    const lx = w * ((i + 0.5 + (rnd() - 0.5) * 0.4) / lamps);
    const ly = horizon - h * 0.22;
    parts.push(`<ellipse cx="${r1(lx)}" cy="${r1(horizon + h * 0.06)}" rx="${r1(w * 0.07)}" ry="${r1(h * 0.025)}" fill="url(#pool)"/>`);
    parts.push(`<rect x="${r1(lx - 2)}" y="${r1(ly)}" width="4" height="${r1(horizon - ly + h * 0.04)}" fill="#0b0b0d"/>`);
    parts.push(`<circle cx="${r1(lx)}" cy="${r1(ly)}" r="${r1(h * 0.05)}" fill="url(#glow)"/><circle cx="${r1(lx)}" cy="${r1(ly)}" r="${r1(h * 0.008)}" fill="${palette.accent}"/>`);
  }

  if (spec.subject === 'figure') {
    // One person standing, seen against the light: head, coat, legs and a flashlight beam.
    const fx = w * (0.45 + rnd() * 0.1);
    const feet = h * 0.88;
    const fh = h * 0.55;
    const head = fh * 0.075;
    const c = '#08080a';
    parts.push(`<circle cx="${r1(fx)}" cy="${r1(feet - fh + head)}" r="${r1(head)}" fill="${c}"/>`);
    parts.push(
      `<path d="M ${r1(fx - fh * 0.1)} ${r1(feet - fh * 0.8)} L ${r1(fx + fh * 0.1)} ${r1(feet - fh * 0.8)} L ${r1(fx + fh * 0.15)} ${r1(feet - fh * 0.38)} L ${r1(fx - fh * 0.15)} ${r1(feet - fh * 0.38)} Z" fill="${c}"/>`,
    );
    parts.push(`<rect x="${r1(fx - fh * 0.08)}" y="${r1(feet - fh * 0.4)}" width="${r1(fh * 0.06)}" height="${r1(fh * 0.4)}" fill="${c}"/>`);
    parts.push(`<rect x="${r1(fx + fh * 0.02)}" y="${r1(feet - fh * 0.4)}" width="${r1(fh * 0.06)}" height="${r1(fh * 0.4)}" fill="${c}"/>`);
    parts.push(`<polygon points="${r1(fx + fh * 0.14)},${r1(feet - fh * 0.55)} ${r1(w)},${r1(feet - fh * 0.75)} ${r1(w)},${r1(feet - fh * 0.2)}" fill="${palette.accent}" opacity="0.18"/>`);
  }

  // The title on a dark band, as a slate would carry it.
  const size = Math.round(h * 0.05);
  parts.push(`<rect x="0" y="${r1(h - size * 2)}" width="${w}" height="${size * 2}" fill="#000000" opacity="0.55"/>`);
  parts.push(`<text x="${r1(size * 0.8)}" y="${r1(h - size * 0.65)}" font-family="DejaVu Sans, sans-serif" font-size="${size}" fill="${palette.accent}">${escapeXml(spec.title)}</text>`);

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">`,
    '<defs>',
    `<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${palette.sky[0]}"/><stop offset="1" stop-color="${palette.sky[1]}"/></linearGradient>`,
    `<radialGradient id="glow"><stop offset="0" stop-color="${palette.accent}" stop-opacity="0.7"/><stop offset="1" stop-color="${palette.accent}" stop-opacity="0"/></radialGradient>`,
    `<radialGradient id="pool"><stop offset="0" stop-color="${palette.accent}" stop-opacity="0.35"/><stop offset="1" stop-color="${palette.accent}" stop-opacity="0"/></radialGradient>`,
    '</defs>',
    `<rect width="${w}" height="${h}" fill="url(#sky)"/>`,
    ...parts,
    '</svg>',
  ].join('');
}

/** The stills renderer: SVG drawn from the spec, rasterised by sharp (librsvg) to an opaque PNG. */
export function createSharpStills(): StillRenderer {
  return {
    async renderStill(out, spec) {
      await sharp(Buffer.from(stillSvg(spec)))
        .flatten({ background: '#000000' })
        .png()
        .toFile(out);
      return { size: (await stat(out)).size };
    },
  };
}
