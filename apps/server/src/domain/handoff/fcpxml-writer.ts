/**
 * FCPXML from a handoff timeline, in the version the user picks (1.9 to 1.13: an NLE refuses a
 * version newer than it knows). One format (the project's frame duration and size), one asset per
 * clip with a `media-rep` pointing at the media in the package, and library › event › project ›
 * sequence › spine of asset-clips. Every time is a whole number of frames written as a rational of
 * seconds (`4004/24000s` is 4 frames at 24000/1001). Notes are markers on their clip, in the clip's
 * media time: a note is a to-do marker, a resolved note a completed one, other kinds plain markers;
 * the first clip of each scene carries a chapter marker named for the scene. Backlot's ids go into
 * each clip's metadata.
 */
import type { FrameRational } from '@backlot/contracts';
import { fail } from '../errors.ts';
import { checkTimeline, markerLabel, markersInRange, oneLine } from './handoff-check.ts';
import { type HandoffClip, type HandoffMarker, type HandoffTimeline, recordOffsets } from './handoff-timeline.ts';

export const FCPXML_VERSIONS = ['1.9', '1.10', '1.11', '1.12', '1.13'] as const;
export type FcpxmlVersion = (typeof FCPXML_VERSIONS)[number];

export interface FcpxmlOptions {
  version: FcpxmlVersion;
  /** Put before each media path in `media-rep src` (e.g. `file:///Volumes/Edit/handoff/`); none keeps it relative. */
  mediaRoot?: string;
}

/** Characters XML 1.0 forbids anywhere (control characters but tab, line feed and carriage return; U+FFFE, U+FFFF). */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Escapes text for an XML attribute or element, dropping the characters XML cannot hold at all. */
export function xmlText(s: string): string {
  return s.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** `frames` frames at `rate` as FCPXML time: `0s`, or `frames·den/num s` (a whole multiple of the frame duration). */
export function fcpTime(frames: number, rate: FrameRational): string {
  return frames === 0 ? '0s' : `${frames * rate.den}/${rate.num}s`;
}

const attrs = (pairs: Record<string, string | number>) =>
  Object.entries(pairs)
    .map(([k, v]) => ` ${k}="${xmlText(String(v))}"`)
    .join('');

function markerXml(m: HandoffMarker, rate: FrameRational): string {
  const base = { start: fcpTime(m.frame, rate), duration: fcpTime(m.duration, rate), value: markerLabel(m) };
  const note = oneLine(`${m.kind.replace('_', ' ')} by ${m.author} (${m.noteId})`);
  if (m.kind === 'note') return `<marker${attrs({ ...base, completed: '0', note })}/>`;
  if (m.kind === 'resolved') return `<marker${attrs({ ...base, completed: '1', note })}/>`;
  return `<marker${attrs({ ...base, note })}/>`;
}

function clipXml(c: HandoffClip, i: number, offset: number, chapter: boolean, t: HandoffTimeline, tcFormat: string): string[] {
  const rate = t.rate;
  const inner: string[] = [];
  if (chapter) inner.push(`<chapter-marker${attrs({ start: fcpTime(c.sourceIn, rate), duration: fcpTime(1, rate), value: `Scene ${c.sceneCode}`, posterOffset: '0s' })}/>`);
  for (const m of markersInRange(c)) inner.push(markerXml(m, rate));
  const md = { 'com.backlot.takeId': c.takeId, 'com.backlot.shotId': c.shotId, 'com.backlot.shotCode': c.shotCode, 'com.backlot.takeCode': c.takeCode };
  inner.push('<metadata>', ...Object.entries(md).map(([key, value]) => `    <md${attrs({ key, value })}/>`), '</metadata>');
  const open = `<asset-clip${attrs({
    ref: `a${i + 1}`,
    offset: fcpTime(offset, rate),
    name: c.name,
    start: fcpTime(c.sourceIn, rate),
    duration: fcpTime(c.sourceOut - c.sourceIn, rate),
    tcFormat,
  })}>`;
  return [open, ...inner.map((l) => `    ${l}`), '</asset-clip>'];
}

/** The `.fcpxml` text. Throws `handoff.format_unsupported` for a version not offered, `handoff.timeline_invalid` naming the field at fault. */
export function writeFcpxml(t: HandoffTimeline, options: FcpxmlOptions): string {
  if (!(FCPXML_VERSIONS as readonly string[]).includes(options.version)) {
    fail('handoff.format_unsupported', `FCPXML versions offered are ${FCPXML_VERSIONS.join(', ')}; got "${options.version}".`, 'version');
  }
  checkTimeline(t);
  const rate = t.rate;
  const tcFormat = t.timecode === 'df' ? 'DF' : 'NDF';
  const offsets = recordOffsets(t);
  const total = t.clips.reduce((n, c) => n + c.sourceOut - c.sourceIn, 0);
  const root = options.mediaRoot ?? '';
  const assets = t.clips.map(
    (c, i) =>
      `<asset${attrs({ id: `a${i + 1}`, name: c.name, start: '0s', duration: fcpTime(c.media.frames, rate), hasVideo: 1, hasAudio: c.media.hasAudio ? 1 : 0, ...(c.media.hasAudio ? { audioSources: 1 } : {}), format: 'f1' })}>` +
      `<media-rep${attrs({ kind: 'original-media', src: root + encodeURI(c.media.path) })}/></asset>`,
  );
  const spine = t.clips.flatMap((c, i) => clipXml(c, i, t.recordStart + offsets[i], i === 0 || t.clips[i - 1].sceneCode !== c.sceneCode, t, tcFormat));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE fcpxml>',
    `<fcpxml version="${options.version}">`,
    '  <resources>',
    `    <format${attrs({ id: 'f1', frameDuration: fcpTime(1, rate), width: t.width, height: t.height })}/>`,
    ...assets.map((a) => `    ${a}`),
    '  </resources>',
    '  <library>',
    `    <event${attrs({ name: oneLine(t.name) })}>`,
    `      <project${attrs({ name: oneLine(t.name) })}>`,
    `        <sequence${attrs({ format: 'f1', duration: fcpTime(total, rate), tcStart: fcpTime(t.recordStart, rate), tcFormat })}>`,
    '          <spine>',
    ...spine.map((l) => `            ${l}`),
    '          </spine>',
    '        </sequence>',
    '      </project>',
    '    </event>',
    '  </library>',
    '</fcpxml>',
    '',
  ];
  return lines.join('\n');
}
