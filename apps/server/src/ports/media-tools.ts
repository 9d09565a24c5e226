/** Media tools port: what an uploaded file really is, and the pictures that stand for it. */
import type { MediaInfo, MediaKind } from '../domain/media/media-info.ts';

export type { MediaInfo, MediaKind };

/** Per-call options. `purpose` names the upload in refusals ('a character reference'); `signal` cancels the work. */
export interface IdentifyOptions {
  purpose?: string;
  signal?: AbortSignal;
}

export interface MediaTools {
  /**
   * Reads the first bytes and then probes the file (ffprobe / sharp) to decide what it really is;
   * the name and the declared type play no part. Throws DomainError 'media.unsupported' (not a
   * format Backlot takes), 'media.unreadable' (claims one but does not decode) or 'media.mismatch'
   * (a kind outside `expect`, e.g. audio where a character reference needs an image), field 'file'.
   * Writes nothing.
   */
  identify(path: string, expect?: readonly MediaKind[], options?: IdentifyOptions): Promise<MediaInfo>;
  /**
   * Writes a poster (larger side ≤ 1280) and a thumbnail (≤ 320) as JPEG to the given paths, never
   * enlarged. Images via sharp; video: the frame a tenth of the way in, via ffmpeg; audio: a
   * waveform via ffmpeg. On failure neither file is left behind.
   */
  renderPreviews(path: string, info: MediaInfo, out: { poster: string; thumbnail: string }, options?: { signal?: AbortSignal }): Promise<void>;
}
