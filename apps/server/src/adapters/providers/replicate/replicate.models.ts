/**
 * The Replicate video models Backlot offers (PROVIDERS.md §7), with what each accepts and how it is
 * billed. Pure: no I/O.
 *
 * Two kinds, sent two ways (§7.2): official models by name (`POST /models/{owner}/{name}/predictions`,
 * billed per second of output video), and a community model pinned to a version
 * (`POST /predictions {version}`, billed per second of GPU time, `metrics.predict_time`) (§7.6).
 * Replicate publishes each model's price on its page only (⚠ in §7.6): no list price is given here,
 * so a project prices these models in its catalog before they can be asked for. Input names are
 * each model's own (Replicate passes `input` to the model untouched).
 */
import type { ModelCapabilities, ResolutionName } from '@backlot/contracts';

export interface ReplicateModel {
  /** Backlot's id: `owner/name` for an official model, `owner/name:VERSION` for a pinned version. */
  id: string;
  label: string;
  /** How it is sent: by model name (official) or by version id (community). */
  via: 'model' | 'version';
  durations: number[];
  resolutions: ResolutionName[];
  aspects: string[];
  /** The model's input names for what Backlot sends; absent: the model has no such input. */
  inputs: {
    firstFrame?: string;
    lastFrame?: string;
    negativePrompt?: string;
    seed?: string;
    aspect?: string;
    resolution?: string;
  };
  /** The model cannot start without a picture (Kling 2.1 on Replicate is image-to-video only). */
  needsFirstFrame: boolean;
  /** `seconds` of output (official models) or `gpu_seconds` (community models, settled from `predict_time`). */
  priceUnit: 'seconds' | 'gpu_seconds';
  /** For GPU-billed models: the GPU time one clip is reserved at, before Replicate reports it. */
  gpuSecondsPerClip?: number;
  maxPromptChars: number;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const SEEDANCE_ASPECTS = ['16:9', '4:3', '1:1', '3:4', '9:16', '21:9', '9:21'];

/** LTX-Video's pinned community version, the one its integrators call. */
export const LTX_VERSION = '8c47da666861d081eeb4d1261853087de23923a268a69b63febdf5dc1dee08e4';

export const REPLICATE_MODELS: readonly ReplicateModel[] = [
  {
    id: 'bytedance/seedance-1-pro',
    label: 'Replicate Seedance 1.0 Pro',
    via: 'model',
    durations: range(2, 12),
    resolutions: ['480p', '720p', '1080p'],
    aspects: SEEDANCE_ASPECTS,
    // The fields of the prediction shown in PROVIDERS.md §7.3: `prompt`, `image`, `duration`, `resolution`.
    inputs: { firstFrame: 'image', lastFrame: 'last_frame_image', seed: 'seed', aspect: 'aspect_ratio', resolution: 'resolution' },
    needsFirstFrame: false,
    priceUnit: 'seconds',
    maxPromptChars: 2000,
  },
  {
    id: 'bytedance/seedance-1-lite',
    label: 'Replicate Seedance 1.0 Lite',
    via: 'model',
    durations: range(2, 12),
    resolutions: ['480p', '720p', '1080p'],
    aspects: SEEDANCE_ASPECTS,
    inputs: { firstFrame: 'image', lastFrame: 'last_frame_image', seed: 'seed', aspect: 'aspect_ratio', resolution: 'resolution' },
    needsFirstFrame: false,
    priceUnit: 'seconds',
    maxPromptChars: 2000,
  },
  {
    id: 'kwaivgi/kling-v2.1',
    label: 'Replicate Kling 2.1',
    via: 'model',
    durations: [5, 10],
    // `mode`: standard renders 720p, pro 1080p, as on Kling's own API (§4.3).
    resolutions: ['720p', '1080p'],
    // The picture decides the frame's shape.
    aspects: ['16:9', '9:16', '1:1'],
    inputs: { firstFrame: 'start_image', lastFrame: 'end_image', negativePrompt: 'negative_prompt' },
    needsFirstFrame: true,
    priceUnit: 'seconds',
    maxPromptChars: 2500,
  },
  {
    id: `lightricks/ltx-video:${LTX_VERSION}`,
    label: 'Replicate LTX-Video',
    via: 'version',
    // `length` 97 frames at 24 fps.
    durations: [4],
    resolutions: ['720p'],
    aspects: ['16:9', '9:16', '1:1', '4:3', '3:4', '21:9', '9:21'],
    inputs: { firstFrame: 'image', negativePrompt: 'negative_prompt', seed: 'seed', aspect: 'aspect_ratio' },
    needsFirstFrame: false,
    priceUnit: 'gpu_seconds',
    // A clip is reserved at a minute of GPU time and settled at what Replicate reports.
    gpuSecondsPerClip: 60,
    maxPromptChars: 2000,
  },
];

/** Kling's `mode` on Replicate for a resolution. */
export const KLING_MODE: Partial<Record<ResolutionName, 'standard' | 'pro'>> = { '720p': 'standard', '1080p': 'pro' };

export function findReplicateModel(id: string): ReplicateModel | undefined {
  return REPLICATE_MODELS.find((m) => m.id === id);
}

/** `owner/name` and, for a pinned model, its version. */
export function splitModelId(id: string): { name: string; version?: string } {
  const at = id.indexOf(':');
  return at < 0 ? { name: id } : { name: id.slice(0, at), version: id.slice(at + 1) };
}

export function replicateCapabilities(m: ReplicateModel): ModelCapabilities {
  const slots: ModelCapabilities['slots'] = [];
  if (m.inputs.firstFrame) slots.push({ slot: 'firstFrame', roles: ['start-frame'], media: 'image', max: 1 });
  if (m.inputs.lastFrame) slots.push({ slot: 'lastFrame', roles: ['end-frame'], media: 'image', max: 1 });
  return {
    provider: 'replicate',
    model: m.id,
    label: m.label,
    durationsSec: m.durations,
    aspectRatios: m.aspects,
    resolutions: m.resolutions,
    slots,
    audio: false,
    seed: m.inputs.seed !== undefined,
    negativePrompt: m.inputs.negativePrompt !== undefined,
    cameraControls: false,
    maxPromptChars: m.maxPromptChars,
    // Replicate cancels a prediction in any state before it ends (§9.1).
    cancelRunning: true,
    available: true,
    priceUnit: m.priceUnit,
  };
}
