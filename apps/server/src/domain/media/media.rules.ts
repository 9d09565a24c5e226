/**
 * Deciding what a file is: the magic bytes' claim, confirmed by what a probe read, checked against
 * what the upload expects. Every refusal is a sentence a producer can act on.
 */
import { fail } from '../errors.ts';
import type { ProbedMedia } from './ffmpeg.plans.ts';
import type { MediaCandidate } from './magic.ts';
import { ACCEPTED_FORMATS_SENTENCE, formatOf, kindNoun, MEDIA_FORMATS, mediaTypeFor } from './media-formats.ts';
import type { MediaInfo, MediaKind } from './media-info.ts';

/** The field every media refusal points at. */
export const MEDIA_FIELD = 'file';

/** The refusal for a file whose first bytes match no accepted format; `lookalike` is describeContent's answer. */
export function failUnsupported(lookalike: string | null): never {
  const what = lookalike ? `it starts like ${lookalike}` : 'its first bytes match none of the formats Backlot knows';
  fail('media.unsupported', `This file is not an image, video or audio file Backlot can read (${what}). ${ACCEPTED_FORMATS_SENTENCE}`, MEDIA_FIELD);
}

/** The refusal for a file that claims an accepted format but does not read as one. `detail` is the decoder's own words. */
export function failUnreadable(candidate: MediaCandidate, detail?: string | null): never {
  const why = detail ? ` (${detail})` : '';
  fail('media.unreadable', `This file starts like ${MEDIA_FORMATS[candidate.container].name}, but Backlot cannot read it: it may be cut short or damaged${why}.`, MEDIA_FIELD);
}

/** The refusal for an empty file. */
export function failEmpty(): never {
  fail('media.unreadable', 'This file is empty.', MEDIA_FIELD);
}

/** The refusal for a HEIC photo the server has no HEVC decoder for. */
export function failHeic(): never {
  fail(
    'media.unsupported',
    'This is a HEIC photo, which this Backlot server cannot decode. Export it as JPEG (on an iPhone: Settings › Camera › Formats › Most Compatible) and upload that.',
    MEDIA_FIELD,
  );
}

/** Refuses a probe that disagrees with the magic bytes: a file should not be two things. */
function assertConfirmed(candidate: MediaCandidate, probedContainer: string | null): void {
  if (probedContainer !== null && (candidate.confirms as readonly string[]).includes(probedContainer)) return;
  const readsAs = formatOf(probedContainer)?.name ?? (probedContainer ? `another format (${probedContainer})` : 'nothing Backlot knows');
  fail('media.unreadable', `This file starts like ${MEDIA_FORMATS[candidate.container].name} but reads as ${readsAs}; Backlot cannot tell what it is.`, MEDIA_FIELD);
}

/**
 * A video or audio file's description, from its magic bytes and ffprobe. The streams decide the
 * kind (an MP4 with only sound is audio/mp4; cover art is not a picture), the probe the container.
 */
export function decideMedia(candidate: MediaCandidate, probed: ProbedMedia): MediaInfo {
  assertConfirmed(candidate, probed.container);
  const kind: MediaKind | null = probed.videoCodec ? 'video' : probed.audioCodec ? 'audio' : null;
  if (!kind) fail('media.unreadable', `This file is ${MEDIA_FORMATS[candidate.container].name} with no picture or sound in it.`, MEDIA_FIELD);
  const container = candidate.confirms.find((c) => c === probed.container)!;
  return { kind, mediaType: mediaTypeFor(container, kind), ...probed, container };
}

/** An image's description, from its magic bytes and what the image decoder read (`decoded`: its format as a container name). */
export function decideImage(candidate: MediaCandidate, decoded: { container: string | null; width: number; height: number }): MediaInfo {
  assertConfirmed(candidate, decoded.container);
  const container = candidate.confirms.find((c) => c === decoded.container)!;
  return {
    kind: 'image',
    mediaType: mediaTypeFor(container, 'image'),
    container,
    width: decoded.width,
    height: decoded.height,
    durationUs: null,
    frameRate: null,
    videoCodec: null,
    audioCodec: null,
    audioChannels: null,
    sampleRate: null,
  };
}

/**
 * Refuses media of a kind the upload does not take. `purpose` names the upload as a producer
 * would ('a character reference'); without it the sentence says 'this upload'.
 */
export function assertExpectedKind(info: MediaInfo, expect: readonly MediaKind[] | undefined, purpose?: string): void {
  if (!expect || expect.length === 0 || expect.includes(info.kind)) return;
  const label = formatOf(info.container)?.label;
  const is = `This is ${kindNoun(info.kind)}${label ? ` (${label})` : ''}`;
  const needs = expect.map(kindNoun).join(' or ');
  fail('media.mismatch', `${is}; ${purpose ?? 'this upload'} needs ${needs}.`, MEDIA_FIELD);
}

/**
 * The useful part of a decoder's complaint, safe to show: its last two distinct lines, without the
 * server's path to the file or ffmpeg's '[demuxer @ 0x…]' prefixes, at most 160 characters.
 */
export function decoderDetail(stderr: string, path: string): string | null {
  const lines = stderr
    .split('\n')
    .map((line) =>
      line
        .split(`file:${path}`)
        .join('')
        .split(path)
        .join('')
        .replace(/^\s*\[[^\]]*@ 0x[0-9a-f]+\]\s*/i, '')
        .replace(/^[:\s]+|[:\s]+$/g, ''),
    )
    .filter(Boolean);
  const detail = [...new Set(lines)].slice(-2).join('; ');
  if (!detail) return null;
  return detail.length > 160 ? `${detail.slice(0, 159)}…` : detail;
}

/** Preview sizes: the larger side of a poster and of a thumbnail, and the waveform an audio file's poster shows. */
export const PREVIEW_SIZES = { posterMaxSide: 1280, thumbnailMaxSide: 320, wave: { width: 1280, height: 360 } } as const;
