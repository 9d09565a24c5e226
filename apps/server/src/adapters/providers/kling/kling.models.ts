/**
 * The Kling models Backlot offers (PROVIDERS.md §4.3), with what each accepts, and the credit
 * arithmetic of §4.6. Pure: no I/O.
 *
 * Kling charges prepaid credits ("units"), listed at $0.14 each (§4.6 ◐). Per-model unit tables are
 * not confirmed (⚠), so the estimate uses the one figure found: Kling 3.0 at 5 s costs about $0.42 in
 * `std` (720p) and $0.56 in `pro` (1080p), i.e. 3 and 4 credits, scaled by duration. What a task
 * really cost (`final_unit_deduction`) settles the take where Kling reports it.
 */
import type { ModelCapabilities, ResolutionName } from '@backlot/contracts';

export type KlingKind = 'text2video' | 'image2video' | 'multi-image2video';

export interface KlingModel {
  id: string;
  label: string;
  durations: number[];
  /** Takes a start frame (`image`) and an end frame (`image_tail`). */
  firstFrame: boolean;
  lastFrame: boolean;
  /** Pictures `multi-image2video` takes (0: the model has no such endpoint). */
  maxReferenceImages: number;
  /** Native sound (`sound: on|off`, v2.6 and later). */
  audio: boolean;
  negativePrompt: boolean;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

export const KLING_MODELS: readonly KlingModel[] = [
  { id: 'kling-v3', label: 'Kling 3.0', durations: range(3, 15), firstFrame: true, lastFrame: true, maxReferenceImages: 0, audio: true, negativePrompt: false },
  { id: 'kling-v2-6', label: 'Kling 2.6', durations: [5, 10], firstFrame: true, lastFrame: true, maxReferenceImages: 0, audio: true, negativePrompt: true },
  { id: 'kling-v2-5-turbo', label: 'Kling 2.5 Turbo', durations: [5, 10], firstFrame: true, lastFrame: true, maxReferenceImages: 0, audio: false, negativePrompt: true },
  { id: 'kling-v1-6', label: 'Kling 1.6', durations: [5, 10], firstFrame: true, lastFrame: true, maxReferenceImages: 4, audio: false, negativePrompt: true },
];

export const KLING_ASPECTS = ['16:9', '9:16', '1:1'];
/** `mode`: std renders 720p, pro 1080p (§4.3). */
export const KLING_MODES: Partial<Record<ResolutionName, 'std' | 'pro'>> = { '720p': 'std', '1080p': 'pro' };

/** USD micro-dollars per credit, and where it was found. */
export const KLING_CREDIT_MICROS = 140_000;
export const KLING_PRICE_SOURCE = 'Kling prepaid resource packs, $0.14 per credit (PROVIDERS.md §4.6, found 2026)';

/** Credits a clip is estimated at: 3 (std) or 4 (pro) per 5 s, pro-rata to the tenth (§4.6). */
export function klingCredits(mode: 'std' | 'pro', durationSec: number): number {
  return Math.round(((mode === 'pro' ? 4 : 3) * durationSec * 10) / 5) / 10;
}

export function capabilitiesOf(m: KlingModel): ModelCapabilities {
  const slots: ModelCapabilities['slots'] = [];
  if (m.firstFrame) slots.push({ slot: 'firstFrame', roles: ['start-frame'], media: 'image', max: 1 });
  if (m.lastFrame) slots.push({ slot: 'lastFrame', roles: ['end-frame'], media: 'image', max: 1 });
  if (m.maxReferenceImages) slots.push({ slot: 'referenceImages', roles: ['character', 'wardrobe', 'location', 'prop', 'style'], media: 'image', max: m.maxReferenceImages });
  return {
    provider: 'kling',
    model: m.id,
    label: m.label,
    durationsSec: m.durations,
    aspectRatios: KLING_ASPECTS,
    resolutions: ['720p', '1080p'],
    slots,
    audio: m.audio,
    // Kling takes no seed (§4.3).
    seed: false,
    negativePrompt: m.negativePrompt,
    cameraControls: false,
    maxPromptChars: 2500,
    // Kling has no cancel endpoint (§4.2): a take is marked cancel requested and its output hidden.
    cancelRunning: false,
    available: true,
    priceUnit: 'credits',
    listPrice: { currency: 'USD', perQuantity: 1, priceMicros: KLING_CREDIT_MICROS, source: KLING_PRICE_SOURCE },
  };
}

export function findKlingModel(id: string): KlingModel | undefined {
  return KLING_MODELS.find((m) => m.id === id);
}
