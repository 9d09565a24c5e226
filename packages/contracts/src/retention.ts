/**
 * Retention (issue 19): a project's setting that media of rejected takes older than some days may
 * be purged, the preview of what a purge would free, and the purge's progress and result. A purged
 * take keeps its record, request, cost and poster; its original, proxy and filmstrip are gone.
 */
import { z } from 'zod';
import { Id } from './schemas.ts';

/** The project's retention setting: null days means off (the default). */
export const RetentionSetting = z.object({
  /** Media of rejected takes finished more than this many days ago may be purged; null: never. */
  purgeRejectedAfterDays: z.number().int().nullable(),
  setBy: z.string().nullable(),
  setAt: z.string().nullable(),
});
export type RetentionSetting = z.infer<typeof RetentionSetting>;

export const SetRetentionInput = z.strictObject({
  purgeRejectedAfterDays: z
    .number({ message: 'must be a whole number of days, or null for off' })
    .int({ message: 'must be a whole number of days' })
    .min(1, { message: 'must be at least 1 day' })
    .max(36500, { message: 'must be at most 36500 days' })
    .nullable(),
});
export type SetRetentionInput = z.infer<typeof SetRetentionInput>;

/** One take a purge would free, with the bytes only it holds. */
export const RetentionCandidate = z.object({
  takeId: Id,
  shotCode: z.string(),
  code: z.string(),
  finishedAt: z.string().nullable(),
  /** Bytes freed: the take's original, proxy and filmstrip, less any file still shared with something kept. */
  bytes: z.number().int(),
  /** Files freed (at most three). */
  files: z.number().int(),
  /** Files the take keeps because something else still uses them. */
  shared: z.number().int(),
});
export type RetentionCandidate = z.infer<typeof RetentionCandidate>;

/** The setting, and what a purge would do now. */
export const RetentionPreview = z.object({
  setting: RetentionSetting,
  /** The finish time a take must be older than, or null while retention is off. */
  cutoff: z.string().nullable(),
  takes: z.array(RetentionCandidate),
  totalBytes: z.number().int(),
  /** Rejected takes older than the cutoff that are kept, and why (handed off, used as a reference…). */
  kept: z.array(z.object({ takeId: Id, shotCode: z.string(), code: z.string(), reason: z.string() })),
});
export type RetentionPreview = z.infer<typeof RetentionPreview>;

/** What a purge did. */
export const RetentionPurgeResult = z.object({
  purged: z.number().int(),
  bytes: z.number().int(),
  /** Takes of the preview no longer purged when their turn came (re-selected, handed off, now a reference…). */
  skipped: z.array(z.object({ takeId: Id, reason: z.string() })),
  takeIds: z.array(Id),
});
export type RetentionPurgeResult = z.infer<typeof RetentionPurgeResult>;

/** One line of the purge's NDJSON answer: progress, then the result or an error. */
export type RetentionPurgeLine = { progress: { done: number; total: number; bytes: number } } | { result: RetentionPurgeResult } | { error: { code: string; message: string } };

/** The takes to purge: those the preview listed; each is checked again when its turn comes. */
export const PurgeRetentionInput = z.strictObject({
  takeIds: z.array(Id).min(1, { message: 'name at least one take from the preview' }).max(100_000),
});
export type PurgeRetentionInput = z.infer<typeof PurgeRetentionInput>;
