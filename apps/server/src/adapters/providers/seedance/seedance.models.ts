/**
 * The Seedance models of BytePlus ModelArk and Volcengine Ark (PROVIDERS.md §1.1, §1.3), with what
 * each accepts, and the token arithmetic of §1.7. Pure: no I/O.
 */
import type { ModelCapabilities, ResolutionName } from '@backlot/contracts';

/** What Backlot needs to know of a model beyond its capabilities. */
export interface SeedanceModel {
  id: string;
  label: string;
  /** Whole seconds it renders. */
  durations: number[];
  resolutions: ResolutionName[];
  /** Reference images, videos and audio clips it takes at most (0: none). */
  maxReferenceImages: number;
  maxReferenceVideos: number;
  maxReferenceAudio: number;
  /** Whether it takes a first frame, and a last frame with it. */
  firstFrame: boolean;
  lastFrame: boolean;
  audio: boolean;
  /** Whether `draft: true` makes a cheap 480p draft that can be finalised later (§1.3.1). */
  draft: boolean;
  /** 2.5: a first/last-frame task must be sent `ratio: "adaptive"` (any other ratio is a 400). */
  framesNeedAdaptiveRatio: boolean;
  /** The Volcengine name, where it differs. */
  volcengineId?: string;
  /** List price in USD micro-dollars per million output tokens, and where it was found (PROVIDERS.md §1.7). */
  usdPerMillionTokens: number;
  priceSource: string;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

export const SEEDANCE_MODELS: readonly SeedanceModel[] = [
  {
    id: 'dreamina-seedance-2-5-260628',
    usdPerMillionTokens: 15_300_000,
    priceSource: 'Comfy’s resale list, 480p/720p without video input (PROVIDERS.md §1.7, 2026)',
    volcengineId: 'doubao-seedance-2-5-260628',
    label: 'Seedance 2.5',
    durations: range(4, 30),
    resolutions: ['480p', '720p', '1080p'],
    maxReferenceImages: 30,
    maxReferenceVideos: 10,
    maxReferenceAudio: 10,
    firstFrame: true,
    lastFrame: true,
    audio: true,
    draft: true,
    framesNeedAdaptiveRatio: true,
  },
  {
    id: 'dreamina-seedance-2-0-260128',
    usdPerMillionTokens: 10_010_000,
    priceSource: 'Comfy’s resale list, 480p/720p without video input (PROVIDERS.md §1.7, 2026)',
    volcengineId: 'doubao-seedance-2-0-260128',
    label: 'Seedance 2.0',
    durations: range(4, 15),
    resolutions: ['480p', '720p', '1080p', '4k'],
    maxReferenceImages: 9,
    maxReferenceVideos: 3,
    maxReferenceAudio: 3,
    firstFrame: true,
    lastFrame: true,
    audio: true,
    draft: false,
    framesNeedAdaptiveRatio: false,
  },
  {
    id: 'dreamina-seedance-2-0-fast-260128',
    usdPerMillionTokens: 8_010_000,
    priceSource: 'Comfy’s resale list (PROVIDERS.md §1.7, 2026)',
    volcengineId: 'doubao-seedance-2-0-fast-260128',
    label: 'Seedance 2.0 Fast',
    durations: range(4, 15),
    resolutions: ['480p', '720p'],
    maxReferenceImages: 9,
    maxReferenceVideos: 3,
    maxReferenceAudio: 3,
    firstFrame: true,
    lastFrame: true,
    audio: true,
    draft: false,
    framesNeedAdaptiveRatio: false,
  },
  {
    id: 'seedance-1-5-pro-251215',
    usdPerMillionTokens: 2_400_000,
    priceSource: 'BytePlus list with audio; $1.2/M silent (PROVIDERS.md §1.7, 2026)',
    label: 'Seedance 1.5 Pro',
    durations: range(4, 12),
    resolutions: ['480p', '720p', '1080p'],
    maxReferenceImages: 0,
    maxReferenceVideos: 0,
    maxReferenceAudio: 0,
    firstFrame: true,
    lastFrame: true,
    audio: true,
    draft: true,
    framesNeedAdaptiveRatio: false,
  },
  {
    id: 'seedance-1-0-pro-250528',
    usdPerMillionTokens: 2_500_000,
    priceSource: 'BytePlus list (PROVIDERS.md §1.7, 2026)',
    label: 'Seedance 1.0 Pro',
    durations: range(2, 12),
    resolutions: ['480p', '720p', '1080p'],
    maxReferenceImages: 0,
    maxReferenceVideos: 0,
    maxReferenceAudio: 0,
    firstFrame: true,
    lastFrame: false,
    audio: false,
    draft: false,
    framesNeedAdaptiveRatio: false,
  },
];

export const SEEDANCE_ASPECTS = ['16:9', '4:3', '1:1', '3:4', '9:16', '21:9'];

/** Frames Seedance renders for a duration: 24 a second, plus one (§1.7). */
export const seedanceFrames = (durationSec: number) => 24 * durationSec + 1;

const SHORT_SIDE: Record<ResolutionName, number> = { '480p': 480, '540p': 540, '720p': 720, '1080p': 1080, '4k': 2160 };

/** The picture size of a resolution tier at an aspect ratio: the tier is the short side; sides are even. */
export function seedanceSize(resolution: ResolutionName, aspect: string): { width: number; height: number } {
  const [a, b] = aspect.split(':').map(Number);
  const short = SHORT_SIDE[resolution];
  const long = Math.round((short * Math.max(a, b)) / Math.min(a, b) / 2) * 2;
  return a >= b ? { width: long, height: short } : { width: short, height: long };
}

/** Output tokens of a clip: width × height × frames / 1024, rounded down (§1.7). */
export function seedanceTokens(width: number, height: number, frames: number): number {
  return Math.floor((width * height * frames) / 1024);
}

export function capabilitiesOf(m: SeedanceModel): ModelCapabilities {
  const slots: ModelCapabilities['slots'] = [];
  if (m.firstFrame) slots.push({ slot: 'firstFrame', roles: ['start-frame'], media: 'image', max: 1 });
  if (m.lastFrame) slots.push({ slot: 'lastFrame', roles: ['end-frame'], media: 'image', max: 1 });
  if (m.maxReferenceImages) slots.push({ slot: 'referenceImages', roles: ['character', 'wardrobe', 'location', 'prop', 'style'], media: 'image', max: m.maxReferenceImages });
  return {
    provider: 'seedance',
    model: m.id,
    label: m.label,
    durationsSec: m.durations,
    aspectRatios: SEEDANCE_ASPECTS,
    resolutions: m.resolutions,
    slots,
    audio: m.audio,
    seed: true,
    negativePrompt: false,
    cameraControls: false,
    maxPromptChars: 2000,
    // Ark cancels a queued task only; a running one finishes (§1.2).
    cancelRunning: false,
    available: true,
    priceUnit: 'tokens',
    draft: m.draft,
    listPrice: { currency: 'USD', perQuantity: 1_000_000, priceMicros: m.usdPerMillionTokens, source: m.priceSource },
  };
}

export function findSeedanceModel(id: string): SeedanceModel | undefined {
  return SEEDANCE_MODELS.find((m) => m.id === id || m.volcengineId === id);
}
