/**
 * The fal-hosted video models Backlot offers (PROVIDERS.md §6), what each accepts, and the price
 * arithmetic of §6.7. Pure: no I/O.
 *
 * A Backlot model is a fal endpoint family (`owner/app/...` without the last segment); the request
 * goes to its `text-to-video` or `image-to-video` endpoint depending on whether the plan gives a
 * start frame. Each endpoint has its own schema (§6.4): field names and value shapes below follow it.
 */
import type { ModelCapabilities, ResolutionName } from '@backlot/contracts';

export type FalTask = 'text-to-video' | 'image-to-video';

export interface FalModel {
  /** The endpoint family, e.g. `bytedance/seedance-2.0/fast`; `…/text-to-video` and `…/image-to-video` are its endpoints. */
  id: string;
  label: string;
  durations: number[];
  aspects: string[];
  resolutions: ResolutionName[];
  /** Sent as `resolution` (Seedance); absent where the endpoint renders one size (Kling pro: 1080p). */
  resolutionField: boolean;
  /** End frame (`end_image_url`) on image-to-video. */
  lastFrame: boolean;
  /** Native sound (`generate_audio`). */
  audio: boolean;
  negativePrompt: boolean;
  maxPromptChars: number;
  /** How the catalog prices it: tokens (h × w × s × 24 / 1024) or seconds of output. */
  price: { unit: 'tokens'; microsPerThousandTokens: number; source: string } | { unit: 'seconds'; microsPerSecond: number; source: string };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

export const FAL_MODELS: readonly FalModel[] = [
  {
    // §6.4: prompt, image_url, end_image_url?, duration "4"–"15" as a string, aspect_ratio, resolution, generate_audio.
    id: 'bytedance/seedance-2.0/fast',
    label: 'fal Seedance 2.0 Fast',
    durations: range(4, 15),
    aspects: ['21:9', '16:9', '4:3', '1:1', '3:4', '9:16'],
    resolutions: ['480p', '720p', '1080p', '4k'],
    resolutionField: true,
    lastFrame: true,
    audio: true,
    negativePrompt: false,
    maxPromptChars: 2000,
    price: { unit: 'tokens', microsPerThousandTokens: 11_200, source: 'fal list price for Seedance 2.0 fast, $0.0112 per 1000 tokens (PROVIDERS.md §6.7, found 2026)' },
  },
  {
    // Kling v2.5 turbo pro on fal: duration "5" or "10", aspect_ratio (text-to-video), negative_prompt; pro renders
    // 1080p. Only its price is in PROVIDERS.md (§6.7 ◐); these field names follow Kling's own API (§4.3) and fal's
    // model page as remembered (⚠): the fake checks the same shape, so a mismatch would show only against fal itself.
    id: 'fal-ai/kling-video/v2.5-turbo/pro',
    label: 'fal Kling 2.5 Turbo Pro',
    durations: [5, 10],
    aspects: ['16:9', '9:16', '1:1'],
    resolutions: ['1080p'],
    resolutionField: false,
    lastFrame: false,
    audio: false,
    negativePrompt: true,
    maxPromptChars: 2500,
    price: { unit: 'seconds', microsPerSecond: 70_000, source: 'fal list price for Kling v2.5 turbo pro, $0.07 per second (PROVIDERS.md §6.7 ◐, found 2026)' },
  },
];

const SHORT_SIDE: Record<ResolutionName, number> = { '480p': 480, '540p': 540, '720p': 720, '1080p': 1080, '4k': 2160 };

/** The picture size of a resolution tier at an aspect ratio: the tier is the short side; sides are even. */
export function falSize(resolution: ResolutionName, aspect: string): { width: number; height: number } {
  const [a, b] = aspect.split(':').map(Number);
  const short = SHORT_SIDE[resolution];
  const long = Math.round((short * Math.max(a, b)) / Math.min(a, b) / 2) * 2;
  return a >= b ? { width: long, height: short } : { width: short, height: long };
}

/** fal's Seedance tokens (§6.7): height × width × duration × 24 / 1024, rounded up. */
export function falTokens(resolution: ResolutionName, aspect: string, durationSec: number): number {
  const { width, height } = falSize(resolution, aspect);
  return Math.ceil((width * height * durationSec * 24) / 1024);
}

export function capabilitiesOf(m: FalModel): ModelCapabilities {
  const slots: ModelCapabilities['slots'] = [{ slot: 'firstFrame', roles: ['start-frame'], media: 'image', max: 1 }];
  if (m.lastFrame) slots.push({ slot: 'lastFrame', roles: ['end-frame'], media: 'image', max: 1 });
  return {
    provider: 'fal',
    model: m.id,
    label: m.label,
    durationsSec: m.durations,
    aspectRatios: m.aspects,
    resolutions: m.resolutions,
    slots,
    audio: m.audio,
    // Neither endpoint's schema (§6.4) names a seed.
    seed: false,
    negativePrompt: m.negativePrompt,
    cameraControls: false,
    maxPromptChars: m.maxPromptChars,
    // fal removes a queued request; a running one gets a signal its app may ignore (§6.3, §9.1).
    cancelRunning: false,
    available: true,
    priceUnit: m.price.unit,
    listPrice:
      m.price.unit === 'tokens'
        ? { currency: 'USD', perQuantity: 1000, priceMicros: m.price.microsPerThousandTokens, source: m.price.source }
        : { currency: 'USD', perQuantity: 1, priceMicros: m.price.microsPerSecond, source: m.price.source },
  };
}

export function findFalModel(id: string): FalModel | undefined {
  return FAL_MODELS.find((m) => m.id === id);
}
