/** A finished take as the data benches insert it straight into the store: one file standing for every rendition. */
import type { TakeRecord } from '../../apps/server/src/ports/take-store.ts';

export interface BenchTake {
  id: string;
  projectId: string;
  shotId: string;
  /** Who asked for it. */
  owner: { id: string; name: string };
  /** The file that stands for its original, proxy, poster and filmstrip. */
  sha256: string;
  number?: number;
  review?: TakeRecord['review'];
  seed?: number;
  at: string;
}

export function benchTake(t: BenchTake): TakeRecord {
  return {
    id: t.id,
    projectId: t.projectId,
    shotId: t.shotId,
    number: t.number ?? 1,
    provider: 'previs',
    model: 'previs-animatic',
    external: false,
    status: 'succeeded',
    step: 'done',
    providerStatus: null,
    progress: null,
    error: null,
    review: t.review ?? 'approved',
    planVersion: 1,
    settings: {},
    seed: t.seed ?? 0,
    prompt: 'bench',
    negativePrompt: null,
    spec: null,
    request: null,
    adaptations: [],
    idempotencyKey: t.id,
    webhookSecret: null,
    providerTaskId: null,
    snapshot: null,
    currency: 'EUR',
    estimateMicros: 0,
    reservedMicros: 0,
    actualMicros: 0,
    estimateDetail: 'bench',
    usageUnit: 'generations',
    usageQuantity: 1,
    media: {
      originalSha256: t.sha256,
      proxySha256: t.sha256,
      posterSha256: t.sha256,
      filmstripSha256: t.sha256,
      filmstrip: { columns: 1, rows: 1, tileWidth: 1, tileHeight: 1, frameNumbers: [0] },
      width: 1920,
      height: 1080,
      frameRate: '24/1',
      frames: 48,
      durationUs: 2_000_000,
      videoCodec: 'h264',
      mediaType: 'video/mp4',
      proxyFrames: 48,
    },
    continuity: [],
    outputHidden: false,
    parentTakeId: null,
    requestedBy: t.owner.id,
    requestedByName: t.owner.name,
    attempts: 0,
    nextAttemptAt: t.at,
    leaseOwner: null,
    leaseUntil: null,
    requestedAt: t.at,
    submittedAt: t.at,
    finishedAt: t.at,
    ingestMs: null,
    updatedAt: t.at,
    criteria: [],
    rating: null,
    verdict: '',
    inFrame: null,
    outFrame: null,
    sourceNoteId: null,
    priceSource: 'bench',
    signOff: null,
  };
}
