/** A new take row with every field a caller does not decide set to its starting value. */
import type { TakeRecord } from '../../ports/take-store.ts';

/** What every new take must be told; the rest starts empty and is overridden where the caller knows better. */
export type NewTake = Pick<TakeRecord, 'id' | 'projectId' | 'shotId' | 'number' | 'provider' | 'model' | 'planVersion' | 'currency' | 'requestedBy' | 'requestedByName'> & Partial<TakeRecord>;

export function newTakeRecord(take: NewTake, now: string): TakeRecord {
  return {
    external: false,
    status: 'queued',
    step: 'submit',
    providerStatus: null,
    progress: null,
    error: null,
    review: 'unreviewed',
    settings: {},
    seed: null,
    prompt: '',
    negativePrompt: null,
    spec: null,
    request: null,
    adaptations: [],
    idempotencyKey: `backlot-take-${take.id}`,
    webhookSecret: null,
    providerTaskId: null,
    snapshot: null,
    estimateMicros: 0,
    reservedMicros: 0,
    actualMicros: null,
    estimateDetail: '',
    usageUnit: 'generations',
    usageQuantity: 1,
    media: null,
    continuity: [],
    outputHidden: false,
    parentTakeId: null,
    attempts: 0,
    nextAttemptAt: now,
    leaseOwner: null,
    leaseUntil: null,
    requestedAt: now,
    submittedAt: null,
    finishedAt: null,
    ingestMs: null,
    updatedAt: now,
    criteria: [],
    rating: null,
    verdict: '',
    inFrame: null,
    outFrame: null,
    sourceNoteId: null,
    ...take,
  };
}
