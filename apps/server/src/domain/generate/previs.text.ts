/**
 * Text drawn by the previs generator: the title card and the burned-in slate, as ffmpeg drawtext
 * and drawbox filters, with the escaping that gets any words (colons, quotes, backslashes,
 * percent signs, brackets) through ffmpeg's three levels of parsing intact.
 */

/**
 * A filtergraph option value, escaped for the two levels of ffmpeg parsing every value goes
 * through: first the option list (`:` separates options; `\` and `'` quote), then, outermost,
 * the graph (`,` `;` `[` `]` separate filters and links). Each level takes one backslash off.
 */
export function escapeOptionValue(value: string): string {
  const optionLevel = value.replace(/[\\':]/g, (c) => `\\${c}`);
  return optionLevel.replace(/[\\'[\],;]/g, (c) => `\\${c}`);
}

/**
 * Words for drawtext's `text`, literal: drawtext itself expands `%{…}` sequences and reads `\` as
 * an escape, so both are escaped before the option and graph levels. Line breaks become spaces.
 */
export function drawtextLiteral(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\%]/g, (c) => `\\${c}`);
}

/** drawtext's average advance for DejaVu Sans as a share of the font size (capitals run wider), used to fit lines. */
const AVERAGE_ADVANCE = 0.6;

/** How many characters of a font size fit in a width, roughly. */
export function charsThatFit(width: number, fontSize: number): number {
  return Math.max(4, Math.floor(width / (fontSize * AVERAGE_ADVANCE)));
}

/** The text cut to `max` characters, ending in an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(clean);
  return chars.length <= max
    ? clean
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

/** Words wrapped to lines of at most `width` characters, at most `lines` lines; the last line is cut with an ellipsis. */
export function wrapWords(text: string, width: number, lines: number): string[] {
  const out: string[] = [];
  let line = '';
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const next = line ? `${line} ${words[i]}` : words[i];
    if (Array.from(next).length <= width || !line) {
      line = next;
      continue;
    }
    out.push(line);
    line = words[i];
    if (out.length === lines - 1) {
      line = words.slice(i).join(' ');
      break;
    }
  }
  if (line) out.push(line);
  return out.slice(0, lines).map((l) => truncate(l, width));
}

/** One drawtext filter with the given font; `text` is already in drawtext's own syntax (see drawtextLiteral). */
export function drawtext(fontFile: string, text: string, opts: { size: number; colour: string; x: string | number; y: string | number }): string {
  return [
    `drawtext=fontfile=${escapeOptionValue(fontFile)}`,
    `text=${escapeOptionValue(text)}`,
    `fontsize=${opts.size}`,
    `fontcolor=${opts.colour}`,
    `x=${escapeOptionValue(String(opts.x))}`,
    `y=${escapeOptionValue(String(opts.y))}`,
  ].join(':');
}

/** Backlot's previs palette: a dark neutral card, warm white titles, grey secondary text, the accent blue. */
export const PREVIS_COLOURS = { card: '0x1b1c1f', title: '0xecebe7', body: '0xb4b8bf', accent: '0x9ec5ff', bar: 'black@0.6', slate: '0xf2f2f2' };

/** Font sizes scale with the frame's shorter side (1080 → 1), never below a legible minimum. */
export function unitOf(width: number, height: number): number {
  return Math.min(width, height) / 1080;
}

const px = (n: number) => Math.max(1, Math.round(n));
const fontPx = (n: number) => Math.max(8, Math.round(n));

/**
 * The titled card drawn on a width × height frame when there is no picture: the scene heading
 * large, an accent rule, and the action in up to three lines (the slate labels the shot itself).
 * Margins are wide (12 %) so a move over the card never cuts the text.
 */
export function cardFilters(input: { fontFile: string; width: number; height: number; title: string; action: string }): string[] {
  const { fontFile, width, height } = input;
  const u = unitOf(width, height);
  const left = px(width * 0.12);
  const usable = width - 2 * left;
  const titleSize = fontPx(64 * u);
  const bodySize = fontPx(34 * u);
  const titleY = px(height * 0.36);
  const ruleY = titleY + px(titleSize * 1.45);
  const bodyY = ruleY + px(36 * u);
  const filters = [
    drawtext(fontFile, drawtextLiteral(truncate(input.title || 'Untitled scene', charsThatFit(usable, titleSize))), { size: titleSize, colour: PREVIS_COLOURS.title, x: left, y: titleY }),
    `drawbox=x=${left}:y=${ruleY}:w=${px(96 * u)}:h=${px(4 * u)}:color=${PREVIS_COLOURS.accent}:t=fill`,
  ];
  wrapWords(input.action, charsThatFit(usable, bodySize), 3).forEach((line, i) => {
    filters.push(drawtext(fontFile, drawtextLiteral(line), { size: bodySize, colour: PREVIS_COLOURS.body, x: left, y: bodyY + i * px(bodySize * 1.4) }));
  });
  return filters;
}

/** What the slate shows. */
export interface SlateText {
  project: string;
  shot: string;
  take: string;
  action: string;
  /** E.g. "PREVIS · MS · PUSH-IN". */
  label: string;
}

/**
 * A running timecode (hh:mm:ss:ff at the nominal whole rate, counted from 00:00:00:00) and the
 * frame number beside the last one, as drawtext expansions of the frame number `n`. Frame numbers
 * start at 0, as timecode does and as the player counts (DESIGN.md §7): "F 0 / 47" on the first
 * of 48 frames, at 00:00:00:00.
 */
export function timecodeText(fpsNum: number, fpsDen: number, frames: number): { timecode: string; counter: string } {
  const r = Math.max(1, Math.round(fpsNum / fpsDen));
  const part = (expr: string) => `%{eif:${expr}:d:2}`;
  return {
    timecode: [part(`trunc(n/${r * 3600})`), part(`mod(trunc(n/${r * 60}),60)`), part(`mod(trunc(n/${r}),60)`), part(`mod(n,${r})`)].join(':'),
    counter: `F %{eif:n:d} / ${Math.max(0, frames - 1)}`,
  };
}

/**
 * The burned-in slate on a width × height frame: a translucent bar along the bottom holding
 * project · shot · take and one line of the action on the left, timecode and frame count on the
 * right, and the shot's label small in the top left corner.
 */
export function slateFilters(input: { fontFile: string; width: number; height: number; fpsNum: number; fpsDen: number; frames: number; slate: SlateText }): string[] {
  const { fontFile, width, height, slate } = input;
  const u = unitOf(width, height);
  const margin = px(28 * u);
  const barHeight = px(112 * u);
  const top = height - barHeight;
  const mainSize = fontPx(30 * u);
  const smallSize = fontPx(24 * u);
  // The right-hand column holds at most "00:00:00:00" and "F 1439 / 1439"; the left gets the rest.
  const leftWidth = width - 2 * margin - px(smallSize * AVERAGE_ADVANCE * 16);
  const { timecode, counter } = timecodeText(input.fpsNum, input.fpsDen, input.frames);
  const heading = [slate.project, slate.shot, slate.take]
    .map((s) => s.trim())
    .filter(Boolean)
    .join(' · ');
  const row1 = top + px(20 * u);
  const row2 = top + px(64 * u);
  return [
    `drawbox=x=0:y=${top}:w=${width}:h=${barHeight}:color=${PREVIS_COLOURS.bar}:t=fill`,
    drawtext(fontFile, drawtextLiteral(truncate(heading, charsThatFit(leftWidth, mainSize))), { size: mainSize, colour: PREVIS_COLOURS.slate, x: margin, y: row1 }),
    drawtext(fontFile, drawtextLiteral(truncate(slate.action, charsThatFit(leftWidth, smallSize))), { size: smallSize, colour: PREVIS_COLOURS.body, x: margin, y: row2 }),
    drawtext(fontFile, timecode, { size: mainSize, colour: PREVIS_COLOURS.slate, x: `w-tw-${margin}`, y: row1 }),
    drawtext(fontFile, counter, { size: smallSize, colour: PREVIS_COLOURS.body, x: `w-tw-${margin}`, y: row2 }),
    drawtext(fontFile, drawtextLiteral(slate.label.toUpperCase()), { size: smallSize, colour: 'white@0.7', x: margin, y: margin }),
  ];
}
