/**
 * fal behind the video provider port (PROVIDERS.md §6), through the official `@fal-ai/client`
 * (`Authorization: Key <key_id:key_secret>`). The client's hosts are fixed (`queue.fal.run`,
 * `rest.fal.ai`); its `requestMiddleware` swaps them for the configured ones, and its `fetch` is
 * Backlot's outbound fetch (deadline, no private addresses unless allowed).
 *
 * Queue: `POST /{owner}/{app}/{path}` submits (with `?fal_webhook=` when Backlot has a public
 * address), `GET /{owner}/{app}/requests/{id}/status` reads `IN_QUEUE → IN_PROGRESS → COMPLETED`,
 * `GET /{owner}/{app}/requests/{id}` the result and `PUT …/cancel` cancels: status, result and
 * cancel name only `owner/app`, dropping the endpoint's sub-path (§6.2; the client does that). fal
 * has no failed state: a failed request is `COMPLETED` and its result answers the model's error
 * status and body (§6.3, §9.1), which this adapter reads as the take's failure.
 *
 * Retries (§6.6, §9 "don't stack retries"): fal's queue retries a request that meets an
 * infrastructure failure (503, 504, lost runner, 429 over the concurrency limit) up to 10 times on a
 * new runner before reporting it. Backlot leaves that on, so a failure that surfaces has been
 * retried already; with `BACKLOT_FAL_PLATFORM_RETRIES=false` every submit carries
 * `x-fal-no-retry: 1` and the first such failure surfaces at once. The client's own HTTP retries
 * never fire: every non-2xx answer and transport failure reaches it as Backlot's own failure, which
 * it does not retry; the worker retries (a 429 or 5xx on submit, never a finished request).
 *
 * Failures (§9.3): an infrastructure `error_type` (flat `{detail, error_type}` and
 * `X-Fal-Error-Type`) and every 5xx are not billed; a 504 with `x-fal-request-timeout-type: user`
 * means the start deadline passed (not retried); a model's 4xx / 422 `detail` is the input's fault
 * (only a changed request can succeed) and its billing is per model, so unknown.
 *
 * Idempotency: fal takes no client key and lists no requests (§9), so `reconcile` answers
 * `unknowable`, except for a submit fal answered with an error status this process saw (no request
 * was made: `none`). After a submit whose answer was lost the take fails rather than risk paying
 * twice. The task id is `{endpoint}/requests/{request_id}`, since fal is asked about a request
 * under its app.
 *
 * Webhooks are ED25519-signed and verified against fal's published keys (fal.webhook.ts); a
 * verified push wakes the worker, which reads the result itself. Backlot's own pictures go in the
 * stored request as `backlot-blob:SHA256:TYPE` and are uploaded by the client to fal's storage
 * (`POST /storage/upload/initiate`, then a `PUT` of the bytes) when sending.
 */
import { createFalClient, type FalClient } from '@fal-ai/client';
import type { BlobStore } from '../../../ports/blob-store.ts';
import type { GenerationSpec } from '../../../domain/generate/generation-spec.ts';
import { ProviderFailure, type CancelOutcome, type CompiledRequest, type ProviderError, type TaskSnapshot, type UsageEstimate, type VideoProviderAdapter } from '../../../ports/video-provider.ts';
import { outboundFetch, type OutboundPolicy, fetchProviderOutput } from '../outbound.ts';
import { capabilitiesOf, FAL_MODELS, falTokens, findFalModel, type FalModel, type FalTask } from './fal.models.ts';
import { createFalJwks, FalWebhookRefused, verifyFalWebhook } from './fal.webhook.ts';
import { fillPictures, pictureRef } from '../stored-pictures.ts';

export const FAL_QUEUE_URL = 'https://queue.fal.run';
export const FAL_REST_URL = 'https://rest.fal.ai';

export interface FalDeps {
  /** The queue's address (FAL_QUEUE_URL), or a proxy's or a test server's. */
  queueUrl: string;
  /** The storage REST address (FAL_REST_URL) uploads go to. */
  restUrl: string;
  /** fal's published webhook keys (FAL_JWKS_URL). */
  jwksUrl: string;
  blobs: BlobStore;
  outbound: OutboundPolicy;
  /** Leave fal's queue retries on (default); false sends `x-fal-no-retry: 1`. */
  platformRetries?: boolean;
  maxOutputBytes?: number;
  now?: () => number;
}

const KEY_SHAPE = /^[^:\s]+:[^:\s]+$/;

/** A non-2xx answer from fal, with what the error table needs. */
export class FalHttpError extends ProviderFailure {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly errorType: string | undefined,
    readonly timeoutType: string | undefined,
  ) {
    super({ code: `HTTP ${status}`, message: `fal answered HTTP ${status}`, category: 'unknown', retryable: false, charged: 'unknown', httpStatus: status });
    this.name = 'FalHttpError';
  }
}

/** FastAPI's `detail` in words: a string, or each `loc: msg` of a list. */
export function falDetailText(detail: unknown): string {
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail))
    return detail
      .map((d) => (d && typeof d === 'object' ? `${((d as { loc?: unknown[] }).loc ?? []).join('.')}: ${(d as { msg?: string }).msg ?? ''}` : String(d)))
      .join('; ')
      .replace(/[{}]/g, '');
  return 'no detail given';
}

/**
 * How a fal answer fails a take (§6.6, §9.3). `during`: the submit (a 429 or 5xx there made no
 * request and may be sent again) or the finished request's result (its outcome: never re-read).
 */
export function classifyFalError(e: { status: number; body: unknown; errorType?: string; timeoutType?: string }, during: 'submit' | 'result' | 'read'): ProviderError {
  const body = (e.body ?? {}) as { detail?: unknown; message?: string; error_type?: string };
  const errorType = e.errorType ?? (typeof body.error_type === 'string' ? body.error_type : undefined);
  const said = typeof body.message === 'string' ? body.message : falDetailText(body.detail);
  const base = { code: errorType ?? `HTTP ${e.status}`, httpStatus: e.status };
  const again = during !== 'result';
  if (e.status === 504 && e.timeoutType === 'user')
    return {
      ...base,
      code: errorType ?? 'request_timeout',
      message: `the request did not start before its deadline (${said}); raise the deadline`,
      category: 'timeout',
      retryable: false,
      charged: false,
    };
  if (e.status === 401) return { ...base, message: `the key was refused (${said})`, category: 'auth', retryable: false, charged: false };
  if (e.status === 403)
    return { ...base, message: `the account may not run this (${said})`, category: /balance|credit|locked|billing/i.test(said) ? 'quota' : 'auth', retryable: false, charged: false };
  if (e.status === 429) return { ...base, message: `too many requests at once (${said})`, category: 'rate_limit', retryable: again, charged: false };
  if (e.status >= 500) {
    const infra = errorType ? `an infrastructure failure, ${errorType}` : `HTTP ${e.status}`;
    const retried = during === 'result' ? ' after its queue retried it' : '';
    return { ...base, message: `${infra}${retried}: ${said}; nothing was billed`, category: e.status === 504 ? 'timeout' : 'provider_internal', retryable: again, charged: false };
  }
  if (e.status === 404) return { ...base, message: `no such endpoint or request (${said})`, category: 'invalid_input', retryable: false, charged: false };
  // A model's own refusal of its input (422 `detail` list, other 4xx): only a changed request can succeed; billing is per model (⚠).
  return { ...base, message: `the model refused the input: ${said}`, category: 'invalid_input', retryable: false, charged: 'unknown' };
}

/** The endpoint and fal's request id of a stored task id. */
export function splitFalTaskId(id: string): { endpoint: string; requestId: string } {
  const at = id.lastIndexOf('/requests/');
  if (at <= 0) throw new ProviderFailure({ code: 'task.unknown', message: `fal task id ${id} names no endpoint`, category: 'invalid_input', retryable: false, charged: false });
  return { endpoint: id.slice(0, at), requestId: id.slice(at + '/requests/'.length) };
}

const malformed = (detail: string) =>
  new ProviderFailure({ code: 'malformed_response', message: `fal answered with a body Backlot could not read (${detail})`, category: 'provider_internal', retryable: true, charged: 'unknown' });

const taskOf = (endpoint: string, requestId: string) => `${endpoint}/requests/${requestId}`;

export type FalProvider = VideoProviderAdapter & { withCredential(credential: string): VideoProviderAdapter };

export function createFalProvider(deps: FalDeps): FalProvider {
  const queueBase = deps.queueUrl.replace(/\/$/, '');
  const restBase = deps.restUrl.replace(/\/$/, '');
  const maxOutputBytes = deps.maxOutputBytes ?? 2 * 1024 ** 3;
  const now = deps.now ?? Date.now;
  const models = FAL_MODELS.map(capabilitiesOf);
  const jwks = createFalJwks(deps.jwksUrl, deps.outbound, now);
  /** Keys of takes whose last submit fal answered with an error status: no request exists for them. */
  const refused = new Set<string>();

  /** The client's fixed hosts swapped for the configured ones. */
  const swapHost = (url: string) => url.replace(/^https:\/\/queue\.fal\.run(?=\/|$)/, queueBase).replace(/^https:\/\/rest\.fal\.ai(?=\/|$)/, restBase);

  /** The client's fetch: Backlot's outbound policy, and every non-2xx answer as a FalHttpError (which the client does not retry). */
  const falFetch =
    (observe?: (res: Response) => Promise<void>): typeof fetch =>
    async (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const { mode: _mode, ...rest } = init ?? {};
      const res = await outboundFetch(url, rest, deps.outbound, 'fal');
      if (!res.ok) {
        const text = await res.text().catch(() => '');
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // Kept as text: a gateway's HTML page, say.
        }
        throw new FalHttpError(res.status, body, res.headers.get('x-fal-error-type') ?? undefined, res.headers.get('x-fal-request-timeout-type') ?? undefined);
      }
      await observe?.(res.clone());
      return res;
    };

  const mediaOf = pictureRef;

  /** The stored input with Backlot's pictures as Files, which the client uploads to fal's storage. */
  const filled = (body: unknown) => fillPictures(body, deps.blobs, (bytes, p) => new File([bytes], `${p.sha256.slice(0, 16)}.${p.mediaType?.split('/')[1] ?? 'bin'}`, { type: p.mediaType }));

  const taskFor = (spec: GenerationSpec): FalTask => (spec.firstFrame ? 'image-to-video' : 'text-to-video');

  function bound(credential: string | undefined): FalProvider {
    const key = () => {
      if (!credential || !KEY_SHAPE.test(credential))
        throw new ProviderFailure({ code: 'key.missing', message: 'no fal key (KEY_ID:KEY_SECRET) was given for this call', category: 'auth', retryable: false, charged: false });
      return credential;
    };
    const client = (observe?: (res: Response) => Promise<void>, secret = key()): FalClient =>
      createFalClient({ credentials: secret, requestMiddleware: async (r) => ({ ...r, url: swapHost(r.url) }), fetch: falFetch(observe) });

    /** Any error out of the client as a ProviderFailure (`during` says how a fal answer reads). */
    function failureFrom(err: unknown, during: 'submit' | 'result' | 'read'): ProviderFailure {
      if (err instanceof FalHttpError) return new ProviderFailure(classifyFalError(err, during));
      if (err instanceof ProviderFailure) return err;
      // The client failing to read an answer (broken JSON) lands here.
      return malformed(err instanceof Error ? err.message : String(err));
    }

    async function poll(id: string, signal?: AbortSignal): Promise<TaskSnapshot> {
      const { endpoint, requestId } = splitFalTaskId(id);
      const fal = client();
      let status: { status?: string; queue_position?: number; logs?: unknown[] };
      try {
        status = (await fal.queue.status(endpoint, { requestId, logs: false, abortSignal: signal })) as typeof status;
      } catch (err) {
        throw failureFrom(err, 'read');
      }
      const word = status?.status;
      if (word === 'IN_QUEUE') return { providerTaskId: id, status: 'queued', providerStatus: word, outputs: [], raw: status };
      if (word === 'IN_PROGRESS') return { providerTaskId: id, status: 'running', providerStatus: word, outputs: [], raw: status };
      if (word !== 'COMPLETED') throw malformed(`status ${JSON.stringify(String(word)).slice(0, 40)}`);
      try {
        const result = await fal.queue.result(endpoint, { requestId, abortSignal: signal });
        const data = result.data as { video?: { url?: string; content_type?: string } } | null;
        const url = data?.video?.url;
        if (!url)
          return {
            providerTaskId: id,
            status: 'failed',
            providerStatus: word,
            outputs: [],
            error: { code: 'output.missing', message: 'the request completed but its result named no video', category: 'provider_internal', retryable: false, charged: 'unknown' },
            raw: { status, result: data },
          };
        return { providerTaskId: id, status: 'succeeded', providerStatus: word, outputs: [{ url, mediaType: 'video' }], raw: { status, result: data } };
      } catch (err) {
        if (!(err instanceof FalHttpError)) throw failureFrom(err, 'read');
        if (err.status === 401 || err.status === 403) throw failureFrom(err, 'read');
        // §6.3: the result is kept an hour, 6 minutes when ≥ 10 KB: one asked for later is gone.
        const error: ProviderError =
          err.status === 404
            ? {
                code: 'result.gone',
                message: 'the request finished but fal no longer keeps its result (an hour at most, 6 minutes for a large one)',
                category: 'expired',
                retryable: false,
                charged: 'unknown',
                httpStatus: 404,
              }
            : classifyFalError(err, 'result');
        return { providerTaskId: id, status: 'failed', providerStatus: word, outputs: [], error, raw: { status, error: err.body } };
      }
    }

    const adapter: FalProvider = {
      provider: 'fal',
      needsKey: true,
      models: () => models,
      withCredential: (c) => bound(c),

      validate(spec) {
        const m = findFalModel(spec.model);
        if (!m) return [{ field: 'model', problem: `fal offers no model ${spec.model} in Backlot` }];
        const problems: Array<{ field: string; problem: string }> = [];
        if (spec.durationSec !== undefined && !m.durations.includes(spec.durationSec))
          problems.push({
            field: 'durationFrames',
            problem: `${m.label} renders ${m.durations.length > 2 ? `${m.durations[0]}–${m.durations.at(-1)}` : m.durations.join(' or ')} s, not ${spec.durationSec} s`,
          });
        if (spec.resolution && !m.resolutions.includes(spec.resolution)) problems.push({ field: 'resolution', problem: `${m.label} renders ${m.resolutions.join(', ')}, not ${spec.resolution}` });
        if (spec.aspectRatio && !m.aspects.includes(spec.aspectRatio)) problems.push({ field: 'aspectRatio', problem: `${m.label} renders ${m.aspects.join(', ')}, not ${spec.aspectRatio}` });
        if (spec.lastFrame && !m.lastFrame) problems.push({ field: 'references', problem: `${m.label} takes no end frame` });
        if (spec.lastFrame && !spec.firstFrame) problems.push({ field: 'references', problem: `${m.label} needs a start frame with an end frame` });
        if (spec.referenceImages?.length || spec.referenceVideos?.length || spec.referenceAudio?.length)
          problems.push({ field: 'references', problem: `${m.label} takes start and end frames only, no other reference media` });
        if (spec.generateAudio && !m.audio) problems.push({ field: 'generateAudio', problem: `${m.label} makes no sound` });
        if (spec.prompt.length > m.maxPromptChars) problems.push({ field: 'prompt', problem: `${m.label} takes at most ${m.maxPromptChars} characters of prompt, not ${spec.prompt.length}` });
        return problems;
      },

      async estimateUsage(spec): Promise<UsageEstimate> {
        const m = findFalModel(spec.model)!;
        const duration = spec.durationSec ?? m.durations[0];
        if (m.price.unit === 'seconds') return { unit: 'seconds', quantity: duration, detail: `${duration} s of ${m.label}, priced per second` };
        const resolution = spec.resolution ?? '720p';
        const aspect = spec.aspectRatio ?? '16:9';
        const tokens = falTokens(resolution, aspect, duration);
        return { unit: 'tokens', quantity: tokens, detail: `${tokens.toLocaleString('en-US')} tokens (${resolution} ${aspect}, ${duration} s at 24 fps)` };
      },

      async compile(spec): Promise<CompiledRequest> {
        const m = findFalModel(spec.model)!;
        const task = taskFor(spec);
        const input: Record<string, unknown> = { prompt: spec.prompt };
        if (task === 'image-to-video') {
          input.image_url = mediaOf(spec.firstFrame!);
          if (spec.lastFrame && m.lastFrame) input.end_image_url = mediaOf(spec.lastFrame);
        }
        // Both schemas take the duration as a string (§6.4).
        input.duration = String(spec.durationSec ?? m.durations[0]);
        // Kling's image-to-video takes its shape from the picture; the others are told it.
        if (m.resolutionField || task === 'text-to-video') input.aspect_ratio = spec.aspectRatio ?? '16:9';
        if (m.resolutionField) input.resolution = spec.resolution ?? '720p';
        if (m.audio) input.generate_audio = spec.generateAudio === true;
        if (m.negativePrompt && spec.negativePrompt) input.negative_prompt = spec.negativePrompt;
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (deps.platformRetries === false) headers['x-fal-no-retry'] = '1';
        return { method: 'POST', url: `${queueBase}/${m.id}/${task}`, headers, body: input, uploads: [] };
      },

      async submit(req, opts) {
        // The endpoint id follows the queue's address (which may carry a proxy's path).
        const endpoint = req.url.startsWith(`${queueBase}/`) ? req.url.slice(queueBase.length + 1) : new URL(req.url).pathname.replace(/^\/+/, '');
        const input = (await filled(req.body)) as Record<string, unknown>;
        const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k.toLowerCase().startsWith('x-fal-')));
        refused.delete(opts.idempotencyKey);
        let created: { request_id?: string; status?: string };
        try {
          created = (await client().queue.submit(endpoint, { input, headers, webhookUrl: opts.webhookUrl, abortSignal: opts.signal })) as typeof created;
        } catch (err) {
          // fal answered with an error status: it queued nothing for this request.
          if (err instanceof FalHttpError) refused.add(opts.idempotencyKey);
          throw failureFrom(err, 'submit');
        }
        if (!created?.request_id) throw malformed('no request_id');
        return { providerTaskId: taskOf(endpoint, created.request_id), status: 'queued', providerStatus: created.status ?? 'IN_QUEUE', outputs: [], raw: created };
      },

      async reconcile(idempotencyKey) {
        return refused.has(idempotencyKey) ? 'none' : 'unknowable';
      },

      poll,

      async cancel(id): Promise<CancelOutcome> {
        const { endpoint, requestId } = splitFalTaskId(id);
        let word: string | undefined;
        const read = async (res: Response) => {
          word = ((await res.json().catch(() => null)) as { status?: string } | null)?.status;
        };
        try {
          await client(read).queue.cancel(endpoint, { requestId });
        } catch (err) {
          if (!(err instanceof FalHttpError)) throw failureFrom(err, 'read');
          word = (err.body as { status?: string } | null)?.status;
          if (word !== 'ALREADY_COMPLETED' && word !== 'NOT_FOUND' && err.status !== 404) throw failureFrom(err, 'read');
        }
        // §6.3: OK — removed from the queue; CANCELLATION_REQUESTED — a running app was signalled and may finish anyway.
        if (word === 'OK') return 'canceled';
        if (word === 'ALREADY_COMPLETED' || word === 'NOT_FOUND') return 'too_late';
        return 'cancel_requested';
      },

      async parseWebhook(req) {
        const { requestId } = await verifyFalWebhook(req, jwks, now);
        if (req.taskId && splitFalTaskId(req.taskId).requestId !== requestId) throw new FalWebhookRefused('the push names another fal request than the take holds');
        return { providerTaskId: req.taskId ?? requestId, verified: true };
      },

      async fetchOutput(snapshot, index = 0) {
        return fetchProviderOutput(
          {
            label: 'fal',
            refresh: (id) => poll(id),
            policy: deps.outbound,
            maxBytes: maxOutputBytes,
            expiredMessage: "the fal video is no longer on fal's storage; fal keeps results for a limited time",
          },
          snapshot,
          index,
        );
      },

      async settleUsage(_snapshot, estimate) {
        // fal reports inference time, not what it billed, per request (§6.3).
        return { quantity: estimate.quantity, reported: false };
      },

      async testConnection(secret, signal) {
        if (!KEY_SHAPE.test(secret)) return { ok: false, message: 'fal refused the key: it is KEY_ID:KEY_SECRET' };
        // Reading the status of a request that does not exist spends nothing: 404 means the key was accepted.
        try {
          await client(undefined, secret).queue.status('fal-ai/kling-video', { requestId: '00000000-0000-0000-0000-000000000000', abortSignal: signal });
          return { ok: true, message: 'fal accepted the key' };
        } catch (err) {
          if (err instanceof FalHttpError && err.status === 404) return { ok: true, message: 'fal accepted the key' };
          if (err instanceof FalHttpError) return { ok: false, message: `fal refused the key (HTTP ${err.status})` };
          return { ok: false, message: `fal could not be reached: ${failureFrom(err, 'read').message}` };
        }
      },
    };
    return adapter;
  }

  return bound(undefined);
}

export type { FalModel };
