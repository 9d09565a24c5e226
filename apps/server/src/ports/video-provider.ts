/**
 * Video provider port (PROVIDERS.md §9): one interface that fits every provider, from the built-in
 * previs generator to the paid APIs. The worker drives it; adapters keep provider quirks inside.
 * Backlot's own `queued` means "reserved, never sent"; a provider's "queued" is Backlot's `submitted`.
 */
import type { ModelCapabilities, ProviderName } from '@backlot/contracts';

export type { ModelCapabilities, ProviderName };

/** The provider's view of a task. */
export type CommonStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'canceled';

export type { CameraMove, GenerationSpec, MediaRef, PrevisOptions } from '../domain/generate/generation-spec.ts';
import type { GenerationSpec, MediaRef } from '../domain/generate/generation-spec.ts';

/** Exactly what is sent, stored on the take before sending; never holds a credential. */
export interface CompiledRequest {
  method: 'POST';
  url: string;
  headers: Record<string, string>;
  body: unknown;
  uploads: Array<{ ref: MediaRef; uploadedAs: string }>;
}

/** In the provider's own unit; the price catalog turns it into micro-units of the project currency. */
export interface UsageEstimate {
  unit: 'tokens' | 'seconds' | 'credits' | 'generations' | 'gpu_seconds';
  quantity: number;
  detail: string;
}

export interface ProviderError {
  code: string;
  message: string;
  category: 'auth' | 'quota' | 'rate_limit' | 'invalid_input' | 'moderation' | 'provider_internal' | 'timeout' | 'expired' | 'unknown';
  retryable: boolean;
  charged: boolean | 'unknown';
  httpStatus?: number;
  /** How long the provider asked to be left alone before the next try (a 429's `Retry-After`), in ms. */
  retryAfterMs?: number;
}

/** Of these provider task ids, the ones other takes already hold. */
export type HeldTasks = (providerTaskIds: string[]) => Promise<ReadonlySet<string>>;

/** Thrown by adapters for errors the provider reported (or a transport failure, as `provider_internal`, retryable). */
export class ProviderFailure extends Error {
  constructor(readonly error: ProviderError) {
    super(error.message);
    this.name = 'ProviderFailure';
  }
}

export interface OutputRef {
  url: string;
  mediaType: 'video' | 'image' | 'audio';
  expiresAt?: string;
}

export interface TaskSnapshot {
  providerTaskId: string;
  status: CommonStatus;
  /** Verbatim, e.g. 'THROTTLED', 'dreaming', 'succeed'. */
  providerStatus: string;
  progress?: number;
  outputs: OutputRef[];
  error?: ProviderError;
  usage?: { unit: string; quantity: number };
  raw: unknown;
}

export interface SubmitOptions {
  /** Derived from the take; used where the provider accepts it, and by `reconcile`. */
  idempotencyKey: string;
  webhookUrl?: string;
  signal?: AbortSignal;
}

export type CancelOutcome = 'canceled' | 'cancel_requested' | 'too_late' | 'unsupported';

export interface WebhookRequest {
  headers: Headers;
  rawBody: Uint8Array;
  url: URL;
  /** The provider's task Backlot holds for the take the push is addressed to, once known: a push about another task is refused. */
  taskId?: string | null;
}

/** A second credential some providers ask for their asset API (Seedance: a Volcengine AK/SK pair). */
export interface AssetCredential {
  accessKeyId: string;
  secretAccessKey: string;
}

/** An asset's state in the provider's library: usable once `Active`. */
export type LikenessAssetStatus = 'Processing' | 'Active' | 'Failed';

/**
 * A provider's library of real people's likenesses (PROVIDERS.md §1.3.2): a face is sent once, into
 * the person's group, and requests name it as an asset id instead of carrying the picture.
 */
export interface LikenessAssetLibrary {
  /** Registers a picture into the person's group (made first when `groupId` is null); answers both ids. */
  register(input: { groupId: string | null; person: string; image: { sha256: string; mediaType: string } }, signal?: AbortSignal): Promise<{ groupId: string; assetId: string }>;
  /** The asset's state, with the provider's reason when it failed. */
  status(assetId: string, signal?: AbortSignal): Promise<{ status: LikenessAssetStatus; reason?: string }>;
  /** Deletes the asset at the provider; 'gone' when the provider no longer had it. */
  remove(assetId: string, signal?: AbortSignal): Promise<'deleted' | 'gone'>;
}

export interface VideoProviderAdapter {
  readonly provider: ProviderName;
  /** Whether calls need a provider key (the built-in previs generator and a local ComfyUI do not). */
  readonly needsKey?: boolean;
  /**
   * Checks a key against the provider, spending nothing (a read such as listing tasks); answers
   * whether it was accepted and a sentence saying so or why not. Never throws for a refused key.
   */
  testConnection?(credential: string, signal?: AbortSignal): Promise<{ ok: boolean; message: string }>;
  /** A copy of this adapter that calls the provider with this key (keyed providers). */
  withCredential?(credential: string): VideoProviderAdapter;
  /**
   * The provider's likeness library, called with its asset credential. Present only on providers
   * that refuse real faces sent inline: a likeness reference goes to them as an asset, never a picture.
   */
  likenessAssets?(credential: AssetCredential): LikenessAssetLibrary;
  /** Every model is priced alike (ComfyUI: the operator's GPU rate), so a project's own model (a workflow) takes the first model's list price. */
  readonly oneListPrice?: boolean;
  /** Models this adapter offers, with what each accepts. */
  models(): ModelCapabilities[];
  /** Problems with a spec, each naming the field; empty when the provider would accept it. */
  validate(spec: GenerationSpec): Array<{ field: string; problem: string }>;
  estimateUsage(spec: GenerationSpec): Promise<UsageEstimate>;
  compile(spec: GenerationSpec): Promise<CompiledRequest>;
  /** Sends the request; the snapshot's status is normally 'queued'. */
  submit(req: CompiledRequest, opts: SubmitOptions): Promise<TaskSnapshot>;
  /**
   * After a crash: find a task already created for this key (or, where the provider keeps no key,
   * matching the stored request), without creating one. A provider matched by request skips the
   * tasks `held` names as other takes' (a take with the same words sent just before).
   */
  reconcile(idempotencyKey: string, submittedAfter: Date, request?: CompiledRequest, held?: HeldTasks): Promise<TaskSnapshot | 'none' | 'unknowable'>;
  poll(providerTaskId: string, signal?: AbortSignal): Promise<TaskSnapshot>;
  cancel(providerTaskId: string): Promise<CancelOutcome>;
  parseWebhook?(req: WebhookRequest): Promise<{ providerTaskId: string; snapshot?: TaskSnapshot; verified: boolean }>;
  /** Streams an output; refreshes an expired URL by polling first where the provider needs it. */
  fetchOutput(snapshot: TaskSnapshot, index?: number): Promise<{ body: NodeJS.ReadableStream; contentType: string; size?: number }>;
  /** Actual usage once terminal, in the estimate's unit; falls back to the estimate. */
  settleUsage(snapshot: TaskSnapshot, estimate: UsageEstimate): Promise<{ quantity: number; reported: boolean }>;
}

/** The providers this instance can use, and how many of each provider's tasks may run at once. */
export interface ProviderRegistry {
  get(provider: string): VideoProviderAdapter | undefined;
  all(): VideoProviderAdapter[];
  /** Takes at the provider at once per key (per provider where it needs none), across every worker. */
  concurrency(provider: string): number;
  /** Whether the operator has retired this model (BACKLOT_RETIRED_MODELS). */
  retired?(provider: string, model: string): boolean;
}
