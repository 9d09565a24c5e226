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

/** The word pairs (and, for short texts, the words) of a text. */
function shingles(text: string): string[] {
  const w = words(text);
  const out: string[] = w.length < 3 ? [...w] : [];
  for (let i = 0; i + 1 < w.length; i++) out.push(`${w[i]} ${w[i + 1]}`);
  return out;
}

/** Gives each distinct shingle a number, so a text is a sorted list of numbers (repeats kept). */
class Interner {
  private ids = new Map<string, number>();
  of(items: string[]): Int32Array {
    const out = new Int32Array(items.length);
    items.forEach((item, i) => {
      let id = this.ids.get(item);
      if (id === undefined) this.ids.set(item, (id = this.ids.size));
      out[i] = id;
    });
    return out.sort();
  }
}

/** The Dice coefficient of two sorted multisets: 1 when equal, 0 when nothing is shared; two empty ones are equal. */
function dice(a: Int32Array, b: Int32Array): number {
  if (a.length + b.length === 0) return 1;
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return (2 * shared) / (a.length + b.length);
}

interface Profile {
  heading: Int32Array;
  text: Int32Array;
  empty: boolean;
  key: string;
}

/** Words nearly every heading has: two headings are alike by their places, not by INT. and DAY. */
const HEADING_COMMON = new Set(['int', 'ext', 'est', 'i', 'e', 'day', 'night', 'morning', 'evening', 'afternoon', 'dawn', 'dusk', 'later', 'continuous', 'same', 'time', 'moments', 'the', 'of', 'a']);

function profile(scene: AlignedScene, interner: Interner): Profile {
  const all = words(scene.heading);
  const telling = all.filter((w) => !HEADING_COMMON.has(w));
  return {
    heading: interner.of((telling.length > 0 ? telling : all).map((w) => `#${w}`)),
    text: interner.of(shingles(scene.excerpt)),
    empty: scene.excerpt.trim() === '',
    key: `${scene.heading.trim().replace(/\s+/g, ' ').toUpperCase()}\u0000${scene.excerpt.trim()}`,
  };
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
  const interner = new Interner();
  return similarityOf(profile(a, interner), profile(b, interner));
}

/**
 * Pairs old scenes with new ones: returns [oldIndex, newIndex] pairs in new-script order. Each
 * scene is in at most one pair; a pair's similarity is at least ALIGN_THRESHOLD.
 */
export function alignScenes(older: readonly AlignedScene[], newer: readonly AlignedScene[]): [number, number][] {
  const interner = new Interner();
  const a = older.map((scene) => profile(scene, interner));
  const b = newer.map((scene) => profile(scene, interner));
  const pairs: [number, number][] = [];
  // Scenes identical in both drafts, once each, in the same order, anchor the alignment; only the
  // stretches between anchors need a table, so a long script with a few edits aligns quickly.
  const anchors = uniqueAnchors(a, b);
  let fromA = 0;
  let fromB = 0;
  for (const [i, j] of [...anchors, [a.length, b.length] as [number, number]]) {
    const n = i - fromA;
    const m = j - fromB;
    if (n > 0 && m > 0) {
      const gap = (n + 1) * (m + 1) <= MAX_CELLS ? table(a.slice(fromA, i), b.slice(fromB, j)) : identical(a.slice(fromA, i), b.slice(fromB, j));
      for (const [x, y] of gap) pairs.push([x + fromA, y + fromB]);
    }
    if (i < a.length) pairs.push([i, j]);
    fromA = i + 1;
    fromB = j + 1;
  }

  // Scenes moved out of order: pair what is left by best similarity, most alike first.
  const usedA = new Set(pairs.map(([i]) => i));
  const usedB = new Set(pairs.map(([, j]) => j));
  const leftA = a.map((_, i) => i).filter((i) => !usedA.has(i));
  const leftB = b.map((_, j) => j).filter((j) => !usedB.has(j));
  if (leftA.length > 0 && leftB.length > 0 && leftA.length * leftB.length <= MAX_CELLS) {
    const candidates: [number, number, number][] = [];
    for (const i of leftA)
      for (const j of leftB) {
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

/** For stretches too long for a table: pairs identical scenes in order, first with first. */
function identical(a: Profile[], b: Profile[]): [number, number][] {
  const byKey = new Map<string, number[]>();
  a.forEach((p, i) => {
    const list = byKey.get(p.key);
    if (list) list.push(i);
    else byKey.set(p.key, [i]);
  });
  const pairs: [number, number][] = [];
  b.forEach((p, j) => {
    const i = byKey.get(p.key)?.shift();
    if (i !== undefined) pairs.push([i, j]);
  });
  return pairs;
}

/**
 * Pairs of scenes identical in both drafts whose text occurs once in each, keeping the longest run
 * that is in the same order in both (a longest increasing subsequence, as patience diff does).
 */
function uniqueAnchors(a: Profile[], b: Profile[]): [number, number][] {
  const count = (list: Profile[]) => {
    const seen = new Map<string, number>();
    list.forEach((p, i) => seen.set(p.key, seen.has(p.key) ? -1 : i));
    return seen;
  };
  const inA = count(a);
  const inB = count(b);
  const candidates: [number, number][] = [];
  for (const [key, j] of inB) {
    const i = inA.get(key);
    if (j >= 0 && i !== undefined && i >= 0) candidates.push([i, j]);
  }
  candidates.sort((x, y) => x[1] - y[1]);
  // Longest increasing subsequence of old indexes, in new order.
  const tails: number[] = [];
  const previous = new Int32Array(candidates.length).fill(-1);
  candidates.forEach(([i], k) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (candidates[tails[mid]][0] < i) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[k] = tails[lo - 1];
    tails[lo] = k;
  });
  const out: [number, number][] = [];
  for (let k = tails.length > 0 ? tails[tails.length - 1] : -1; k >= 0; k = previous[k]) out.push(candidates[k]);
  return out.reverse();
}
