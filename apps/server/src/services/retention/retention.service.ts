/**
 * Retention (issue 19): a project may allow the media of rejected takes older than N days to be
 * purged. The preview lists what a purge would free; the purge (an owner's) frees the original,
 * proxy and filmstrip of the takes the preview named, each checked again in its own transaction,
 * and keeps the take's record, request, cost and poster. Never touched: takes not rejected (so
 * selected and approved), takes handed off, takes another take or a reference was made from, takes
 * in an open dailies playlist, and any file still shared by content with something kept.
 *
 * Crash safety: a batch of takes is marked purged, its blobs forgotten and its audit event written
 * in one transaction; the bytes go after it commits. A crash before the commit leaves the takes
 * intact; after it, only unrecorded bytes remain, which the start-up sweep removes.
 */
import type { PurgeRetentionInput, RetentionCandidate, RetentionPreview, RetentionPurgeResult, RetentionSetting, SetRetentionInput } from '@backlot/contracts';
import { projectChain } from '../../domain/audit/audit-chain.ts';
import { fail } from '../../domain/errors.ts';
import { clipName, takeCodeOf } from '../../domain/handoff/handoff-names.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { RetentionTakeRecord } from '../../ports/retention-store.ts';
import type { Repos, Store } from '../../ports/store.ts';
import { appendAudit, type Actor, type AuditDeps } from '../audit/audit-append.ts';
import { announceTake } from '../generate/take-ledger.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Takes purged per transaction: small enough that decisions made meanwhile wait briefly. */
const BATCH = 10;

export interface RetentionDeps extends AuditDeps {
  store: Store;
  blobs: BlobStore;
}

/** What a purge would do to one take: the files only it holds, and those it shares. */
interface Plan {
  take: RetentionTakeRecord;
  free: string[];
  shared: string[];
  bytes: number;
}

/** The take's files a purge removes: everything but the poster. */
function purgeableFiles(take: RetentionTakeRecord): string[] {
  const m = take.media;
  return [...new Set([m.originalSha256, m.proxySha256, m.filmstripSha256])].filter((sha) => sha !== m.posterSha256);
}

export function createRetentionService(deps: RetentionDeps) {
  const { store } = deps;

  async function settingOf(repos: Repos, projectId: string): Promise<RetentionSetting> {
    const s = await repos.retention.setting(projectId);
    return { purgeRejectedAfterDays: s?.purgeRejectedAfterDays ?? null, setBy: s?.setByName ?? null, setAt: s?.setAt ?? null };
  }

  function cutoffOf(days: number): string {
    return new Date(deps.clock.now().getTime() - days * DAY_MS).toISOString();
  }

  /** Why the take is kept whatever its decision, or what purging it would free; read through `repos` (a transaction re-checks). */
  async function judge(repos: Repos, projectCode: string, take: RetentionTakeRecord): Promise<{ kept: string } | { plan: Plan }> {
    const name = clipName({ projectCode, sceneNumber: take.sceneNumber, shotCode: take.shotCode, takeNumber: take.number });
    const kept = await repos.retention.keptBecause(take, [name]);
    if (kept) return { kept };
    const files = purgeableFiles(take);
    const ownTask = take.provider === 'previs' ? take.providerTaskId : null;
    const sharedSet = await repos.retention.sharedElsewhere(take.id, ownTask, files);
    const free = files.filter((sha) => !sharedSet.has(sha));
    const sizes = await repos.retention.sizes(free);
    return { plan: { take, free, shared: files.filter((sha) => sharedSet.has(sha)), bytes: free.reduce((n, sha) => n + (sizes.get(sha) ?? 0), 0) } };
  }

  async function projectCode(projectId: string): Promise<string> {
    return ((await store.read.projects.findById(projectId)) ?? fail('project.not_found', 'No such project.')).code;
  }

  /** Why a take named for purging no longer qualifies, in words. */
  async function whyNot(repos: Repos, projectId: string, takeId: string, cutoff: string): Promise<string> {
    const t = await repos.takes.findById(projectId, takeId);
    if (!t) return 'no such take in this project';
    if (t.mediaPurge) return 'its media was already purged';
    if (!t.media) return 'it has no media';
    if (t.review !== 'rejected') return `it is ${t.review} now`;
    if (!t.finishedAt || t.finishedAt >= cutoff) return 'it is not older than the retention period';
    return `it is ${t.status}`;
  }

  return {
    /** The setting and what a purge would free now (nothing while retention is off). */
    async preview(projectId: string): Promise<RetentionPreview> {
      const setting = await settingOf(store.read, projectId);
      if (setting.purgeRejectedAfterDays === null) return { setting, cutoff: null, takes: [], totalBytes: 0, kept: [] };
      const cutoff = cutoffOf(setting.purgeRejectedAfterDays);
      const code = await projectCode(projectId);
      const takes: RetentionCandidate[] = [];
      const kept: RetentionPreview['kept'] = [];
      for (const take of await store.read.retention.rejectedBefore(projectId, cutoff)) {
        const j = await judge(store.read, code, take);
        const label = { takeId: take.id, shotCode: take.shotCode, code: takeCodeOf(take.number) };
        if ('kept' in j) kept.push({ ...label, reason: j.kept });
        else takes.push({ ...label, finishedAt: take.finishedAt, bytes: j.plan.bytes, files: j.plan.free.length, shared: j.plan.shared.length });
      }
      return { setting, cutoff, takes, totalBytes: takes.reduce((n, t) => n + t.bytes, 0), kept };
    },

    /** Sets (or turns off, with null) how many days rejected takes keep their media; audited. */
    async setSetting(actor: Actor, projectId: string, input: SetRetentionInput): Promise<RetentionSetting> {
      const at = deps.clock.now().toISOString();
      return store.transaction(async (tx) => {
        const before = await settingOf(tx, projectId);
        const days = input.purgeRejectedAfterDays;
        await tx.retention.putSetting({ projectId, purgeRejectedAfterDays: days, setByName: actor.name, setAt: at });
        await appendAudit(tx, deps, {
          chain: projectChain(projectId),
          actor,
          action: 'retention.set',
          targetType: 'project',
          targetId: projectId,
          summary: days === null ? `${actor.name} turned retention off` : `${actor.name} allowed the media of rejected takes older than ${days} day${days === 1 ? '' : 's'} to be purged`,
          data: { from: before.purgeRejectedAfterDays, to: days },
        });
        return { purgeRejectedAfterDays: days, setBy: actor.name, setAt: at };
      });
    },

    /**
     * Purges the takes the preview named, each checked again when its turn comes (a take re-selected,
     * handed off or used meanwhile is skipped, with why). Reports progress after each batch.
     */
    async purge(actor: Actor, projectId: string, input: PurgeRetentionInput, onProgress?: (p: { done: number; total: number; bytes: number }) => void): Promise<RetentionPurgeResult> {
      const setting = await settingOf(store.read, projectId);
      if (setting.purgeRejectedAfterDays === null) fail('retention.off', 'Retention is off in this project: set how many days rejected takes keep their media first.');
      const days = setting.purgeRejectedAfterDays;
      const code = await projectCode(projectId);
      const ids = [...new Set(input.takeIds)];
      const result: RetentionPurgeResult = { purged: 0, bytes: 0, skipped: [], takeIds: [] };
      onProgress?.({ done: 0, total: ids.length, bytes: 0 });
      for (let i = 0; i < ids.length; i += BATCH) {
        const batch = ids.slice(i, i + BATCH);
        const done = await store.transaction(async (tx) => {
          // The project first (lock order), so whatever allocates in it takes turns with the checks below.
          await tx.projects.lock(projectId);
          const at = deps.clock.now().toISOString();
          const cutoff = cutoffOf(days);
          const found = new Map((await tx.retention.rejectedBefore(projectId, cutoff, batch)).map((t) => [t.id, t]));
          const purged: Plan[] = [];
          const skipped: RetentionPurgeResult['skipped'] = [];
          for (const id of batch) {
            const take = found.get(id);
            if (!take) {
              skipped.push({ takeId: id, reason: await whyNot(tx, projectId, id, cutoff) });
              continue;
            }
            const j = await judge(tx, code, take);
            if ('kept' in j) {
              skipped.push({ takeId: id, reason: `kept: ${j.kept}` });
              continue;
            }
            const { plan } = j;
            const m = take.media;
            // Still rejected and still holding media at the moment of writing, or nothing is written.
            const marked = await tx.retention.markPurged(
              id,
              { at, byName: actor.name, bytes: plan.bytes, posterSha256: m.posterSha256, purged: { originalSha256: m.originalSha256, proxySha256: m.proxySha256, filmstripSha256: m.filmstripSha256 } },
              at,
            );
            if (!marked) {
              skipped.push({ takeId: id, reason: await whyNot(tx, projectId, id, cutoff) });
              continue;
            }
            await tx.retention.forgetBlobs(plan.free);
            if (take.provider === 'previs' && take.providerTaskId && plan.free.includes(m.originalSha256)) await tx.retention.forgetPrevisOutput(take.providerTaskId);
            const record = await tx.takes.findById(projectId, id);
            if (record) await announceTake(tx, record, at);
            purged.push(plan);
          }
          if (purged.length) {
            const bytes = purged.reduce((n, p) => n + p.bytes, 0);
            await appendAudit(tx, deps, {
              chain: projectChain(projectId),
              actor,
              action: 'retention.purged',
              targetType: 'project',
              targetId: projectId,
              summary: `${actor.name} purged the media of ${purged.length} rejected take${purged.length === 1 ? '' : 's'} older than ${days} day${days === 1 ? '' : 's'} (${purged.map((p) => `${p.take.shotCode} ${takeCodeOf(p.take.number)}`).join(', ')}): ${bytes} bytes freed`,
              data: {
                count: purged.length,
                bytes,
                takeIds: purged.map((p) => p.take.id),
                files: purged.reduce((n, p) => n + p.free.length, 0),
                keptShared: purged.reduce((n, p) => n + p.shared.length, 0),
                days,
              },
            });
          }
          return { purged, skipped };
        });
        // The records are gone; now the bytes, unless the same content was recorded again meanwhile.
        const free = [...new Set(done.purged.flatMap((p) => p.free))];
        const again = await store.read.retention.recorded(free);
        for (const sha of free) if (!again.has(sha)) await deps.blobs.delete(sha);
        result.purged += done.purged.length;
        result.bytes += done.purged.reduce((n, p) => n + p.bytes, 0);
        result.takeIds.push(...done.purged.map((p) => p.take.id));
        result.skipped.push(...done.skipped);
        onProgress?.({ done: Math.min(ids.length, i + BATCH), total: ids.length, bytes: result.bytes });
      }
      return result;
    },
  };
}

export type RetentionService = ReturnType<typeof createRetentionService>;
