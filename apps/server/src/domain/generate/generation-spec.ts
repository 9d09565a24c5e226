/**
 * The provider-neutral generation spec (PROVIDERS.md §9) as pure types: what the prompt compiler
 * produces, what the previs plan renders from, and what the video provider port passes to adapters.
 */
import type { ResolutionName } from '@backlot/contracts';

/** Where a piece of media comes from; adapters decide how to ship it (URL, data URI, upload). */
export type MediaRef =
  | { kind: 'url'; url: string; mediaType?: string }
  | { kind: 'bytes'; bytes: Uint8Array; mediaType: string; filename?: string }
  /** A blob in Backlot's own store (what a reference version holds). */
  | { kind: 'blob'; sha256: string; mediaType: string; width?: number | null; height?: number | null }
  | { kind: 'provider'; ref: string };

/** A file of Backlot's own store, as the compiler refers to it. */
export type BlobMediaRef = Extract<MediaRef, { kind: 'blob' }>;

/** A camera move for models with camera controls (Kling camera_control, Luma concepts); others get words. */
export interface CameraMove {
  preset?: string;
  axes?: Partial<Record<'horizontal' | 'vertical' | 'pan' | 'tilt' | 'roll' | 'zoom', number>>;
}

/** What the built-in previs generator needs beyond the common fields: the frame grid and the plan. */
export interface PrevisOptions {
  width: number;
  height: number;
  fpsNum: number;
  fpsDen: number;
  /** Exact length in frames at the project's rate. */
  frames: number;
  /** Shot size abbreviation (EWS … INSERT) or null. */
  size: string | null;
  /** Plan camera movement (static, push-in, pull-out, pan, tilt, truck, dolly, crane, handheld, steadicam) or null. */
  movement: string | null;
  /** Burned-in slate. */
  slate: { project: string; shot: string; take: string; action: string };
  /** A card's title when there is no picture to frame (the scene heading). */
  cardTitle: string;
}

/** One take's request before a provider shapes it. */
export interface GenerationSpec {
  model: string;
  prompt: string;
  negativePrompt?: string;
  durationSec?: number;
  aspectRatio?: string;
  resolution?: ResolutionName;
  seed?: number;
  generateAudio?: boolean;
  firstFrame?: MediaRef;
  lastFrame?: MediaRef;
  referenceImages?: MediaRef[];
  referenceVideos?: MediaRef[];
  referenceAudio?: MediaRef[];
  camera?: CameraMove;
  /** Passthrough, validated by the adapter; `previs` holds PrevisOptions for the built-in generator. */
  providerOptions?: Record<string, unknown> & { previs?: PrevisOptions };
}
