/**
 * MLT XML (what melt renders, Shotcut opens and Kdenlive imports) from a handoff timeline: a profile
 * at the project's rate and size, one producer per clip's media (a relative `resource`: MLT reads it
 * from the folder of the .mlt file, or from `root` when given), and one playlist of entries with the
 * clip's in and out — inclusive frame numbers in MLT, so `out` is the last frame used — inside a
 * tractor. Notes go where each editor keeps them: on the producer as Kdenlive clip markers
 * (`kdenlive:markers`, JSON with the position on the media), and on the tractor as Shotcut timeline
 * markers (`shotcut:markers`, at the record frame).
 */
import { checkTimeline, markerLabel, markersInRange } from './handoff-check.ts';
import type { HandoffMarkerKind, HandoffTimeline } from './handoff-timeline.ts';
import { recordOffsets } from './handoff-timeline.ts';
import { xmlText } from './fcpxml-writer.ts';

export interface MltOptions {
  /** The folder MLT resolves the media paths from (the `root` of the document); none keeps them relative to the .mlt file. */
  mediaRoot?: string;
}

/** Kdenlive's marker type (an index into its nine marker colours) per note kind. */
const KDENLIVE_TYPE: Readonly<Record<HandoffMarkerKind, number>> = { note: 8, client_note: 0, drawing: 4, resolved: 3 };
/** Shotcut's marker colour per note kind, the same hues as the other formats. */
const SHOTCUT_COLOUR: Readonly<Record<HandoffMarkerKind, string>> = { note: '#da4453', client_note: '#9b59b6', drawing: '#c9ce3b', resolved: '#1cdc9a' };

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const prop = (name: string, value: string | number) => `<property name="${xmlText(name)}">${xmlText(String(value))}</property>`;

/** The `.mlt` text. Throws `handoff.timeline_invalid` naming the field at fault. */
export function writeMlt(t: HandoffTimeline, options: MltOptions = {}): string {
  checkTimeline(t);
  const offsets = recordOffsets(t);
  const total = t.clips.reduce((n, c) => n + c.sourceOut - c.sourceIn, 0);
  const g = gcd(t.width, t.height);
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<mlt LC_NUMERIC="C" version="7.0.0" title="${xmlText(t.name)}"${options.mediaRoot ? ` root="${xmlText(options.mediaRoot)}"` : ''} producer="tractor0">`,
    `  <profile description="${xmlText(`${t.width}x${t.height} ${t.rate.num}/${t.rate.den}`)}" width="${t.width}" height="${t.height}" progressive="1" sample_aspect_num="1" sample_aspect_den="1" display_aspect_num="${t.width / g}" display_aspect_den="${t.height / g}" frame_rate_num="${t.rate.num}" frame_rate_den="${t.rate.den}" colorspace="709"/>`,
  ];
  t.clips.forEach((c, i) => {
    const markers = markersInRange(c).map((m) => ({ pos: m.frame, comment: markerLabel(m), type: KDENLIVE_TYPE[m.kind] }));
    lines.push(
      `  <producer id="producer${i}" in="0" out="${c.media.frames - 1}">`,
      ...[
        prop('length', c.media.frames),
        prop('eof', 'pause'),
        prop('resource', c.media.path),
        prop('mlt_service', 'avformat'),
        prop('seekable', 1),
        prop('kdenlive:clipname', c.name),
        ...(markers.length > 0 ? [prop('kdenlive:markers', JSON.stringify(markers))] : []),
        prop('shotcut:caption', c.name),
        prop('backlot:takeId', c.takeId),
        prop('backlot:shotId', c.shotId),
      ].map((l) => `    ${l}`),
      '  </producer>',
    );
  });
  lines.push('  <playlist id="playlist0">', `    ${prop('shotcut:video', 1)}`, `    ${prop('shotcut:name', 'V1')}`);
  t.clips.forEach((c, i) => lines.push(`    <entry producer="producer${i}" in="${c.sourceIn}" out="${c.sourceOut - 1}"/>`));
  lines.push('  </playlist>');
  lines.push(`  <tractor id="tractor0" title="${xmlText(t.name)}" in="0" out="${total - 1}">`, `    ${prop('shotcut', 1)}`);
  const timelineMarkers = t.clips.flatMap((c, i) => markersInRange(c).map((m) => ({ m, at: offsets[i] + m.frame - c.sourceIn })));
  if (timelineMarkers.length > 0) {
    lines.push('    <properties name="shotcut:markers">');
    timelineMarkers.forEach(({ m, at }, k) => {
      lines.push(
        `      <properties name="${k}">`,
        `        ${prop('text', markerLabel(m))}`,
        `        ${prop('start', at)}`,
        `        ${prop('end', at + m.duration - 1)}`,
        `        ${prop('color', SHOTCUT_COLOUR[m.kind])}`,
        '      </properties>',
      );
    });
    lines.push('    </properties>');
  }
  lines.push('    <track producer="playlist0"/>', '  </tractor>', '</mlt>', '');
  return lines.join('\n');
}
