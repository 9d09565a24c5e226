/**
 * Replicate's wire shapes as Backlot reads and writes them (PROVIDERS.md §7), pure: the prediction
 * object and its statuses (§7.3, §9.1), how refusals and failures fail a take (§7.5, §9.3), and each
 * model's input in its own field names.
 */
import { parseProgressFromLogs } from 'replicate';
import type { GenerationSpec, MediaRef } from '../../../domain/generate/generation-spec.ts';
import type { CommonStatus, ProviderError, TaskSnapshot } from '../../../ports/video-provider.ts';
import { KLING_MODE, type ReplicateModel } from './replicate.models.ts';

/** How the stored request names Backlot's own pictures, filled in when sending. */
import { BLOB_PREFIX } from '../stored-pictures.ts';

export { BLOB_PREFIX };

/** The prediction object (§7.3), as far as Backlot reads it. */
export interface ReplicatePrediction {
  id: string;
  status: string;
  model?: string;
  version?: string;
  input?: Record<string, unknown>;
  output?: unknown;
  error?: unknown;
  logs?: string | null;
  data_removed?: boolean;
  metrics?: { predict_time?: number; total_time?: number } | null;
  created_at?: string;
  started_at?: string | null;
  completed_at?: string | null;
  urls?: { get?: string; cancel?: string };
}

const STATUS: Record<string, CommonStatus> = { starting: 'queued', processing: 'running', succeeded: 'succeeded', failed: 'failed', canceled: 'canceled', aborted: 'failed' };

/** How an HTTP refusal fails a take (§7.5, §9.3): throttling and server faults may pass unchanged later; nothing refused is billed. */
export function classifyReplicateHttp(status: number, detail: string, retryAfterMs?: number): ProviderError {
  const base = { code: `HTTP ${status}`, message: detail, httpStatus: status };
  if (status === 401) return { ...base, category: 'auth', retryable: false, charged: false };
  if (status === 402) return { ...base, category: 'quota', retryable: false, charged: false };
  if (status === 403) return { ...base, category: 'auth', retryable: false, charged: false };
  if (status === 429) return { ...base, category: 'rate_limit', retryable: true, charged: false, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  if (status >= 500) return { ...base, category: 'provider_internal', retryable: true, charged: false };
  if (status >= 400) return { ...base, category: 'invalid_input', retryable: false, charged: false };
  return { ...base, category: 'unknown', retryable: false, charged: 'unknown' };
}

/**
 * How a prediction that ended without output fails a take (§7.3, §9.3). `aborted` never ran and is
 * not charged; the model's own `error` says why a `failed` one failed, and a refusal of sensitive
 * content (`E005`) is never retried.
 */
export function classifyReplicateFailure(status: string, error: unknown): ProviderError {
  const message = typeof error === 'string' ? error : error ? JSON.stringify(error) : '';
  if (status === 'aborted')
    return {
      code: 'aborted',
      message: 'the prediction was aborted before it started (its deadline passed); Replicate does not charge for it, so it can be generated again',
      category: 'expired',
      retryable: false,
      charged: false,
    };
  if (/\bE005\b|flagged as sensitive|nsfw|content polic/i.test(message))
    return { code: 'E005', message: message || 'flagged as sensitive', category: 'moderation', retryable: false, charged: 'unknown' };
  return { code: 'failed', message: message || 'Replicate reported the prediction failed', category: 'unknown', retryable: false, charged: 'unknown' };
}

/** The output URLs of a prediction: a string, an array of them, or an object holding them (§7.3: model-specific). */
function outputUrls(output: unknown): string[] {
  if (typeof output === 'string') return /^https?:\/\//.test(output) ? [output] : [];
  if (Array.isArray(output)) return output.flatMap(outputUrls);
  if (output && typeof output === 'object') return Object.values(output).flatMap(outputUrls);
  return [];
}

export function replicateSnapshot(p: ReplicatePrediction): TaskSnapshot {
  const status = STATUS[p.status] ?? 'running';
  const progress = p.status === 'processing' && p.logs ? parseProgressFromLogs(p.logs)?.percentage : undefined;
  // Outputs are kept an hour after the prediction ends (§7.3).
  const ended = Date.parse(p.completed_at ?? '');
  const expiresAt = Number.isFinite(ended) ? new Date(ended + 3_600_000).toISOString() : undefined;
  const predictTime = p.metrics?.predict_time;
  return {
    providerTaskId: p.id,
    status,
    providerStatus: p.status,
    progress: progress ?? undefined,
    outputs: status === 'succeeded' ? outputUrls(p.output).map((url) => ({ url, mediaType: 'video' as const, ...(expiresAt ? { expiresAt } : {}) })) : [],
    error: status === 'failed' ? classifyReplicateFailure(p.status, p.error) : undefined,
    usage: typeof predictTime === 'number' ? { unit: 'gpu_seconds', quantity: predictTime } : undefined,
    raw: p,
  };
}

/** A message out of an error body: its `detail` (§7.5; a string, or FastAPI's list), else the status. */
export function detailOf(text: string, status: number): string {
  try {
    const body = JSON.parse(text) as { detail?: unknown };
    const detail = typeof body.detail === 'string' ? body.detail : Array.isArray(body.detail) ? body.detail.map((d) => (d as { msg?: string }).msg ?? String(d)).join('; ') : '';
    if (detail) return detail;
  } catch {
    // Not JSON: fall through.
  }
  return `Replicate answered HTTP ${status}`;
}

/** `Retry-After` in ms: seconds or an HTTP date. */
export function retryAfterOf(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

export const defaultResolution = (m: ReplicateModel) => (m.resolutions.includes('720p') ? '720p' : m.resolutions[0]);

/** The model's input for a spec, in the model's own field names. */
export function inputOf(m: ReplicateModel, spec: GenerationSpec, mediaOf: (ref: MediaRef) => string): Record<string, unknown> {
  const input: Record<string, unknown> = { prompt: spec.prompt };
  const duration = spec.durationSec ?? m.durations[0];
  const resolution = spec.resolution ?? defaultResolution(m);
  if (m.id === 'kwaivgi/kling-v2.1') {
    input.duration = duration;
    input.mode = KLING_MODE[resolution] ?? 'standard';
  } else if (m.via === 'version') {
    // LTX-Video counts frames at 24 fps, plus the first (8n + 1).
    input.length = duration * 24 + 1;
    input.target_size = 640;
  } else {
    input.duration = duration;
  }
  if (m.inputs.resolution) input[m.inputs.resolution] = resolution;
  if (m.inputs.aspect && !spec.firstFrame) input[m.inputs.aspect] = spec.aspectRatio ?? '16:9';
  if (m.inputs.firstFrame && spec.firstFrame) input[m.inputs.firstFrame] = mediaOf(spec.firstFrame);
  if (m.inputs.lastFrame && spec.lastFrame) input[m.inputs.lastFrame] = mediaOf(spec.lastFrame);
  if (m.inputs.negativePrompt && spec.negativePrompt) input[m.inputs.negativePrompt] = spec.negativePrompt;
  if (m.inputs.seed && spec.seed !== undefined) input[m.inputs.seed] = spec.seed;
  return input;
}

/** Whether the input Replicate echoes is the one sent: every field the same, Backlot's pictures aside (Replicate holds them as uploaded files). */
export function sameInput(sent: Record<string, unknown>, echoed: Record<string, unknown> | undefined): boolean {
  if (!echoed) return false;
  return Object.entries(sent).every(([k, v]) => (typeof v === 'string' && v.startsWith(BLOB_PREFIX) ? k in echoed : JSON.stringify(v) === JSON.stringify(echoed[k])));
}
