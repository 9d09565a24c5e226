/** Ending a take and announcing changes, inside the caller's transaction: the ledger settles and the event goes out with the change, or neither happens. */
import type { GenerationStatus } from '@backlot/contracts';
import { settlementEntries } from '../../domain/ledger/ledger.rules.ts';
import type { Ids } from '../../ports/ids.ts';
import type { Repos } from '../../ports/store.ts';
import type { TakePatch, TakeRecord } from '../../ports/take-store.ts';

/** Announces a take's new status on the project's live stream when the transaction commits. */
export async function announceTake(tx: Repos, take: Pick<TakeRecord, 'id' | 'projectId' | 'shotId' | 'status' | 'progress'>, at: string): Promise<void> {
  await tx.outbox.publish({ type: 'take.changed', projectId: take.projectId, takeId: take.id, shotId: take.shotId, status: take.status, progress: take.progress, at });
}

export interface TakeOutcome {
  status: Extract<GenerationStatus, 'succeeded' | 'failed' | 'canceled'>;
  /** What the provider charged, in micro-units; null when nothing was charged. */
  actualMicros: number | null;
  error: TakeRecord['error'];
  /** Anything else that changes with the ending (media, continuity, hidden output). */
  patch?: TakePatch;
}

/**
 * Puts a take in a terminal state and balances its hold: the actual cost is settled (when
 * charged) and the whole reservation released. A take already terminal is left as it is, so a
 * late callback or a repeated step never settles twice. Returns whether it ended the take now.
 */
export async function finishTake(tx: Repos, deps: { ids: Ids }, take: TakeRecord, outcome: TakeOutcome, now: string): Promise<boolean> {
  const current = await tx.takes.get(take.id);
  if (!current || current.status === 'succeeded' || current.status === 'failed' || current.status === 'canceled') return false;
  for (const e of settlementEntries({ reservedMicros: current.reservedMicros }, { actualMicros: outcome.status === 'succeeded' ? (outcome.actualMicros ?? 0) : outcome.actualMicros })) {
    await tx.ledger.append({
      id: deps.ids.next(),
      projectId: current.projectId,
      takeId: current.id,
      kind: e.kind,
      amountMicros: e.amountMicros,
      currency: current.currency,
      note: e.note,
      createdAt: now,
    });
  }
  await tx.takes.update(current.id, {
    ...outcome.patch,
    status: outcome.status,
    step: 'done',
    error: outcome.error,
    actualMicros: outcome.status === 'succeeded' ? (outcome.actualMicros ?? 0) : outcome.actualMicros,
    progress: outcome.status === 'succeeded' ? 1 : current.progress,
    finishedAt: now,
    leaseOwner: null,
    leaseUntil: null,
    updatedAt: now,
  });
  await announceTake(tx, { ...current, status: outcome.status, progress: outcome.status === 'succeeded' ? 1 : current.progress }, now);
  return true;
}
