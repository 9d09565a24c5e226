/**
 * The Runway models Backlot offers (PROVIDERS.md §2.3), what each accepts, and the credit
 * arithmetic of §2.6 (1 credit = $0.01; credits per second of output). Pure: no I/O.
 */
import type { ModelCapabilities, ResolutionName } from '@backlot/contracts';

export type RunwayEndpoint = 'image_to_video' | 'text_to_video' | 'video_to_video';

export interface RunwayModel {
  id: string;
  label: string;
  durations: number[];
  /** Whether it makes video from words alone, from a start frame, from a video. */
  textToVideo: boolean;
  imageToVideo: boolean;
  videoToVideo: boolean;
  lastFrame: boolean;
  audio: boolean;
  negativePrompt: boolean;
  seed: boolean;
  /** Backlot aspect → Runway's pixel `ratio`, per resolution it renders. */
  ratios: Partial<Record<ResolutionName, Record<string, string>>>;
  /** Text-to-video takes fewer ratios on some models. */
  textRatios?: string[];
  maxPromptChars: number;
  /** Reference pictures text-to-video takes (`references`), 0: none. */
  maxReferenceImages?: number;
  /** Credits per second (silent, with sound); absent where PROVIDERS.md has no confirmed price. */
  creditsPerSecond?: { silent: number; audio: number };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const GEN4_RATIOS = { '16:9': '1280:720', '9:16': '720:1280', '4:3': '1104:832', '1:1': '960:960', '3:4': '832:1104', '21:9': '1584:672' };
const VEO_RATIOS = { '720p': { '16:9': '1280:720', '9:16': '720:1280' }, '1080p': { '16:9': '1920:1080', '9:16': '1080:1920' } };

export const RUNWAY_MODELS: readonly RunwayModel[] = [
  {
    id: 'gen4.5',
    label: 'Runway Gen-4.5',
    durations: range(2, 10),
    textToVideo: true,
    imageToVideo: true,
    videoToVideo: false,
    lastFrame: false,
    audio: false,
    negativePrompt: false,
    seed: true,
    ratios: { '720p': GEN4_RATIOS },
    textRatios: ['16:9', '9:16'],
    maxPromptChars: 1000,
    creditsPerSecond: { silent: 12, audio: 12 },
  },
  {
    id: 'gen4_turbo',
    label: 'Runway Gen-4 Turbo',
    durations: [5, 10],
    textToVideo: false,
    imageToVideo: true,
    videoToVideo: false,
    lastFrame: false,
    audio: false,
    negativePrompt: false,
    seed: true,
    ratios: { '720p': GEN4_RATIOS },
    maxPromptChars: 1000,
    creditsPerSecond: { silent: 5, audio: 5 },
  },
  {
    id: 'veo3.1',
    label: 'Runway Veo 3.1',
    durations: [4, 6, 8],
    textToVideo: true,
    imageToVideo: true,
    videoToVideo: false,
    lastFrame: true,
    audio: true,
    negativePrompt: true,
    seed: false,
    ratios: VEO_RATIOS,
    maxPromptChars: 1000,
    creditsPerSecond: { silent: 20, audio: 40 },
  },
  {
    id: 'veo3.1_fast',
    label: 'Runway Veo 3.1 Fast',
    durations: [4, 6, 8],
    textToVideo: true,
    imageToVideo: true,
    videoToVideo: false,
    lastFrame: true,
    audio: true,
    negativePrompt: true,
    seed: false,
    ratios: VEO_RATIOS,
    maxPromptChars: 1000,
    creditsPerSecond: { silent: 10, audio: 15 },
  },
  // Seedance 2.0 on Runway: up to 9 reference pictures from words (`references`); price not confirmed (§2.6 ⚠).
  {
    id: 'seedance2',
    label: 'Runway Seedance 2.0',
    durations: range(4, 15),
    textToVideo: true,
    imageToVideo: true,
    videoToVideo: false,
    lastFrame: true,
    audio: true,
    negativePrompt: false,
    seed: true,
    ratios: {
      '480p': { '21:9': '992:432', '16:9': '864:496', '4:3': '752:560', '1:1': '640:640', '3:4': '560:752', '9:16': '496:864' },
      '720p': { '21:9': '1470:630', '16:9': '1280:720', '4:3': '1112:834', '1:1': '960:960', '3:4': '834:1112', '9:16': '720:1280' },
      '1080p': { '21:9': '2206:946', '16:9': '1920:1080', '4:3': '1664:1248', '1:1': '1440:1440', '3:4': '1248:1664', '9:16': '1080:1920' },
    },
    maxPromptChars: 3500,
    maxReferenceImages: 9,
  },
  // Aleph 2 edits a video: the output keeps the source's length; its price is not confirmed (§2.6 ⚠).
  {
    id: 'aleph2',
    label: 'Runway Aleph 2',
    durations: range(1, 30),
    textToVideo: false,
    imageToVideo: false,
    videoToVideo: true,
    lastFrame: false,
    audio: false,
    negativePrompt: false,
    seed: true,
    ratios: { '720p': { '16:9': '16:9', '9:16': '9:16', '4:3': '4:3', '3:4': '3:4', '1:1': '1:1', '21:9': '21:9' } },
    maxPromptChars: 1000,
  },
];

export const RUNWAY_CREDIT_MICROS = 10_000;
export const RUNWAY_PRICE_SOURCE = 'Runway API, $0.01 per credit; credits per second from a summary of Runway’s pricing page (PROVIDERS.md §2.6, found 2026)';

export function runwayCredits(m: RunwayModel, durationSec: number, audio: boolean): number | undefined {
  if (!m.creditsPerSecond) return undefined;
  return (audio ? m.creditsPerSecond.audio : m.creditsPerSecond.silent) * durationSec;
}

export function capabilitiesOf(m: RunwayModel): ModelCapabilities {
  const slots: ModelCapabilities['slots'] = [];
  if (m.imageToVideo) slots.push({ slot: 'firstFrame', roles: ['start-frame'], media: 'image', max: 1 });
  if (m.lastFrame) slots.push({ slot: 'lastFrame', roles: ['end-frame'], media: 'image', max: 1 });
  if (m.maxReferenceImages) slots.push({ slot: 'referenceImages', roles: ['character', 'wardrobe', 'location', 'prop', 'style'], media: 'image', max: m.maxReferenceImages });
  if (m.videoToVideo) slots.push({ slot: 'referenceVideos', roles: ['motion'], media: 'video', max: 1 });
  const resolutions = Object.keys(m.ratios) as ResolutionName[];
  return {
    provider: 'runway',
    model: m.id,
    label: m.label,
    durationsSec: m.durations,
    aspectRatios: Object.keys(m.ratios[resolutions.includes('720p') ? '720p' : resolutions[0]]!),
    resolutions,
    slots,
    audio: m.audio,
    seed: m.seed,
    negativePrompt: m.negativePrompt,
    cameraControls: false,
    maxPromptChars: m.maxPromptChars,
    // DELETE /v1/tasks/{id} cancels pending, throttled and running tasks (§2.2, §9.1).
    cancelRunning: true,
    available: true,
    priceUnit: m.creditsPerSecond ? 'credits' : 'seconds',
    ...(m.creditsPerSecond ? { listPrice: { currency: 'USD', perQuantity: 1, priceMicros: RUNWAY_CREDIT_MICROS, source: RUNWAY_PRICE_SOURCE } } : {}),
  };
}

export function findRunwayModel(id: string): RunwayModel | undefined {
  return RUNWAY_MODELS.find((m) => m.id === id);
}
