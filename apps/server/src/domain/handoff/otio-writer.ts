/**
 * OpenTimelineIO JSON from a handoff timeline: Timeline.1 › Stack.1 › Track.1 (Video) › Clip.2, each
 * clip's media an ExternalReference.1 with a relative `target_url` (the path inside the package)
 * and its available range, times as RationalTime.1 at the project rate written as OTIO writes it
 * (24000/1001 → 23.976023976023978), notes as Marker.2 on their clip in the clip's media time, and
 * Backlot's ids in `metadata.backlot`.
 */
import type { FrameRational } from '@backlot/contracts';
import { checkTimeline, MARKER_COLOURS, markersInRange, oneLine } from './handoff-check.ts';
import type { HandoffClip, HandoffTimeline } from './handoff-timeline.ts';

export interface OtioOptions {
  /** Indentation of the JSON (OTIO writes 4). */
  indent?: number;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function time(value: number, rate: FrameRational): Json {
  return { OTIO_SCHEMA: 'RationalTime.1', rate: rate.num / rate.den, value };
}

function range(start: number, duration: number, rate: FrameRational): Json {
  return { OTIO_SCHEMA: 'TimeRange.1', duration: time(duration, rate), start_time: time(start, rate) };
}

function clipJson(c: HandoffClip, rate: FrameRational): Json {
  const markers = markersInRange(c).map((m) => ({
    OTIO_SCHEMA: 'Marker.2',
    metadata: { backlot: { noteId: m.noteId, kind: m.kind, author: m.author } },
    name: oneLine(`${m.author}: ${m.text}`),
    color: MARKER_COLOURS[m.kind],
    marked_range: range(m.frame, m.duration, rate),
    comment: m.text,
  }));
  return {
    OTIO_SCHEMA: 'Clip.2',
    metadata: { backlot: { takeId: c.takeId, shotId: c.shotId, sceneCode: c.sceneCode, shotCode: c.shotCode, takeCode: c.takeCode, reel: c.reel } },
    name: c.name,
    source_range: range(c.sourceIn, c.sourceOut - c.sourceIn, rate),
    effects: [],
    markers,
    enabled: true,
    media_references: {
      DEFAULT_MEDIA: {
        OTIO_SCHEMA: 'ExternalReference.1',
        metadata: { backlot: { width: c.media.width, height: c.media.height, hasAudio: c.media.hasAudio } },
        name: c.name,
        available_range: range(0, c.media.frames, rate),
        available_image_bounds: null,
        target_url: c.media.path,
      },
    },
    active_media_reference_key: 'DEFAULT_MEDIA',
  };
}

/** The `.otio` text. Throws `handoff.timeline_invalid` naming the field at fault. */
export function writeOtio(t: HandoffTimeline, options: OtioOptions = {}): string {
  checkTimeline(t);
  const timeline: Json = {
    OTIO_SCHEMA: 'Timeline.1',
    metadata: {
      backlot: { projectCode: t.projectCode, rate: `${t.rate.num}/${t.rate.den}`, timecode: t.timecode, width: t.width, height: t.height },
    },
    name: t.name,
    global_start_time: time(t.recordStart, t.rate),
    tracks: {
      OTIO_SCHEMA: 'Stack.1',
      metadata: {},
      name: 'tracks',
      source_range: null,
      effects: [],
      markers: [],
      enabled: true,
      children: [
        {
          OTIO_SCHEMA: 'Track.1',
          metadata: {},
          name: 'V1',
          source_range: null,
          effects: [],
          markers: [],
          enabled: true,
          children: t.clips.map((c) => clipJson(c, t.rate)),
          kind: 'Video',
        },
      ],
    },
  };
  return `${JSON.stringify(timeline, null, options.indent ?? 4)}\n`;
}
