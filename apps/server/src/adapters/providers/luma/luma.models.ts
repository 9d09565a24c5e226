/**
 * Luma's video models (PROVIDERS.md §3): ray-2 and ray-flash-2 on the Dream Machine API (§3.1),
 * ray-3.2 on the Luma Agents API (§3.2), with what each accepts and its list price (§3.3). Pure.
 */
import type { ModelCapabilities, ResolutionName } from '@backlot/contracts';

export type LumaApi = 'dream-machine' | 'agents';

export interface LumaModel {
  id: string;
  label: string;
  api: LumaApi;
  durations: number[];
  aspects: string[];
  resolutions: ResolutionName[];
  /** Camera motion presets (Dream Machine `concepts`). */
  concepts: boolean;
  priceUnit: 'seconds' | 'generations';
  /** USD micro-dollars per unit, and where the figure was found. */
  usdMicrosPerUnit: number;
  priceSource: string;
}

export const DREAM_MACHINE_ASPECTS = ['1:1', '16:9', '9:16', '4:3', '3:4', '21:9', '9:21'];
/** The video subset of the Agents API's ratios (§3.2, ◐). */
export const AGENTS_VIDEO_ASPECTS = ['9:16', '3:4', '1:1', '4:3', '16:9', '21:9'];

export const LUMA_MODELS: readonly LumaModel[] = [
  {
    id: 'ray-2',
    label: 'Luma Ray 2',
    api: 'dream-machine',
    durations: [5, 9],
    aspects: DREAM_MACHINE_ASPECTS,
    resolutions: ['540p', '720p', '1080p', '4k'],
    concepts: true,
    priceUnit: 'seconds',
    usdMicrosPerUnit: 500_000,
    priceSource: 'Resellers’ quote of about $0.50 a second for ray-2; Luma publishes no Dream Machine table (PROVIDERS.md §3.3, 2026)',
  },
  {
    id: 'ray-flash-2',
    label: 'Luma Ray Flash 2',
    api: 'dream-machine',
    durations: [5, 9],
    aspects: DREAM_MACHINE_ASPECTS,
    resolutions: ['540p', '720p', '1080p', '4k'],
    concepts: true,
    priceUnit: 'seconds',
    usdMicrosPerUnit: 500_000,
    priceSource: 'No list found for ray-flash-2; reserved at the ray-2 quote of about $0.50 a second as a ceiling (PROVIDERS.md §3.3, 2026)',
  },
  {
    id: 'ray-3.2',
    label: 'Luma Ray 3.2',
    api: 'agents',
    durations: [5, 10],
    aspects: AGENTS_VIDEO_ASPECTS,
    resolutions: ['540p', '720p', '1080p'],
    concepts: false,
    // One unit is a 5 s block at 540p; 720p counts 1.5 units and 1080p 3 ($0.72 / $1.08 / $2.16).
    priceUnit: 'generations',
    usdMicrosPerUnit: 720_000,
    priceSource: 'fal’s Ray 3.2 list: $0.72 / $1.08 / $2.16 per 5 s at 540p / 720p / 1080p; Luma’s own video table was not published (PROVIDERS.md §3.3, 2026)',
  },
];

export function findLumaModel(id: string): LumaModel | undefined {
  return LUMA_MODELS.find((m) => m.id === id);
}

/** 540p-equivalent 5 s blocks of a Ray 3.2 clip: a 10 s clip is two blocks; 720p costs 1.5 blocks' price, 1080p 3. */
export const RAY3_RESOLUTION_FACTOR: Partial<Record<ResolutionName, number>> = { '540p': 1, '720p': 1.5, '1080p': 3 };

export function ray3Units(durationSec: number, resolution: ResolutionName): number {
  return Math.ceil(durationSec / 5) * (RAY3_RESOLUTION_FACTOR[resolution] ?? 3);
}

export function lumaCapabilities(m: LumaModel): ModelCapabilities {
  return {
    provider: 'luma',
    model: m.id,
    label: m.label,
    durationsSec: m.durations,
    aspectRatios: m.aspects,
    resolutions: m.resolutions,
    slots: [
      { slot: 'firstFrame', roles: ['start-frame'], media: 'image', max: 1 },
      { slot: 'lastFrame', roles: ['end-frame'], media: 'image', max: 1 },
    ],
    audio: false,
    seed: false,
    negativePrompt: false,
    // Concept keys come from Luma's concepts list, not from the plan's moves: the camera stays in the prompt's words.
    cameraControls: false,
    maxPromptChars: m.api === 'agents' ? 6000 : 5000,
    // Neither API can stop a generation (§9.1): a canceled take is finished and its output hidden.
    cancelRunning: false,
    available: true,
    priceUnit: m.priceUnit,
    listPrice: { currency: 'USD', perQuantity: 1, priceMicros: m.usdMicrosPerUnit, source: m.priceSource },
  };
}
