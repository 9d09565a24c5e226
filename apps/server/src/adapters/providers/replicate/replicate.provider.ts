/**
 * Replicate behind the video provider port (PROVIDERS.md §7), through the official `replicate`
 * client (`Authorization: Bearer <token>`): official models by name (`POST /models/{owner}/{name}/predictions`)
 * and community models by pinned version (`POST /predictions {version}`), then `GET /predictions/{id}`
 * until `succeeded`, `failed`, `canceled` or `aborted`. `POST /predictions/{id}/cancel` stops a
 * prediction in any state before it ends. Backlot's own pictures are stored in the request as
 * `backlot-blob:SHA256:TYPE` and handed to the client as bytes when sending, which uploads them
 * through `POST /files` and sends the file's URL (§7.3).
 *
 * Statuses (§9.1): `starting` is queued, `processing` running (with progress read from the model's
 * log bar), `succeeded`, `failed`, `canceled`; `aborted` (its deadline passed before it started) is a
 * failure Replicate does not charge for (§9.3). Outputs are deleted an hour after the prediction
 * ends (§7.3): the worker downloads at once, and a link gone is an expired, billed take.
 *
 * Webhooks: with a public address the prediction carries `webhook` (events `start` and `completed`).
 * Each push is verified before it is believed (§7.4): the HMAC-SHA256 over `id.timestamp.body` under
 * the account's `whsec_` secret (read once through `GET /webhooks/default/secret`), and a timestamp
 * within five minutes; anything else is refused.
 *
 * Idempotency: Replicate takes no client key. After a crash `reconcile` walks the account's
 * prediction list (newest first, cursor pages) back to the time the take was asked for and matches
 * the model or version and the input Replicate echoes (each take has its own seed where the model
 * takes one); one match is the take's, several cannot be told apart (`unknowable`, not sent again).
 *
 * Throttling (§7.5): a 429 with `Retry-After` is waited out and asked again when the wait is short;
 * a longer one fails the step with the wait, which the worker honours before trying again. The
 * client's own retries are turned off (each request it repeats gets the first answer again without
 * reaching Replicate): they resend at once, whatever `Retry-After` says, and the worker retries.
 */
import { createHash } from 'node:crypto';
import Replicate from 'replicate';
import type { BlobStore } from '../../../ports/blob-store.ts';
import type { GenerationSpec } from '../../../domain/generate/generation-spec.ts';
import { ProviderFailure, type CancelOutcome, type CompiledRequest, type UsageEstimate, type VideoProviderAdapter, type WebhookRequest } from '../../../ports/video-provider.ts';
import { checkOutbound, fetchProviderOutput, type OutboundPolicy } from '../outbound.ts';
import { ownMatch } from '../reconcile.ts';
import { findReplicateModel, REPLICATE_MODELS, replicateCapabilities, splitModelId } from './replicate.models.ts';
import { classifyReplicateHttp, defaultResolution, detailOf, inputOf, replicateSnapshot, retryAfterOf, sameInput, type ReplicatePrediction } from './replicate.mapping.ts';
import { replicateWebhookProblem } from './replicate.webhook.ts';
import { fillPictures, pictureRef } from '../stored-pictures.ts';

export const REPLICATE_URL = 'https://api.replicate.com/v1';

export interface ReplicateDeps {
  /** `…/v1` (REPLICATE_URL), or a test server's. */
  baseUrl: string;
  blobs: BlobStore;
  outbound: OutboundPolicy;
  maxOutputBytes?: number;
  /** The longest `Retry-After` waited out inside one request; longer waits go back to the worker. Default 10 s. */
  maxInlineWaitMs?: number;
  now?: () => number;
}

const malformed = (detail: string) =>
  new ProviderFailure({ code: 'malformed_response', message: `Replicate's answer could not be read (${detail})`, category: 'provider_internal', retryable: true, charged: 'unknown' });

export type ReplicateProvider = VideoProviderAdapter & { withCredential(credential: string): VideoProviderAdapter };

export function createReplicateProvider(deps: ReplicateDeps): ReplicateProvider {
  const base = deps.baseUrl.replace(/\/$/, '');
  const maxOutputBytes = deps.maxOutputBytes ?? 2 * 1024 ** 3;
  const maxInlineWaitMs = deps.maxInlineWaitMs ?? 10_000;
  const now = deps.now ?? Date.now;
  const models = REPLICATE_MODELS.map(replicateCapabilities);
  /** Webhook signing secrets by the SHA-256 of the API token, read once each. */
  const signingSecrets = new Map<string, Promise<string>>();

  const mediaOf = pictureRef;

  /** The input with Backlot's pictures as Blobs, which the client uploads through `/files`. */
  const filled = (value: unknown) => fillPictures(value, deps.blobs, (bytes, p) => new Blob([bytes], { type: p.mediaType }));

  /**
   * The client's fetch: Backlot's outbound policy and deadline on each request, `Retry-After`
   * waited out when short, and every refusal turned into a classified failure. A request the client
   * repeats (its own retries) gets that same failure without reaching Replicate again.
   */
  function sdkFetch() {
    const answered = new WeakMap<object, ProviderFailure>();
    return async (input: Request | string | URL, init: RequestInit = {}): Promise<Response> => {
      const earlier = answered.get(init);
      if (earlier) throw earlier;
      try {
        return await send(String(input instanceof Request ? input.url : input), init);
      } catch (err) {
        const failure =
          err instanceof ProviderFailure
            ? err
            : err instanceof Error && err.name === 'TimeoutError'
              ? new ProviderFailure({
                  code: 'timeout',
                  message: `Replicate did not answer within ${Math.round(deps.outbound.timeoutMs / 1000)} s`,
                  category: 'timeout',
                  retryable: true,
                  charged: false,
                })
              : new ProviderFailure({
                  code: 'network',
                  message: `could not reach Replicate: ${err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)}`,
                  category: 'provider_internal',
                  retryable: true,
                  charged: false,
                });
        answered.set(init, failure);
        throw failure;
      }
    };
  }

  async function send(url: string, init: RequestInit): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      await checkOutbound(url, deps.outbound);
      const signal = init.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(deps.outbound.timeoutMs)]) : AbortSignal.timeout(deps.outbound.timeoutMs);
      const res = await fetch(url, { ...init, signal, redirect: 'error' });
      if (res.ok) return res;
      const text = await res.text().catch(() => '');
      const wait = retryAfterOf(res.headers.get('retry-after'), now());
      if (res.status === 429 && wait !== undefined && wait <= maxInlineWaitMs && attempt < 2) {
        // Replicate said when to ask again (§7.5): wait that long, then ask once more.
        await new Promise((resolve) => setTimeout(resolve, wait));
        continue;
      }
      throw new ProviderFailure(classifyReplicateHttp(res.status, detailOf(text, res.status), res.status === 429 ? (wait ?? 0) : undefined));
    }
  }

  /** Any error out of the client as a ProviderFailure. */
  function failureFrom(err: unknown): ProviderFailure {
    if (err instanceof ProviderFailure) return err;
    if (err instanceof SyntaxError) return malformed(err.message.slice(0, 80));
    return new ProviderFailure({
      code: 'internal',
      message: `the Replicate client failed: ${err instanceof Error ? err.message : String(err)}`,
      category: 'provider_internal',
      retryable: true,
      charged: 'unknown',
    });
  }

  function client(token: string): Replicate {
    return new Replicate({ auth: token, baseUrl: base, fetch: sdkFetch() as never, useFileOutput: false, fileEncodingStrategy: 'upload' });
  }

  function bound(credential: string | undefined): ReplicateProvider {
    const sdk = credential ? client(credential) : undefined;
    const call = async <T>(run: (r: Replicate) => Promise<T>): Promise<T> => {
      if (!sdk) throw new ProviderFailure({ code: 'key.missing', message: 'no Replicate token was given for this call', category: 'auth', retryable: false, charged: false });
      try {
        return await run(sdk);
      } catch (err) {
        throw failureFrom(err);
      }
    };
    const getPrediction = async (id: string, signal?: AbortSignal) => replicateSnapshot((await call((r) => r.predictions.get(id, { signal }))) as unknown as ReplicatePrediction);

    /** The account's webhook signing secret, read once per token (and again if a push fails to verify with it). */
    const signingSecret = (fresh = false): Promise<string> => {
      const key = createHash('sha256')
        .update(credential ?? '')
        .digest('hex');
      if (fresh || !signingSecrets.has(key)) {
        const read = call((r) => r.webhooks.default.secret.get()).then((s) => {
          if (!s?.key?.startsWith('whsec_')) throw malformed('the webhook secret is not a whsec_ key');
          return s.key;
        });
        read.catch(() => signingSecrets.delete(key));
        signingSecrets.set(key, read);
      }
      return signingSecrets.get(key)!;
    };

    const adapter: ReplicateProvider = {
      provider: 'replicate',
      needsKey: true,
      models: () => models,
      withCredential: (c) => bound(c),

      validate(spec) {
        const m = findReplicateModel(spec.model);
        if (!m) return [{ field: 'model', problem: `Replicate offers no model ${spec.model} in Backlot` }];
        const problems: Array<{ field: string; problem: string }> = [];
        if (spec.durationSec !== undefined && !m.durations.includes(spec.durationSec))
          problems.push({
            field: 'durationFrames',
            problem: `${m.label} renders ${m.durations.length > 2 ? `${m.durations[0]}–${m.durations.at(-1)}` : m.durations.join(' or ')} s, not ${spec.durationSec} s`,
          });
        if (spec.resolution && !m.resolutions.includes(spec.resolution)) problems.push({ field: 'resolution', problem: `${m.label} renders ${m.resolutions.join(', ')}, not ${spec.resolution}` });
        if (spec.aspectRatio && !m.aspects.includes(spec.aspectRatio)) problems.push({ field: 'aspectRatio', problem: `${m.label} renders ${m.aspects.join(', ')}, not ${spec.aspectRatio}` });
        if (m.needsFirstFrame && !spec.firstFrame) problems.push({ field: 'references', problem: `${m.label} needs a start frame` });
        if (spec.lastFrame && !m.inputs.lastFrame) problems.push({ field: 'references', problem: `${m.label} takes no end frame` });
        if (spec.lastFrame && !spec.firstFrame) problems.push({ field: 'references', problem: `${m.label} needs a start frame with an end frame` });
        if (spec.referenceImages?.length || spec.referenceVideos?.length || spec.referenceAudio?.length)
          problems.push({ field: 'references', problem: `${m.label} takes start and end frames only, no other reference media` });
        if (spec.generateAudio) problems.push({ field: 'generateAudio', problem: `${m.label} makes no sound` });
        if (spec.prompt.length > m.maxPromptChars) problems.push({ field: 'prompt', problem: `${m.label} takes at most ${m.maxPromptChars} characters of prompt, not ${spec.prompt.length}` });
        return problems;
      },

      async estimateUsage(spec): Promise<UsageEstimate> {
        const m = findReplicateModel(spec.model) ?? REPLICATE_MODELS[0];
        const duration = spec.durationSec ?? m.durations[0];
        if (m.priceUnit === 'gpu_seconds') {
          const quantity = m.gpuSecondsPerClip ?? 60;
          return { unit: 'gpu_seconds', quantity, detail: `about ${quantity} s of GPU time for a ${duration} s clip, settled at the time Replicate reports` };
        }
        // Official models bill per second of output (§7.6).
        return { unit: 'seconds', quantity: duration, detail: `${duration} s of ${m.label} at ${spec.resolution ?? defaultResolution(m)}` };
      },

      async compile(spec: GenerationSpec): Promise<CompiledRequest> {
        const m = findReplicateModel(spec.model)!;
        const input = inputOf(m, spec, mediaOf);
        const { name, version } = splitModelId(m.id);
        if (m.via === 'version') return { method: 'POST', url: `${base}/predictions`, headers: { 'content-type': 'application/json' }, body: { version, input }, uploads: [] };
        return { method: 'POST', url: `${base}/models/${name}/predictions`, headers: { 'content-type': 'application/json' }, body: { input }, uploads: [] };
      },

      async submit(req, opts) {
        const sent = req.body as { version?: string; input?: Record<string, unknown> };
        const input = (await filled(sent.input ?? {})) as Record<string, unknown>;
        const model = /\/models\/([^/]+\/[^/]+)\/predictions$/.exec(req.url)?.[1];
        const webhook = opts.webhookUrl ? { webhook: opts.webhookUrl, webhook_events_filter: ['start', 'completed'] as Array<'start' | 'completed'> } : {};
        const created = (await call((r) =>
          sent.version ? r.predictions.create({ version: sent.version, input, signal: opts.signal, ...webhook }) : r.predictions.create({ model: model ?? '', input, signal: opts.signal, ...webhook }),
        )) as unknown as ReplicatePrediction;
        if (!created?.id) throw malformed('no prediction id');
        return replicateSnapshot(created);
      },

      async reconcile(_idempotencyKey, submittedAfter, request, held) {
        const sent = request?.body as { version?: string; input?: Record<string, unknown> } | undefined;
        if (!sent?.input) return 'unknowable';
        const model = /\/models\/([^/]+\/[^/]+)\/predictions$/.exec(request!.url)?.[1];
        // A second's difference between Replicate's clock and Backlot's is allowed.
        const since = submittedAfter.getTime() - 1_000;
        const matches: ReplicatePrediction[] = [];
        let page = (await call((r) => r.predictions.list())) as unknown as { next?: string | null; results?: ReplicatePrediction[] };
        for (let pages = 0; pages < 20; pages++) {
          const items = page.results ?? [];
          for (const p of items) {
            if (Date.parse(p.created_at ?? '') < since) continue;
            if (sent.version ? p.version !== sent.version : p.model !== model) continue;
            // The list may leave the input out: the prediction itself has it.
            const full = p.input ? p : ((await call((r) => r.predictions.get(p.id))) as unknown as ReplicatePrediction);
            if (sameInput(sent.input, full.input)) matches.push(full);
          }
          // Newest first: a page reaching back before the take was asked for is the last one needed.
          const next = page.next;
          if (!next || items.length === 0 || items.some((p) => Date.parse(p.created_at ?? '') < since)) break;
          page = await call(async (r) => (await r.request(new URL(next), { method: 'GET' })).json());
        }
        return ownMatch(matches, replicateSnapshot, held);
      },

      poll: (id, signal) => getPrediction(id, signal),

      async cancel(id): Promise<CancelOutcome> {
        // Replicate stops a prediction in any state before it ends (§9.1); one already ended stays as it was.
        const p = (await call((r) => r.predictions.cancel(id))) as unknown as ReplicatePrediction;
        // Stopped after it started, it is billed for the time it ran (§7.3): the worker reads it once more,
        // canceled with its predict_time, and settles that. One stopped before it started costs nothing.
        if (p.status === 'canceled' && typeof p.metrics?.predict_time === 'number') return 'cancel_requested';
        if (p.status === 'canceled' || p.status === 'aborted') return 'canceled';
        return p.status === 'succeeded' || p.status === 'failed' ? 'too_late' : 'cancel_requested';
      },

      async parseWebhook(req: WebhookRequest) {
        const body = Buffer.from(req.rawBody).toString('utf8');
        let problem = replicateWebhookProblem(req.headers, body, await signingSecret(), now());
        // A secret rotated since it was read: read it again once.
        if (problem === 'signature') problem = replicateWebhookProblem(req.headers, body, await signingSecret(true), now());
        if (problem)
          throw new ProviderFailure({
            code: 'webhook.unverified',
            message: problem === 'signature' ? 'the push is not signed with the account’s webhook secret' : `the push is refused: ${problem}`,
            category: 'auth',
            retryable: false,
            charged: false,
          });
        let prediction: ReplicatePrediction;
        try {
          prediction = JSON.parse(body) as ReplicatePrediction;
        } catch {
          throw malformed('the push body is not JSON');
        }
        return { providerTaskId: prediction.id, snapshot: replicateSnapshot(prediction), verified: true };
      },

      async fetchOutput(snapshot, index = 0) {
        const expiredMessage = 'the Replicate video was deleted before Backlot could download it (Replicate keeps outputs one hour after a prediction ends)';
        return fetchProviderOutput(
          {
            label: 'Replicate',
            // Replicate's links do not change; read again, the prediction says whether its output is gone for good (`data_removed`).
            refresh: async (id) => {
              const again = await getPrediction(id);
              if ((again.raw as ReplicatePrediction).data_removed) throw new ProviderFailure({ code: 'output.expired', message: expiredMessage, category: 'expired', retryable: false, charged: true });
              return again;
            },
            policy: deps.outbound,
            maxBytes: maxOutputBytes,
            staleStatuses: [403, 404, 410],
            expiredMessage,
          },
          snapshot,
          index,
        );
      },

      async settleUsage(snapshot, estimate) {
        // GPU-billed models settle at the predict time Replicate reports; official models bill the seconds asked for.
        if (estimate.unit === 'gpu_seconds' && snapshot.usage?.unit === 'gpu_seconds') return { quantity: snapshot.usage.quantity, reported: true };
        return { quantity: estimate.quantity, reported: false };
      },

      async testConnection(token) {
        try {
          // Reading the account spends nothing.
          await client(token).accounts.current();
          return { ok: true, message: 'Replicate accepted the token' };
        } catch (err) {
          const f = failureFrom(err);
          return { ok: false, message: `Replicate refused the token: ${f.error.message}${f.error.httpStatus ? ` (HTTP ${f.error.httpStatus})` : ''}` };
        }
      },
    };
    return adapter;
  }

  return bound(undefined);
}
