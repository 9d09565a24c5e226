/**
 * An editor's OTIO cut as Backlot reads it: the first video track's clips in record order (frames
 * on the cut's rate, source frames from the media's first available frame), Backlot's ids from
 * `metadata.backlot`, and everything else named and reported, never applied: audio tracks, other
 * video tracks, gaps, transitions, effects, retimes, nested stacks and tracks. A document or element
 * Backlot cannot read is refused, naming it.
 */
import { fail } from '../errors.ts';
import { rateFromFloat } from './cut-rate.ts';
import type { ImportedCut, ImportedCutClip, NotAppliedItem } from './cut.types.ts';
import { parseOtioJson, type OtioValue } from './otio-json.ts';

type Obj = { [key: string]: OtioValue };

const isObj = (v: OtioValue | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v) && typeof v !== 'bigint';
const schemaOf = (v: OtioValue | undefined) => (isObj(v) && typeof v.OTIO_SCHEMA === 'string' ? v.OTIO_SCHEMA : '');
const kindOf = (v: Obj) => schemaOf(v).split('.')[0];
const nameOf = (v: Obj) => (typeof v.name === 'string' ? v.name : '');
const unreadable = (what: string): never => fail('handoff.cut_unreadable', `Backlot cannot read this OTIO timeline: ${what}.`, 'file');

const KNOWN_ITEMS = new Set(['Clip', 'Gap', 'Transition', 'Stack', 'Track']);
const RETIMES = new Set(['LinearTimeWarp', 'FreezeFrame', 'TimeEffect']);

interface Time {
  value: number;
  rate: number;
}

function readTime(v: OtioValue | undefined, where: string): Time {
  if (!isObj(v) || kindOf(v) !== 'RationalTime' || typeof v.value !== 'number' || typeof v.rate !== 'number' || !Number.isFinite(v.value) || !(v.rate > 0)) {
    return unreadable(`${where} is not a RationalTime with a finite value and a rate above 0`);
  }
  return { value: v.value, rate: v.rate };
}

function readRange(v: OtioValue | undefined, where: string): { start: Time; duration: Time } | null {
  if (v === null || v === undefined) return null;
  if (!isObj(v) || kindOf(v) !== 'TimeRange') return unreadable(`${where} is not a TimeRange`);
  return { start: readTime(v.start_time, `${where}.start_time`), duration: readTime(v.duration, `${where}.duration`) };
}

/** Frames of an item on the cut's rate: its source range, or its children's (a track sums, a stack takes the longest). */
function itemFrames(item: Obj, toFrames: (t: Time) => number, where: string): number {
  const range = readRange(item.source_range, `${where}.source_range`);
  if (range) return toFrames(range.duration);
  const kind = kindOf(item);
  if (kind === 'Clip') {
    const media = activeMedia(item);
    const available = media ? readRange(media.available_range, `${where} media available_range`) : null;
    return available ? toFrames(available.duration) : unreadable(`clip "${nameOf(item)}" (${where}) has neither a source_range nor media with an available_range`);
  }
  const children = Array.isArray(item.children) ? item.children.filter(isObj) : [];
  const lengths = children.filter((c) => kindOf(c) !== 'Transition').map((c, i) => itemFrames(c, toFrames, `${where}.children.${i}`));
  if (kind === 'Stack') return Math.max(0, ...lengths);
  return lengths.reduce((a, b) => a + b, 0);
}

function activeMedia(clip: Obj): Obj | null {
  if (isObj(clip.media_references)) {
    const key = typeof clip.active_media_reference_key === 'string' ? clip.active_media_reference_key : 'DEFAULT_MEDIA';
    const m = clip.media_references[key];
    return isObj(m) ? m : null;
  }
  return isObj(clip.media_reference) ? clip.media_reference : null;
}

/** The first rate a clip's source range is written at, the cut's rate. */
function firstRate(v: OtioValue): number | null {
  if (Array.isArray(v)) {
    for (const x of v) {
      const r = firstRate(x);
      if (r) return r;
    }
    return null;
  }
  if (!isObj(v)) return null;
  if (kindOf(v) === 'RationalTime' && typeof v.rate === 'number' && v.rate > 0) return v.rate;
  for (const key of ['tracks', 'children', 'source_range', 'duration', 'global_start_time']) {
    const r = key in v ? firstRate(v[key]) : null;
    if (r) return r;
  }
  return null;
}

/** Reads an OTIO cut (Timeline.1 at the root); throws `handoff.cut_unreadable` naming what it cannot read. */
export function readOtioCut(text: string): ImportedCut {
  const root = parseOtioJson(text);
  if (!isObj(root)) return unreadable('the document is not an object');
  if (kindOf(root) !== 'Timeline') return unreadable(`the document is a "${schemaOf(root) || 'plain object'}", not a Timeline`);
  const stack = root.tracks;
  if (!isObj(stack) || kindOf(stack) !== 'Stack' || !Array.isArray(stack.children)) return unreadable('the timeline\'s "tracks" is not a Stack of tracks');
  const rateFloat = firstRate(stack) ?? 24;
  const rate = rateFromFloat(rateFloat);
  if (!rate) return unreadable(`the rate ${rateFloat} is not a frame rate Backlot knows`);
  const toFrames = (t: Time) => {
    const f = Math.abs(t.rate - rateFloat) < 1e-9 ? t.value : (t.value * rateFloat) / t.rate;
    return Math.round(f);
  };
  const notApplied: NotAppliedItem[] = [];
  const clips: ImportedCutClip[] = [];
  let main: Obj | null = null;
  stack.children.forEach((track, i) => {
    if (!isObj(track) || kindOf(track) !== 'Track') return unreadable(`tracks.children.${i} is a "${isObj(track) ? schemaOf(track) : typeof track}", not a Track`);
    const label = `track "${nameOf(track) || i + 1}"`;
    if (track.kind === 'Audio') notApplied.push({ kind: 'audio_track', description: `audio ${label}` });
    else if (track.kind !== 'Video') unreadable(`${label} is of kind "${String(track.kind)}" (Video or Audio)`);
    else if (main) notApplied.push({ kind: 'video_track', description: `video ${label} above the first (only the first video track is read)` });
    else main = track;
  });
  if (!main) return unreadable('it has no video track');
  const track: Obj = main;
  let at = 0;
  const children = Array.isArray(track.children) ? track.children : [];
  children.forEach((item, i) => {
    const where = `tracks.children.0.children.${i}`;
    if (!isObj(item)) return unreadable(`${where} is not an object`);
    const kind = kindOf(item);
    if (!KNOWN_ITEMS.has(kind)) return unreadable(`${where} is a "${schemaOf(item) || 'plain object'}" (Clip, Gap, Transition, Stack or Track)`);
    const name = nameOf(item);
    if (kind === 'Transition') {
      notApplied.push({ kind: 'transition', description: `transition "${name}" (${String(item.transition_type ?? '')}) at record frame ${at}` });
      return;
    }
    const frames = itemFrames(item, toFrames, where);
    for (const effect of Array.isArray(item.effects) ? item.effects.filter(isObj) : []) {
      const ek = kindOf(effect);
      const label = `${schemaOf(effect)}${typeof effect.effect_name === 'string' && effect.effect_name ? ` "${effect.effect_name}"` : ''} on "${name}"`;
      if (RETIMES.has(ek)) notApplied.push({ kind: 'retime', description: `${label}${typeof effect.time_scalar === 'number' ? ` (×${effect.time_scalar})` : ''}` });
      else notApplied.push({ kind: 'effect', description: label });
    }
    if (kind === 'Gap') {
      notApplied.push({ kind: 'gap', description: `gap "${name}" of ${frames} frames at record frame ${at}` });
    } else if (kind === 'Stack' || kind === 'Track') {
      notApplied.push({ kind: 'nested', description: `nested ${kind.toLowerCase()} "${name}" of ${frames} frames at record frame ${at}` });
    } else {
      const media = activeMedia(item);
      const available = media ? readRange(media.available_range, `${where} media available_range`) : null;
      const source = readRange(item.source_range, `${where}.source_range`);
      const sourceIn = source ? toFrames(source.start) - (available ? toFrames(available.start) : 0) : 0;
      const backlot = isObj(item.metadata) && isObj(item.metadata.backlot) ? item.metadata.backlot : {};
      const url = media && typeof media.target_url === 'string' ? media.target_url : undefined;
      clips.push({
        name,
        ...(url ? { mediaName: url.split(/[\\/]/).pop() } : {}),
        sourceIn,
        sourceOut: sourceIn + frames,
        recordIn: at,
        ...(typeof backlot.takeId === 'string' ? { takeId: backlot.takeId } : {}),
        ...(typeof backlot.shotId === 'string' ? { shotId: backlot.shotId } : {}),
      });
    }
    at += frames;
  });
  return { format: 'otio', name: nameOf(root), rate, clips, notApplied };
}
