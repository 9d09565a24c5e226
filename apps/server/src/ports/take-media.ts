/**
 * Take media port: what the worker does to a generated clip once it is stored — probe it exactly,
 * make the poster, the filmstrip and the web proxy, pull single frames, and compare pictures.
 */
import type { MediaInfo } from './media-tools.ts';

/** A probed video, in exact units. */
export interface VideoProbe extends MediaInfo {
  width: number;
  height: number;
  /** Reduced rational, e.g. '24000/1001'. */
  frameRate: string;
  /** Frames counted by decoding, not estimated from the duration. */
  frames: number;
  durationUs: number;
}

/** A sprite of evenly spaced frames, and which frame each tile shows (on the source's own frame numbers). */
export interface Filmstrip {
  columns: number;
  rows: number;
  tileWidth: number;
  tileHeight: number;
  sourceFrames: number[];
}

export interface TakeMediaTools {
  /** Probes a video and counts its frames; DomainError 'media.unreadable' when it does not decode. */
  probeVideo(path: string, signal?: AbortSignal): Promise<VideoProbe>;
  /**
   * Writes the review proxy: H.264, yuv420p, faststart, at most 720 lines, a keyframe every
   * `keyframeInterval` frames, and conformed frame for frame to the project rate (every source frame
   * becomes one proxy frame; nothing dropped or doubled). No audio re-timing beyond what the conform needs.
   * `source` is the clip's probe when the caller has it (saves reading the clip's headers again).
   */
  makeProxy(
    path: string,
    out: string,
    options: { fpsNum: number; fpsDen: number; maxHeight: number; keyframeInterval: number; source?: Pick<VideoProbe, 'frameRate' | 'audioCodec'> },
    signal?: AbortSignal,
  ): Promise<void>;
  /** Writes a JPEG poster of the given frame, larger side at most `maxSide`. */
  makePoster(path: string, frame: number, out: string, options: { maxSide: number }, signal?: AbortSignal): Promise<void>;
  /** Writes a JPEG sprite of `count` evenly spaced frames in one row of tiles `tileWidth` wide. */
  makeFilmstrip(path: string, probe: VideoProbe, out: string, options: { count: number; tileWidth: number }, signal?: AbortSignal): Promise<Filmstrip>;
  /** Writes one frame (0-based, decoded exactly) as PNG. */
  extractFrame(path: string, frame: number, out: string, signal?: AbortSignal): Promise<void>;
  /** SSIM (0..1, 'All' channel) of two pictures, the second scaled to the first's size. */
  ssim(a: string, b: string, signal?: AbortSignal): Promise<number>;
}
