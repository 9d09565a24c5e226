/**
 * What an editor's cut changed against the timeline Backlot handed over. Each cut clip is matched
 * to a handed-over clip: by take id in metadata, then by the handoff name (`PROJ_SC012_SH030_TK004`,
 * also as the media's file name); another take of a handed-over shot — the same name under another
 * take code, or the shot id in metadata with another take id — is a swap; last by reel (a
 * Premiere-style EDL has no clip names). A shot used a second time is reported. Then: the new order,
 * trimmed in/out per shot, shots left out, swapped takes, clips that match nothing, and what the
 * cut holds that Backlot does not apply. Pure.
 */
import { fail } from '../errors.ts';
import type { CutChangeReport, CutShotMove, CutSwap, CutTrim, ImportedCut, ImportedCutClip, NotAppliedItem } from './cut.types.ts';
import type { HandoffClip, HandoffTimeline } from './handoff-timeline.ts';

type Match = { kind: 'same'; index: number } | { kind: 'swap'; index: number; takeCode: string; takeId?: string } | null;

const baseName = (path: string) => (path.split(/[\\/]/).pop() ?? path).replace(/\.[A-Za-z0-9]+$/, '');
/** The handoff name without its take: `PROJ_SC012_SH030`. */
const shotPrefix = (c: HandoffClip) => c.name.slice(0, c.name.length - c.takeCode.length - 1);

function takeCodeAfter(prefix: string, name: string): string | null {
  if (!name.startsWith(`${prefix}_`)) return null;
  return /^(TK\d+)(?![A-Za-z0-9])/.exec(name.slice(prefix.length + 1))?.[1] ?? null;
}

/** The handed-over clip a cut clip stands for; `used` holds the indexes already taken (a swap takes a free clip of its shot). */
function matchClip(c: ImportedCutClip, expected: readonly HandoffClip[], used: ReadonlySet<number>): Match {
  if (c.takeId) {
    const same = expected.findIndex((e) => e.takeId === c.takeId);
    if (same >= 0) return { kind: 'same', index: same };
  }
  const names = [c.name.trim(), ...(c.mediaName ? [baseName(c.mediaName)] : [])];
  const byName = expected.findIndex((e) => names.includes(e.name));
  if (byName >= 0) return { kind: 'same', index: byName };
  const swapOf = (test: (e: HandoffClip) => string | null) => {
    const candidates = expected.map((e, index) => ({ index, takeCode: test(e) })).filter((x) => x.takeCode !== null);
    const pick = candidates.find((x) => !used.has(x.index)) ?? candidates[0];
    return pick ? ({ kind: 'swap', index: pick.index, takeCode: pick.takeCode ?? '', ...(c.takeId ? { takeId: c.takeId } : {}) } as const) : null;
  };
  const byPattern = swapOf((e) => names.map((n) => takeCodeAfter(shotPrefix(e), n)).find((t) => t !== null) ?? null);
  if (byPattern) return byPattern;
  if (c.shotId) {
    const byShot = swapOf((e) => (e.shotId === c.shotId ? '' : null));
    if (byShot) return byShot;
  }
  if (c.reel && names.every((n) => n === c.reel)) {
    const byReel = expected.findIndex((e) => e.reel === c.reel);
    if (byReel >= 0) return { kind: 'same', index: byReel };
  }
  return null;
}

/** The change report of `cut` against `expected`; refuses a cut at another rate, naming both. */
export function compareCut(expected: HandoffTimeline, cut: ImportedCut): CutChangeReport {
  if (cut.rate && cut.rate.num * expected.rate.den !== expected.rate.num * cut.rate.den) {
    fail(
      'handoff.cut_unreadable',
      `The cut runs at ${cut.rate.num}/${cut.rate.den} and the project at ${expected.rate.num}/${expected.rate.den}; Backlot compares cuts at the project's rate.`,
      'rate',
    );
  }
  const trims: CutTrim[] = [];
  const swaps: CutSwap[] = [];
  const unmatched: CutChangeReport['unmatched'] = [];
  const notApplied: NotAppliedItem[] = [...cut.notApplied];
  /** Indexes of the handed-over clips, in the cut's order. */
  const cutOrder: number[] = [];
  const used = new Set<number>();
  for (const c of cut.clips) {
    const m = matchClip(c, expected.clips, used);
    if (!m) {
      unmatched.push({ name: c.name, recordIn: c.recordIn });
      continue;
    }
    const e = expected.clips[m.index];
    if (used.has(m.index)) {
      notApplied.push({ kind: 'repeated_shot', description: `"${c.name}" uses shot ${e.shotCode} again at record frame ${c.recordIn}` });
      continue;
    }
    used.add(m.index);
    cutOrder.push(m.index);
    if (m.kind === 'swap') {
      swaps.push({ shotId: e.shotId, clipName: c.name, fromTakeCode: e.takeCode, toTakeCode: m.takeCode, ...(m.takeId ? { toTakeId: m.takeId } : {}), sourceIn: c.sourceIn, sourceOut: c.sourceOut });
    } else if (c.sourceIn !== e.sourceIn || c.sourceOut !== e.sourceOut) {
      trims.push({ shotId: e.shotId, takeId: e.takeId, clipName: e.name, before: { sourceIn: e.sourceIn, sourceOut: e.sourceOut }, after: { sourceIn: c.sourceIn, sourceOut: c.sourceOut } });
    }
  }
  const keptOrder = expected.clips.map((_, i) => i).filter((i) => used.has(i));
  const orderChanged = keptOrder.some((index, i) => cutOrder[i] !== index);
  const moves: CutShotMove[] = orderChanged
    ? cutOrder.flatMap((index, to) => {
        const from = keptOrder.indexOf(index);
        return from === to ? [] : [{ shotId: expected.clips[index].shotId, clipName: expected.clips[index].name, from, to }];
      })
    : [];
  const omitted = expected.clips.filter((_, i) => !used.has(i)).map((e) => ({ shotId: e.shotId, clipName: e.name }));
  const newOrder = orderChanged ? cutOrder.map((i) => expected.clips[i].shotId) : [];
  return { orderChanged, newOrder, moves, trims, omitted, swaps, unmatched, notApplied };
}
