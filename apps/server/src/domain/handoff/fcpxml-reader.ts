/**
 * An editor's FCPXML cut as Backlot reads it: the first project's sequence, its spine's clips in
 * record order (frames on the sequence's format; source frames from the asset's start), Backlot's
 * ids from each clip's metadata, and the rest named and reported, never applied: anchored audio and
 * video (other lanes), gaps, transitions, titles and generators, filters, retimes, compound and
 * multicam clips. An element Backlot cannot place is refused, naming it.
 */
import type { FrameRational } from '@backlot/contracts';
import { fail } from '../errors.ts';
import type { ImportedCut, ImportedCutClip, NotAppliedItem } from './cut.types.ts';
import { readXml, type XmlElement } from './fcpxml-tree.ts';

const unreadable = (what: string): never => fail('handoff.cut_unreadable', `Backlot cannot read this FCPXML: ${what}.`, 'file');

/** FCPXML time (`1001/24000s`, `3600s`, `0s`) as a fraction of seconds. */
function seconds(text: string | undefined, where: string): { n: bigint; d: bigint } {
  if (text === undefined || text === '') return { n: 0n, d: 1n };
  const m = /^(-?\d+)(?:\/(\d+))?s$/.exec(text.trim());
  if (!m || m[2] === '0') return unreadable(`${where} is not an FCPXML time ("${text}")`);
  return { n: BigInt(m[1]), d: BigInt(m[2] ?? '1') };
}

/** The file name at the end of a media URL, percent-escapes undone where they are valid. */
function fileName(src: string): string {
  const last = src.split('/').pop() ?? src;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

const find = (e: XmlElement, name: string) => e.children.find((c) => c.name === name);
const all = (e: XmlElement, name: string) => e.children.filter((c) => c.name === name);

/** The first `project` in document order (under library › event, an event, or the root). */
function firstProject(e: XmlElement): XmlElement | null {
  for (const c of e.children) {
    if (c.name === 'project') return c;
    if (c.name === 'library' || c.name === 'event') {
      const p = firstProject(c);
      if (p) return p;
    }
  }
  return null;
}

const ANCHORABLE = new Set(['audio', 'video', 'clip', 'title', 'caption', 'mc-clip', 'ref-clip', 'sync-clip', 'asset-clip', 'audition', 'spine', 'gap']);
const NESTED = new Set(['ref-clip', 'sync-clip', 'mc-clip', 'audition']);

/** Reads an FCPXML cut; throws `handoff.cut_unreadable` naming what it cannot read. */
export function readFcpxmlCut(text: string): ImportedCut {
  const root = readXml(text, 'FCPXML file');
  if (root.name !== 'fcpxml') return unreadable(`the root element is <${root.name}>, not <fcpxml>`);
  const resources = find(root, 'resources');
  const formats = new Map((resources ? all(resources, 'format') : []).map((f) => [f.attrs.id, f]));
  const assets = new Map((resources ? all(resources, 'asset') : []).map((a) => [a.attrs.id, a]));
  const project = firstProject(root);
  if (!project) return unreadable('it holds no <project>');
  const sequence = find(project, 'sequence');
  if (!sequence) return unreadable(`project "${project.attrs.name ?? ''}" has no <sequence>`);
  const format = formats.get(sequence.attrs.format ?? '');
  if (!format?.attrs.frameDuration) return unreadable(`the sequence's format "${sequence.attrs.format ?? ''}" has no frameDuration`);
  const fd = seconds(format.attrs.frameDuration, "the format's frameDuration");
  if (fd.n <= 0n || fd.n > BigInt(Number.MAX_SAFE_INTEGER) || fd.d > BigInt(Number.MAX_SAFE_INTEGER)) return unreadable(`the frameDuration "${format.attrs.frameDuration}" is not a frame duration`);
  const g = gcd(fd.n, fd.d);
  const rate: FrameRational = { num: Number(fd.d / g), den: Number(fd.n / g) };
  /** Frames in an FCPXML time, to the nearest frame (audio may sit between frames). */
  const frames = (t: string | undefined, where: string) => {
    const s = seconds(t, where);
    const num = s.n * fd.d;
    const den = s.d * fd.n;
    return Number((2n * num + den) / (2n * den));
  };
  const spine = find(sequence, 'spine');
  if (!spine) return unreadable('the sequence has no <spine>');
  const tcStart = frames(sequence.attrs.tcStart, 'the sequence tcStart');
  const clips: ImportedCutClip[] = [];
  const notApplied: NotAppliedItem[] = [];
  let at = 0;
  spine.children.forEach((item, i) => {
    const where = `spine item ${i + 1} <${item.name}>`;
    const name = item.attrs.name ?? '';
    const label = `${item.name} "${name}"`;
    if (item.name === 'transition') {
      notApplied.push({ kind: 'transition', description: `transition "${name}" at record frame ${at}` });
      return;
    }
    if (!ANCHORABLE.has(item.name)) return unreadable(`${where} is not a clip, gap or transition Backlot knows`);
    const offset = item.attrs.offset === undefined ? at : frames(item.attrs.offset, `${where} offset`) - tcStart;
    const duration = frames(item.attrs.duration, `${where} duration`);
    for (const child of item.children) {
      if (child.name === 'timeMap' || child.name === 'conform-rate') notApplied.push({ kind: 'retime', description: `${child.name} on ${label}` });
      else if (child.name === 'filter-video' || child.name === 'filter-audio')
        notApplied.push({ kind: 'effect', description: `${child.name} "${child.attrs.name ?? child.attrs.ref ?? ''}" on ${label}` });
      else if (ANCHORABLE.has(child.name) && child.attrs.lane !== undefined) {
        const audio = child.name === 'audio' || child.attrs.srcEnable === 'audio' || Number(child.attrs.lane) < 0;
        notApplied.push({ kind: audio ? 'audio_track' : 'video_track', description: `${child.name} "${child.attrs.name ?? ''}" in lane ${child.attrs.lane} over ${label}` });
      }
    }
    if (item.name === 'gap') notApplied.push({ kind: 'gap', description: `gap of ${duration} frames at record frame ${offset}` });
    else if (item.name === 'title' || item.name === 'caption') notApplied.push({ kind: 'effect', description: `${label} of ${duration} frames at record frame ${offset}` });
    else if (NESTED.has(item.name) || item.name === 'spine') notApplied.push({ kind: 'nested', description: `${label} of ${duration} frames at record frame ${offset}` });
    else if (item.name === 'audio') notApplied.push({ kind: 'audio_track', description: `${label} in the spine at record frame ${offset}` });
    else {
      // asset-clip refers to an asset; clip and video hold their media in a video child.
      const media = item.name === 'asset-clip' ? item : item.name === 'video' ? item : (find(item, 'video') ?? find(item, 'asset-clip'));
      const asset = media ? assets.get(media.attrs.ref ?? '') : undefined;
      if (!asset) return unreadable(`${where} ("${name}") refers to no asset in <resources>`);
      const src = find(asset, 'media-rep')?.attrs.src ?? asset.attrs.src;
      const start = frames(item.attrs.start, `${where} start`);
      const inner = media === item ? 0 : frames(media?.attrs.start, `${where} media start`) - frames(media?.attrs.offset, `${where} media offset`);
      const sourceIn = start + inner - frames(asset.attrs.start, `asset "${asset.attrs.id}" start`);
      const md = new Map(all(find(item, 'metadata') ?? { name: '', attrs: {}, children: [] }, 'md').map((m) => [m.attrs.key, m.attrs.value]));
      clips.push({
        name: name || asset.attrs.name || '',
        ...(src ? { mediaName: fileName(src) } : {}),
        sourceIn,
        sourceOut: sourceIn + duration,
        recordIn: offset,
        ...(md.get('com.backlot.takeId') ? { takeId: md.get('com.backlot.takeId') } : {}),
        ...(md.get('com.backlot.shotId') ? { shotId: md.get('com.backlot.shotId') } : {}),
      });
    }
    at = offset + duration;
  });
  return { format: 'fcpxml', name: project.attrs.name ?? '', rate, clips, notApplied };
}
