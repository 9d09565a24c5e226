/**
 * A fake fal queue speaking the protocol PROVIDERS.md §6 and §9.2 describe, for the official
 * `@fal-ai/client` (its hosts swapped by `requestMiddleware`):
 * - `Authorization: Key <key_id:key_secret>` on every queue and storage call;
 * - `POST /{owner}/{app}/{path}` submits (`?fal_webhook=`), answering `{request_id,
 *   gateway_request_id, status: "IN_QUEUE", queue_position, response_url, status_url, cancel_url}`
 *   whose URLs name only `owner/app`; status (`GET …/requests/{id}/status`, 202 while pending,
 *   200 once `COMPLETED`), result (`GET …/requests/{id}`) and cancel (`PUT …/requests/{id}/cancel`)
 *   are routed under `owner/app` only: a URL that keeps the endpoint's sub-path is a 404;
 * - no failed state: a failed request is `COMPLETED` and its result answers the model's error status
 *   and body (a 422 `detail` list when the input breaks the endpoint's schema, checked when it runs);
 * - the queue's own retries: a run that meets an infrastructure failure is retried up to 10 times
 *   on a new runner (a new `gateway_request_id`) unless the submit said `x-fal-no-retry`; past that,
 *   the result is a flat `{detail, error_type}` 503 with `X-Fal-Error-Type`;
 * - cancel: `OK` for a queued request (removed), `CANCELLATION_REQUESTED` (202) for a running one
 *   (the app here ignores the signal), `ALREADY_COMPLETED` (400), `NOT_FOUND` (404) — the words are
 *   §6.3's, the HTTP codes ⚠;
 * - storage: `POST /storage/upload/initiate` → `{upload_url, file_url}` and a `PUT` of the bytes;
 * - webhooks POSTed once a request ends, `{request_id, gateway_request_id, status: OK|ERROR,
 *   payload, error?}`, ED25519-signed as §6.5 gives it with a key the fake publishes at
 *   `/.well-known/jwks.json`.
 *
 * Steered by markers in the prompt (`[fake:infra]`: every run fails, `[fake:flaky]`: three runs
 * fail, then one succeeds, `[fake:refuse]`: the model answers 422 about the prompt) and by faults
 * armed for the next submit.
 */
import { createHash, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeFakeClip } from './fake-clip.ts';

type FalStatus = 'IN_QUEUE' | 'IN_PROGRESS' | 'COMPLETED' | 'REMOVED';

export interface FakeFalRequest {
  id: string;
  gatewayId: string;
  /** `owner/app`, where status, result and cancel live. */
  app: string;
  endpoint: string;
  key: string;
  input: Record<string, unknown>;
  status: FalStatus;
  polls: number;
  webhook: string | null;
  noRetry: boolean;
  /** Runs that meet an infrastructure failure before one can succeed. */
  infraFailures: number;
  /** Runs made (the first and the queue's retries). */
  runs: number;
  cancelRequested: boolean;
  result?: { status: number; body: unknown; headers?: Record<string, string> };
  createdMs: number;
}

export type FalFault = { status: number; body?: unknown; headers?: Record<string, string> } | 'malformed' | { delayMs: number };

export interface FalWebhookDelivery {
  url: string;
  headers: Record<string, string>;
  body: string;
  answer: number;
}

export interface FalFake {
  /** `http://127.0.0.1:PORT`, standing for both `queue.fal.run` and `rest.fal.ai`. */
  baseUrl: string;
  host: string;
  jwksUrl: string;
  /** Accepted keys, `KEY_ID:KEY_SECRET`. */
  keys: Set<string>;
  pollsQueued: number;
  pollsRunning: number;
  /**
   * Opt-in (0, the default, keeps one step per poll): a task moves by its age instead, to its
   * second status at half of this many ms after its creation and to its end at all of it.
   */
  latencyMs: number;
  /** Submits that made a request. */
  creates: Array<{ endpoint: string; input: Record<string, unknown>; headers: Record<string, string>; webhook: string | null; at: number; requestId: string; userAgent: string }>;
  /** Every submit POST, made or refused. */
  submitAttempts: number;
  uploads: Map<string, { contentType: string; bytes: Buffer; fileName: string }>;
  /** Queue URLs the client asked for (method and path), in order. */
  calls: Array<{ method: string; path: string }>;
  webhooks: FalWebhookDelivery[];
  /** How a webhook reaches Backlot (by default an HTTP POST to its URL); answers the HTTP status. */
  deliver: (url: string, headers: Record<string, string>, body: string) => Promise<number>;
  failNextSubmit(fault: FalFault): void;
  requests: Map<string, FakeFalRequest>;
  /** Times the key set was read. */
  jwksReads: number;
  /** Signs with a new key from now on and publishes it beside the old one, as a rotation does. */
  rotateKey(): void;
  /** The headers fal would sign a push with, for this body (a test may tamper with them). */
  signedHeaders(requestId: string, body: string, opts?: { timestamp?: number; key?: KeyObject }): Record<string, string>;
  close(): Promise<void>;
}

/** The endpoints the fake serves, each with the schema check §6.4 gives it. */
const SEEDANCE_ASPECTS = ['auto', '21:9', '16:9', '4:3', '1:1', '3:4', '9:16'];
const ENDPOINTS: Record<string, (input: Record<string, unknown>) => Array<{ loc: string[]; msg: string; type: string }>> = {
  'bytedance/seedance-2.0/fast/text-to-video': (i) => seedance(i, false),
  'bytedance/seedance-2.0/fast/image-to-video': (i) => seedance(i, true),
  'fal-ai/kling-video/v2.5-turbo/pro/text-to-video': (i) => kling(i, false),
  'fal-ai/kling-video/v2.5-turbo/pro/image-to-video': (i) => kling(i, true),
};

type Problem = { loc: string[]; msg: string; type: string };
const missing = (field: string): Problem => ({ loc: ['body', field], msg: 'Field required', type: 'missing' });

function urlField(i: Record<string, unknown>, field: string, required: boolean, problems: Problem[]) {
  const v = i[field];
  if (v === undefined) {
    if (required) problems.push(missing(field));
  } else if (typeof v !== 'string' || !/^(https?:\/\/|data:)/.test(v)) problems.push({ loc: ['body', field], msg: 'Input should be a valid URL', type: 'url_parsing' });
}

function seedance(i: Record<string, unknown>, image: boolean): Problem[] {
  const problems: Problem[] = [];
  if (typeof i.prompt !== 'string') problems.push(missing('prompt'));
  if (image) urlField(i, 'image_url', true, problems);
  urlField(i, 'end_image_url', false, problems);
  if (!image && i.end_image_url !== undefined) problems.push({ loc: ['body', 'end_image_url'], msg: 'Extra inputs are not permitted', type: 'extra_forbidden' });
  const durations = ['auto', ...Array.from({ length: 12 }, (_, n) => String(n + 4))];
  if (i.duration !== undefined && !durations.includes(i.duration as string))
    problems.push({ loc: ['body', 'duration'], msg: "Input should be 'auto' or a string from '4' to '15'", type: 'literal_error' });
  if (i.aspect_ratio !== undefined && !SEEDANCE_ASPECTS.includes(i.aspect_ratio as string))
    problems.push({ loc: ['body', 'aspect_ratio'], msg: `Input should be ${SEEDANCE_ASPECTS.join(', ')}`, type: 'literal_error' });
  if (i.resolution !== undefined && !['480p', '720p', '1080p', '4k'].includes(i.resolution as string))
    problems.push({ loc: ['body', 'resolution'], msg: "Input should be '480p', '720p', '1080p' or '4k'", type: 'literal_error' });
  if (i.generate_audio !== undefined && typeof i.generate_audio !== 'boolean') problems.push({ loc: ['body', 'generate_audio'], msg: 'Input should be a valid boolean', type: 'bool_type' });
  return problems;
}

function kling(i: Record<string, unknown>, image: boolean): Problem[] {
  const problems: Problem[] = [];
  if (typeof i.prompt !== 'string') problems.push(missing('prompt'));
  if (image) urlField(i, 'image_url', true, problems);
  if (i.duration !== undefined && i.duration !== '5' && i.duration !== '10') problems.push({ loc: ['body', 'duration'], msg: "Input should be '5' or '10'", type: 'literal_error' });
  if (!image && i.aspect_ratio !== undefined && !['16:9', '9:16', '1:1'].includes(i.aspect_ratio as string))
    problems.push({ loc: ['body', 'aspect_ratio'], msg: "Input should be '16:9', '9:16' or '1:1'", type: 'literal_error' });
  if (i.negative_prompt !== undefined && typeof i.negative_prompt !== 'string') problems.push({ loc: ['body', 'negative_prompt'], msg: 'Input should be a valid string', type: 'string_type' });
  return problems;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** How many times fal's queue runs a request again after an infrastructure failure (§6.6). */
const PLATFORM_RETRIES = 10;

export async function startFalFake(): Promise<FalFake> {
  const dir = mkdtempSync(join(tmpdir(), 'backlot-fal-fake-'));
  const file = join(dir, 'clip.mp4');
  makeFakeClip(file, { seconds: 4 });
  const clip = readFileSync(file);
  let { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const published = [{ ...publicKey.export({ format: 'jwk' }), kid: 'fal-fake-1', use: 'sig', alg: 'EdDSA' }];
  const userId = 'fal-user-0451';
  const requests = new Map<string, FakeFalRequest>();
  const faults: FalFault[] = [];
  const pendingUploads = new Map<string, { contentType: string; fileName: string }>();

  const fake: FalFake = {
    baseUrl: '',
    host: '',
    jwksUrl: '',
    keys: new Set(),
    pollsQueued: 1,
    pollsRunning: 1,
    latencyMs: 0,
    creates: [],
    submitAttempts: 0,
    uploads: new Map(),
    calls: [],
    webhooks: [],
    deliver: async (url, headers, body) =>
      fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(5_000) })
        .then(async (x) => (await x.body?.cancel(), x.status))
        .catch(() => 0),
    failNextSubmit: (f) => void faults.push(f),
    requests,
    jwksReads: 0,
    rotateKey() {
      ({ privateKey, publicKey } = generateKeyPairSync('ed25519'));
      published.push({ ...publicKey.export({ format: 'jwk' }), kid: `fal-fake-${published.length + 1}`, use: 'sig', alg: 'EdDSA' });
    },
    signedHeaders(requestId, body, opts = {}) {
      const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
      const message = `${requestId}\n${userId}\n${timestamp}\n${createHash('sha256').update(body).digest('hex')}`;
      const signature = sign(null, Buffer.from(message), opts.key ?? privateKey).toString('hex');
      return {
        'content-type': 'application/json',
        'x-fal-webhook-request-id': requestId,
        'x-fal-webhook-user-id': userId,
        'x-fal-webhook-timestamp': timestamp,
        'x-fal-webhook-signature': signature,
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        rmSync(dir, { recursive: true, force: true });
      }),
  };

  const urls = (r: FakeFalRequest) => ({
    response_url: `${fake.baseUrl}/${r.app}/requests/${r.id}`,
    status_url: `${fake.baseUrl}/${r.app}/requests/${r.id}/status`,
    cancel_url: `${fake.baseUrl}/${r.app}/requests/${r.id}/cancel`,
  });

  function statusView(r: FakeFalRequest, logs: boolean) {
    const base = { status: r.status, request_id: r.id, ...urls(r) };
    if (r.status === 'IN_QUEUE') return { ...base, queue_position: 0 };
    if (r.status === 'IN_PROGRESS') return { ...base, logs: logs ? [{ message: 'Generating video', level: 'INFO', source: 'user', timestamp: new Date().toISOString() }] : null };
    return { ...base, logs: logs ? [] : null, metrics: { inference_time: 1.25 } };
  }

  /** Runs the request as fal's queue would: retried on infrastructure failures unless told not to, then finished. */
  function finish(r: FakeFalRequest) {
    const allowed = r.noRetry ? 1 : 1 + PLATFORM_RETRIES;
    r.runs = Math.min(r.infraFailures + 1, allowed);
    if (r.runs > 1) r.gatewayId = randomUUID();
    if (r.infraFailures >= allowed) {
      r.result = {
        status: 503,
        body: { detail: 'Failed to schedule a runner for the request', error_type: 'runner_scheduling_failure' },
        headers: { 'x-fal-error-type': 'runner_scheduling_failure' },
      };
    } else {
      const problems = ENDPOINTS[r.endpoint](r.input);
      // The model's own refusal of an input its schema allows.
      if (String(r.input.prompt ?? '').includes('[fake:refuse]')) problems.push({ loc: ['body', 'prompt'], msg: 'The prompt could not be processed by the model', type: 'value_error' });
      r.result = problems.length
        ? { status: 422, body: { detail: problems } }
        : {
            status: 200,
            body: { video: { url: `${fake.baseUrl}/out/${r.id}/output.mp4`, content_type: 'video/mp4', file_name: 'output.mp4', file_size: clip.length }, seed: 4211 },
            headers: { 'x-fal-request-id': r.id },
          };
    }
    r.status = 'COMPLETED';
    void notify(r);
  }

  async function notify(r: FakeFalRequest) {
    if (!r.webhook || !r.result) return;
    const ok = r.result.status < 300;
    const push = {
      request_id: r.id,
      gateway_request_id: r.gatewayId,
      status: ok ? 'OK' : 'ERROR',
      payload: r.result.body,
      ...(ok ? {} : { error: `Invalid status code: ${r.result.status}` }),
    };
    const body = JSON.stringify(push);
    const headers = fake.signedHeaders(r.id, body);
    // fal retries a failed delivery 10 times over two hours; here a few times, quickly.
    for (let attempt = 0; attempt < 3; attempt++) {
      const answer = await fake.deliver(r.webhook, headers, body);
      fake.webhooks.push({ url: r.webhook, headers, body, answer });
      if (answer >= 200 && answer < 300) return;
      await new Promise((res) => setTimeout(res, 200));
    }
  }

  function advance(r: FakeFalRequest) {
    r.polls += 1;
    if (fake.latencyMs > 0) {
      const age = Date.now() - r.createdMs;
      const polls = age >= fake.latencyMs ? fake.pollsQueued + fake.pollsRunning + 1 : age >= fake.latencyMs / 2 ? fake.pollsQueued + 1 : 0;
      // Both steps at once when its age has passed both.
      step(r, polls);
      step(r, polls);
    } else step(r, r.polls);
  }

  function step(r: FakeFalRequest, polls: number) {
    if (r.status === 'IN_QUEUE' && polls > fake.pollsQueued) r.status = 'IN_PROGRESS';
    else if (r.status === 'IN_PROGRESS' && polls > fake.pollsQueued + fake.pollsRunning) finish(r);
  }

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const raw = await readBody(req).catch(() => null);
    if (raw === null) return;
    const method = req.method ?? 'GET';

    if (url.pathname === '/.well-known/jwks.json' && method === 'GET') {
      fake.jwksReads += 1;
      return json(res, 200, { keys: published });
    }
    const out = url.pathname.match(/^\/out\/([^/]+)\/output\.mp4$/);
    if (out) {
      if (!requests.has(out[1])) return json(res, 404, { detail: 'Not Found' });
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(clip.length) });
      return res.end(clip);
    }
    // The CDN side of storage: a presigned PUT, then a public file.
    const put = url.pathname.match(/^\/upload\/([^/]+)$/);
    if (put && method === 'PUT') {
      const pending = pendingUploads.get(put[1]);
      if (!pending) return json(res, 404, { detail: 'Unknown upload' });
      fake.uploads.set(put[1], { contentType: String(req.headers['content-type'] ?? pending.contentType), bytes: raw, fileName: pending.fileName });
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end('');
    }
    const pub = url.pathname.match(/^\/files\/([^/]+)\/[^/]+$/);
    if (pub && method === 'GET') {
      const f = fake.uploads.get(pub[1]);
      if (!f) return json(res, 404, { detail: 'Not Found' });
      res.writeHead(200, { 'content-type': f.contentType });
      return res.end(f.bytes);
    }

    fake.calls.push({ method, path: url.pathname });
    const auth = req.headers.authorization ?? '';
    const key = auth.startsWith('Key ') ? auth.slice(4) : '';
    if (!fake.keys.has(key)) return json(res, 401, { detail: 'Authentication is required to access this application.' });
    let body: Record<string, unknown> = {};
    if (method === 'POST' && raw.length) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return json(res, 422, { detail: [{ loc: ['body'], msg: 'JSON decode error', type: 'json_invalid' }] });
      }
    }

    if (url.pathname === '/storage/upload/initiate' && method === 'POST') {
      if (url.searchParams.get('storage_type') !== 'fal-cdn-v3') return json(res, 422, { detail: [{ loc: ['query', 'storage_type'], msg: 'Unknown storage type', type: 'value_error' }] });
      if (typeof body.content_type !== 'string' || typeof body.file_name !== 'string')
        return json(res, 422, { detail: [missing(typeof body.content_type !== 'string' ? 'content_type' : 'file_name')] });
      const id = randomUUID();
      pendingUploads.set(id, { contentType: body.content_type, fileName: body.file_name });
      return json(res, 200, { upload_url: `${fake.baseUrl}/upload/${id}`, file_url: `${fake.baseUrl}/files/${id}/${encodeURIComponent(body.file_name)}` });
    }

    // Status, result and cancel: under owner/app only (§6.2).
    const q = url.pathname.match(/^\/(.+)\/requests\/([^/]+)(\/status|\/cancel)?$/);
    if (q) {
      const [, app, id, tail] = q;
      const r = requests.get(id);
      // A URL keeping the endpoint's sub-path names no app the queue knows.
      if (app.split('/').length !== 2 || !r || r.app !== app || r.key !== key || r.status === 'REMOVED') {
        return tail === '/cancel' && method === 'PUT' ? json(res, 404, { status: 'NOT_FOUND' }) : json(res, 404, { detail: `Request ${id} not found` });
      }
      if (tail === '/status' && method === 'GET') {
        advance(r);
        return json(res, r.status === 'COMPLETED' ? 200 : 202, statusView(r, url.searchParams.get('logs') === '1'));
      }
      if (tail === '/cancel' && method === 'PUT') {
        if (r.status === 'IN_QUEUE') {
          r.status = 'REMOVED';
          return json(res, 200, { status: 'OK' });
        }
        if (r.status === 'IN_PROGRESS') {
          r.cancelRequested = true;
          return json(res, 202, { status: 'CANCELLATION_REQUESTED' });
        }
        return json(res, 400, { status: 'ALREADY_COMPLETED' });
      }
      if (!tail && method === 'GET') {
        if (r.status !== 'COMPLETED' || !r.result) return json(res, 400, { detail: 'Request is still in progress' });
        return json(res, r.result.status, r.result.body, r.result.headers);
      }
      return json(res, 405, { detail: 'Method Not Allowed' });
    }

    if (method === 'POST') {
      const endpoint = url.pathname.replace(/^\//, '');
      fake.submitAttempts += 1;
      if (!ENDPOINTS[endpoint]) return json(res, 404, { detail: `Application '${endpoint}' not found` });
      const fault = faults.shift();
      if (fault && typeof fault === 'object' && 'status' in fault) return json(res, fault.status, fault.body ?? { detail: `Fault ${fault.status}` }, fault.headers);
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k.startsWith('x-fal-')) as Array<[string, string]>);
      const noRetry = ['1', 'true', 'yes'].includes(String(req.headers['x-fal-no-retry'] ?? '').toLowerCase());
      const prompt = String(body.prompt ?? '');
      const r: FakeFalRequest = {
        id: randomUUID(),
        gatewayId: '',
        app: endpoint.split('/').slice(0, 2).join('/'),
        endpoint,
        key,
        input: body,
        status: 'IN_QUEUE',
        polls: 0,
        webhook: url.searchParams.get('fal_webhook'),
        noRetry,
        infraFailures: prompt.includes('[fake:infra]') ? Number.POSITIVE_INFINITY : prompt.includes('[fake:flaky]') ? 3 : 0,
        runs: 0,
        cancelRequested: false,
        createdMs: Date.now(),
      };
      r.gatewayId = r.id;
      requests.set(r.id, r);
      fake.creates.push({ endpoint, input: body, headers, webhook: r.webhook, at: r.createdMs, requestId: r.id, userAgent: String(req.headers['user-agent'] ?? '') });
      const answer = { request_id: r.id, gateway_request_id: r.gatewayId, status: 'IN_QUEUE', queue_position: 0, ...urls(r) };
      if (fault === 'malformed') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify(answer).slice(0, 14));
      }
      if (fault && 'delayMs' in fault) {
        return void setTimeout(() => {
          if (!res.destroyed) json(res, 200, answer);
        }, fault.delayMs);
      }
      return json(res, 200, answer);
    }
    json(res, 405, { detail: 'Method Not Allowed' });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  fake.host = `127.0.0.1:${port}`;
  fake.baseUrl = `http://127.0.0.1:${port}`;
  fake.jwksUrl = `${fake.baseUrl}/.well-known/jwks.json`;
  return fake;
}

/** Backlot's environment for the fake: both fal hosts and the key set pointed at it. */
export function falFakeEnv(fake: () => FalFake, extra: Record<string, string> = {}, sealByte = 5): Record<string, string> {
  const env: Record<string, string> = { BACKLOT_SECRET_KEY: Buffer.alloc(32, sealByte).toString('base64'), BACKLOT_POLL_SECONDS: '1' };
  Object.defineProperties(env, {
    BACKLOT_FAL_URL: { enumerable: true, get: () => fake().baseUrl },
    BACKLOT_FAL_REST_URL: { enumerable: true, get: () => fake().baseUrl },
    BACKLOT_FAL_JWKS_URL: { enumerable: true, get: () => fake().jwksUrl },
    BACKLOT_PROVIDER_ALLOW_HOSTS: { enumerable: true, get: () => fake().host },
  });
  return Object.assign(env, extra);
}
