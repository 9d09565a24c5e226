/** What Backlot knows about a media file once it has been identified: kind, type from the content, and probed metadata in exact units. */

/** The three kinds of media Backlot accepts. */
export type MediaKind = 'image' | 'video' | 'audio';

/**
 * A media file as Backlot describes it. Durations are integer microseconds (ffprobe reports
 * container durations in microseconds, so nothing is lost); frame rates are rationals as text
 * ('24000/1001'), never floats.
 */
export interface MediaInfo {
  kind: MediaKind;
  /** Decided from the content, e.g. image/png, video/mp4, audio/wav. */
  mediaType: string;
  /** A short container name: 'mp4', 'mov', 'webm', 'mkv', 'avi', 'wav', 'mp3', 'flac', 'ogg', 'aac', 'm4a', 'png', 'jpeg'… */
  container: string | null;
  /** As displayed: a rotated phone video reports its upright size. */
  width: number | null;
  height: number | null;
  /** Integer microseconds. */
  durationUs: number | null;
  /** A reduced rational like '24000/1001'. */
  frameRate: string | null;
  videoCodec: string | null;
  audioCodec: string | null;
  audioChannels: number | null;
  sampleRate: number | null;
}
