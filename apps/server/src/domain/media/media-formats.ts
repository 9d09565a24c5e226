/** The media formats Backlot accepts, keyed by a short container name, with their media types and the words messages use for them. */
import type { MediaKind } from './media-info.ts';

/** One accepted format. `asAudio`/`asVideo` give the media type when a container holds only sound, or also a picture. */
export interface MediaFormat {
  kind: MediaKind;
  mediaType: string;
  /** How a producer names it: 'MP4', 'WebM', 'WAV'. */
  label: string;
  /** With its article and kind, for sentences: 'an MP4 video'. */
  name: string;
  asAudio?: string;
  asVideo?: string;
}

/** Every format Backlot takes in. The keys are the short container names MediaInfo.container uses. */
export const MEDIA_FORMATS = {
  jpeg: { kind: 'image', mediaType: 'image/jpeg', label: 'JPEG', name: 'a JPEG image' },
  png: { kind: 'image', mediaType: 'image/png', label: 'PNG', name: 'a PNG image' },
  webp: { kind: 'image', mediaType: 'image/webp', label: 'WebP', name: 'a WebP image' },
  gif: { kind: 'image', mediaType: 'image/gif', label: 'GIF', name: 'a GIF image' },
  tiff: { kind: 'image', mediaType: 'image/tiff', label: 'TIFF', name: 'a TIFF image' },
  heic: { kind: 'image', mediaType: 'image/heic', label: 'HEIC', name: 'a HEIC photo' },
  heif: { kind: 'image', mediaType: 'image/heif', label: 'HEIF', name: 'a HEIF image' },
  avif: { kind: 'image', mediaType: 'image/avif', label: 'AVIF', name: 'an AVIF image' },
  mp4: { kind: 'video', mediaType: 'video/mp4', label: 'MP4', name: 'an MP4 video', asAudio: 'audio/mp4' },
  mov: { kind: 'video', mediaType: 'video/quicktime', label: 'MOV', name: 'a QuickTime (MOV) video', asAudio: 'audio/mp4' },
  '3gp': { kind: 'video', mediaType: 'video/3gpp', label: '3GP', name: 'a 3GP video', asAudio: 'audio/3gpp' },
  webm: { kind: 'video', mediaType: 'video/webm', label: 'WebM', name: 'a WebM video', asAudio: 'audio/webm' },
  mkv: { kind: 'video', mediaType: 'video/x-matroska', label: 'MKV', name: 'a Matroska (MKV) video', asAudio: 'audio/x-matroska' },
  avi: { kind: 'video', mediaType: 'video/x-msvideo', label: 'AVI', name: 'an AVI video' },
  m4a: { kind: 'audio', mediaType: 'audio/mp4', label: 'M4A', name: 'an M4A audio file', asVideo: 'video/mp4' },
  wav: { kind: 'audio', mediaType: 'audio/wav', label: 'WAV', name: 'a WAV audio file' },
  mp3: { kind: 'audio', mediaType: 'audio/mpeg', label: 'MP3', name: 'an MP3 audio file' },
  flac: { kind: 'audio', mediaType: 'audio/flac', label: 'FLAC', name: 'a FLAC audio file' },
  ogg: { kind: 'audio', mediaType: 'audio/ogg', label: 'Ogg', name: 'an Ogg audio file', asVideo: 'video/ogg' },
  aac: { kind: 'audio', mediaType: 'audio/aac', label: 'AAC', name: 'an AAC audio file' },
} as const satisfies Record<string, MediaFormat>;

export type MediaContainer = keyof typeof MEDIA_FORMATS;

/** The format of a short container name, if Backlot takes it. */
export function formatOf(container: string | null): MediaFormat | undefined {
  return container !== null && Object.hasOwn(MEDIA_FORMATS, container) ? MEDIA_FORMATS[container as MediaContainer] : undefined;
}

/** The media type of a container once its streams are known: an MP4 with only sound is audio/mp4. */
export function mediaTypeFor(container: MediaContainer, kind: MediaKind): string {
  const f: MediaFormat = MEDIA_FORMATS[container];
  if (kind === f.kind) return f.mediaType;
  return (kind === 'audio' ? f.asAudio : kind === 'video' ? f.asVideo : undefined) ?? f.mediaType;
}

/** 'an image', 'a video', 'an audio file'. */
export function kindNoun(kind: MediaKind): string {
  return kind === 'image' ? 'an image' : kind === 'video' ? 'a video' : 'an audio file';
}

/**
 * The accepted formats, as a sentence for refusals. HEIC is recognised but not promised: the
 * libvips that sharp ships decodes AV1 (AVIF) but not HEVC, so most HEIC photos are refused by name.
 */
export const ACCEPTED_FORMATS_SENTENCE = 'Backlot takes JPEG, PNG, WebP, GIF, TIFF and AVIF images; MP4, MOV, WebM, MKV and AVI videos; WAV, MP3, FLAC, Ogg, AAC and M4A audio.';
