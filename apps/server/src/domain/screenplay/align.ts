/**
 * Pairs the scenes of two drafts by aligning the sequences (Needleman–Wunsch with free gaps): the
 * pairing keeps script order and makes the sum of the pairs' similarity as large as it can be, so an
 * edited scene (new heading, changed action) pairs with what it was, a cut scene is a gap, and a
 * scene written in between is a gap on the other side. Scenes moved elsewhere are paired afterwards
 * by best similarity.
 */

/** What alignment reads of a scene: its heading and its text after the heading. */
export interface AlignedScene {
  heading: string;
  excerpt: string;
}

/** Pairs of at least this similarity may align; below it two scenes are different scenes. */
export const ALIGN_THRESHOLD = 0.5;
/** Scenes out of order pair only when this alike: a move plus an edit is still the same scene. */
const MOVED_THRESHOLD = 0.6;
/** The most cells one alignment table may have; past it only identical and moved scenes pair. */
const MAX_CELLS = 1_500_000;
/** How much the heading counts against the text when the text is there to compare. */
const HEADING_WEIGHT = 0.35;

/** Words of a text, lower case, without punctuation or Fountain marks. */
function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
}

/** The word pairs (and, for short texts, the words) of a text, counted. */
function shingles(text: string): Map<string, number> {
  const w = words(text);
  const out = new Map<string, number>();
  const add = (k: string) => out.set(k, (out.get(k) ?? 0) + 1);
  if (w.length < 3) w.forEach(add);
  for (let i = 0; i + 1 < w.length; i++) add(`${w[i]} ${w[i + 1]}`);
  return out;
}

/** The Dice coefficient of two counted sets: 1 when equal, 0 when nothing is shared; two empty texts are equal. */
function dice(a: Map<string, number>, b: Map<string, number>): number {
  let sizeA = 0;
  let sizeB = 0;
  let shared = 0;
  for (const n of a.values()) sizeA += n;
  for (const n of b.values()) sizeB += n;
  if (sizeA + sizeB === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const [k, n] of small) shared += Math.min(n, large.get(k) ?? 0);
  return (2 * shared) / (sizeA + sizeB);
}

interface Profile {
  heading: Map<string, number>;
  text: Map<string, number>;
  empty: boolean;
  key: string;
}

/** Words nearly every heading has: two headings are alike by their places, not by INT. and DAY. */
const HEADING_COMMON = new Set(['int', 'ext', 'est', 'i', 'e', 'day', 'night', 'morning', 'evening', 'afternoon', 'dawn', 'dusk', 'later', 'continuous', 'same', 'time', 'moments', 'the', 'of', 'a']);

function profile(scene: AlignedScene): Profile {
  const headingWords = new Map<string, number>();
  const all = words(scene.heading);
  const telling = all.filter((w) => !HEADING_COMMON.has(w));
  for (const w of telling.length > 0 ? telling : all) headingWords.set(w, (headingWords.get(w) ?? 0) + 1);
  return { heading: headingWords, text: shingles(scene.excerpt), empty: scene.excerpt.trim() === '', key: `${scene.heading.trim().replace(/\s+/g, ' ').toUpperCase()}\u0000${scene.excerpt.trim()}` };
}

function similarityOf(a: Profile, b: Profile): number {
  if (a.key === b.key) return 1;
  const heading = dice(a.heading, b.heading);
  // Two scenes without text are told apart by their headings alone.
  if (a.empty && b.empty) return heading;
  return HEADING_WEIGHT * heading + (1 - HEADING_WEIGHT) * dice(a.text, b.text);
}

/** How alike two scenes are, from 0 (nothing shared) to 1 (same heading and text). */
export function sceneSimilarity(a: AlignedScene, b: AlignedScene): number {
  return similarityOf(profile(a), profile(b));
}

/**
 * Pairs old scenes with new ones: returns [oldIndex, newIndex] pairs in new-script order. Each
 * scene is in at most one pair; a pair's similarity is at least ALIGN_THRESHOLD.
 */
export function alignScenes(older: readonly AlignedScene[], newer: readonly AlignedScene[]): [number, number][] {
  const a = older.map(profile);
  const b = newer.map(profile);
  const pairs: [number, number][] = [];
  // Identical scenes at both ends need no table.
  let start = 0;
  while (start < a.length && start < b.length && a[start].key === b[start].key) pairs.push([start, start++]);
  let endA = a.length;
  let endB = b.length;
  const tail: [number, number][] = [];
  while (endA > start && endB > start && a[endA - 1].key === b[endB - 1].key) tail.unshift([--endA, --endB]);

  const n = endA - start;
  const m = endB - start;
  if (n > 0 && m > 0 && (n + 1) * (m + 1) <= MAX_CELLS) pairs.push(...table(a.slice(start, endA), b.slice(start, endB)).map(([i, j]) => [i + start, j + start] as [number, number]));
  else pairs.push(...identical(a, b, start, endA, endB));
  pairs.push(...tail);

  // Scenes moved out of order: pair what is left by best similarity, most alike first.
  const usedA = new Set(pairs.map(([i]) => i));
  const usedB = new Set(pairs.map(([, j]) => j));
  const leftA = a.map((_, i) => i).filter((i) => !usedA.has(i));
  const leftB = b.map((_, j) => j).filter((j) => !usedB.has(j));
  if (leftA.length > 0 && leftB.length > 0 && leftA.length * leftB.length <= MAX_CELLS) {
    const candidates: [number, number, number][] = [];
    for (const i of leftA) for (const j of leftB) {
      const s = similarityOf(a[i], b[j]);
      if (s >= MOVED_THRESHOLD) candidates.push([s, i, j]);
    }
    candidates.sort((x, y) => y[0] - x[0] || x[2] - y[2] || x[1] - y[1]);
    for (const [, i, j] of candidates) {
      if (usedA.has(i) || usedB.has(j)) continue;
      usedA.add(i);
      usedB.add(j);
      pairs.push([i, j]);
    }
  }
  return pairs.sort((x, y) => x[1] - y[1]);
}

/** Needleman–Wunsch: a gap costs nothing, a pair scores its similarity, pairs below the threshold are not allowed. */
function table(a: Profile[], b: Profile[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  const score = new Float64Array((n + 1) * width);
  // 0: pair, 1: skip an old scene, 2: skip a new scene.
  const move = new Uint8Array((n + 1) * width);
  for (let i = 1; i <= n; i++) move[i * width] = 1;
  for (let j = 1; j <= m; j++) move[j] = 2;
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const up = score[(i - 1) * width + j];
      const left = score[i * width + j - 1];
      let best = up;
      let how = 1;
      if (left > best) {
        best = left;
        how = 2;
      }
      const s = similarityOf(a[i - 1], b[j - 1]);
      if (s >= ALIGN_THRESHOLD) {
        const diagonal = score[(i - 1) * width + j - 1] + s;
        if (diagonal >= best) {
          best = diagonal;
          how = 0;
        }
      }
      score[i * width + j] = best;
      move[i * width + j] = how;
    }
  }
  const pairs: [number, number][] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const how = move[i * width + j];
    if (how === 0) pairs.push([--i, --j]);
    else if (how === 1) i--;
    else j--;
  }
  return pairs.reverse();
}

/** For drafts too long for a table: pairs identical scenes in order, first with first. */
function identical(a: Profile[], b: Profile[], start: number, endA: number, endB: number): [number, number][] {
  const byKey = new Map<string, number[]>();
  for (let i = start; i < endA; i++) {
    const list = byKey.get(a[i].key);
    if (list) list.push(i);
    else byKey.set(a[i].key, [i]);
  }
  const pairs: [number, number][] = [];
  for (let j = start; j < endB; j++) {
    const i = byKey.get(b[j].key)?.shift();
    if (i !== undefined) pairs.push([i, j]);
  }
  return pairs;
}
