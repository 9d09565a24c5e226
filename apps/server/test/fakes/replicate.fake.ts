/**
 * A fake Replicate API speaking its protocol as PROVIDERS.md §7 and §9.2 describe it, close enough
 * that the official `replicate` client drives it: `Authorization: Bearer <token>` (401 otherwise);
 * `POST /v1/models/{owner}/{name}/predictions` for official models and `POST /v1/predictions
 * {version}` for pinned versions; `GET /v1/predictions/{id}` with statuses `starting → processing →
 * succeeded | failed`, `aborted` for a prediction whose deadline passed before it started, and
 * `canceled` after `POST /v1/predictions/{id}/cancel`; `GET /v1/predictions` as cursor pages, newest
 * first (`{next, previous, results}`, `next` a whole URL); `POST /v1/files` (multipart `content`)
 * answering a file object whose `urls.get` the prediction input may name; `GET
 * /v1/webhooks/default/secret` (`{"key": "whsec_…"}`) and `GET /v1/account`. Errors are
 * `{"detail", "status", "title"}`; a 429 says `Request was throttled…` with `Retry-After`.
 *
 * Webhooks are POSTed to `webhook` on start and completion (as `webhook_events_filter` allows),
 * signed like Replicate's: `webhook-id`, `webhook-timestamp` and `webhook-signature: v1,<base64
 * HMAC-SHA256 of id.timestamp.body>` under the token's `whsec_` secret, computed here independently.
 *
 * Tests steer it with faults for the next create (HTTP status, a body cut short, an answer after the
 * client's deadline) and markers in the prompt: `[fake:sensitive]` fails the prediction with E005,
 * `[fake:abort]` aborts it before it starts. Outputs can be deleted (`data_removed`), as Replicate
 * does an hour after a prediction ends.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeFakeClip } from './fake-clip.ts';

/** The official models the fake runs, with the durations each accepts. */
const OFFICIAL: Record<string, number[]> = {
  'bytedance/seedance-1-pro': [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
  'bytedance/seedance-1-lite': [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
  'kwaivgi/kling-v2.1': [5, 10],
};
/** Pinned community versions: version id → model. */
const VERSIONS: Record<string, string> = { '8c47da666861d081eeb4d1261853087de23923a268a69b63febdf5dc1dee08e4': 'lightricks/ltx-video' };

export interface ReplicateFakePrediction {
  id: string;
  token: string;
  model: string;
  version: string;
  input: Record<string, unknown>;
  webhook?: string;
  events: string[];
  status: 'starting' | 'processing' | 'succeeded' | 'failed' | 'canceled' | 'aborted';
  polls: number;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  outcome: 'ok' | 'sensitive' | 'abort';
  dataRemoved: boolean;
}

type Fault = { status: number; detail: string; retryAfter?: string } | 'malformed' | { delayMs: number };

export interface ReplicateFake {
  /** `http://127.0.0.1:PORT/v1`, what the client is given as `baseUrl`. */
  baseUrl: string;
  host: string;
  /** API tokens the fake accepts, each with its webhook secret. */
  tokens: Map<string, string>;
  addToken(token: string): string;
  pollsStarting: number;
  pollsProcessing: number;
  /**
   * Opt-in (0, the default, keeps one step per poll): a task moves by its age instead, to its
   * second status at half of this many ms after its creation and to its end at all of it.
   */
  latencyMs: number;
  /** Predictions per list page. */
  pageSize: number;
  /** Leave `input` out of list items (the client must read each prediction for it). */
  listOmitsInput: boolean;
  /** Every create received after auth, in order, with its path and the time it arrived. */
  creates: Array<{ path: string; body: Record<string, unknown>; at: number }>;
  /** Every 429 answered, with the time. */
  throttled: number[];
  /** Every list page asked for (its cursor, or null for the first). */
  listPages: Array<string | null>;
  cancels: string[];
  files: Map<string, { bytes: Buffer; type: string }>;
  /** Whether to POST webhooks (off: they are only recorded). */
  postCallbacks: boolean;
  callbacks: Array<{ url: string; headers: Record<string, string>; body: string }>;
  failNextCreate(fault: Fault): void;
  /** Refuses the next output download with a 404, as a CDN may, while the prediction still holds its output. */
  refuseNextDownload(): void;
  /** Deletes every output from now on (as Replicate does an hour after the end); the undo brings them back. */
  removeOutputs(): () => void;
  predictions: Map<string, ReplicateFakePrediction>;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const TITLES: Record<number, string> = { 401: 'Unauthenticated', 402: 'Insufficient credit', 404: 'Not found', 422: 'Input validation failed', 429: 'Too Many Requests', 500: 'Internal Server Error' };
const problem = (res: ServerResponse, status: number, detail: string, headers: Record<string, string> = {}) => send(res, status, { detail, status, title: TITLES[status] ?? 'Error' }, headers);

/** A Replicate-looking id: 26 lower-case base32 characters. */
const predictionId = () => Array.from(randomBytes(26), (b) => 'abcdefghijklmnopqrstuvwxyz234567'[b % 32]).join('');

export async function startReplicateFake(options: { clipSeconds?: number } = {}): Promise<ReplicateFake> {
  const dir = mkdtempSync(join(tmpdir(), 'backlot-replicate-fake-'));
  const file = join(dir, 'clip.mp4');
  makeFakeClip(file, { seconds: options.clipSeconds ?? 4 });
  const clip = readFileSync(file);
  const predictions = new Map<string, ReplicateFakePrediction>();
  const faults: Fault[] = [];
  let refuseDownloads = 0;
  let removed = false;

  const fake: ReplicateFake = {
    baseUrl: '',
    host: '',
    tokens: new Map(),
    addToken(token) {
      const secret = `whsec_${randomBytes(24).toString('base64')}`;
      fake.tokens.set(token, secret);
      return secret;
    },
    pollsStarting: 1,
    pollsProcessing: 1,
    latencyMs: 0,
    pageSize: 100,
    listOmitsInput: false,
    creates: [],
    throttled: [],
    listPages: [],
    cancels: [],
    files: new Map(),
    postCallbacks: false,
    callbacks: [],
    failNextCreate: (f) => void faults.push(f),
    refuseNextDownload: () => void (refuseDownloads += 1),
    removeOutputs() {
      removed = true;
      return () => void (removed = false);
    },
    predictions,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        rmSync(dir, { recursive: true, force: true });
      }),
  };

  const origin = () => `http://${fake.host}`;

  function view(p: ReplicateFakePrediction, withInput = true) {
    const gone = p.dataRemoved || removed;
    const official = p.version === 'hidden';
    const done = p.status === 'succeeded';
    const url = `${origin()}/delivery/${p.id}/output.mp4`;
    return {
      id: p.id,
      model: p.model,
      version: p.version,
      ...(withInput ? { input: gone ? {} : p.input } : {}),
      logs: p.status === 'processing' ? 'Generating…\n 50%|█████     | 25/50 [00:10<00:10,  2.40it/s]' : p.status === 'succeeded' ? '100%|██████████| 50/50 [00:20<00:00,  2.40it/s]' : '',
      output: done && !gone ? (official ? url : [url]) : null,
      data_removed: gone,
      error: p.status === 'failed' ? 'The input or output was flagged as sensitive. Please try again with different inputs. (E005)' : null,
      status: p.status,
      source: 'api',
      created_at: p.createdAt,
      started_at: p.startedAt,
      completed_at: p.completedAt,
      // Replicate reports (and bills) the time a prediction ran, also one canceled after it started (§7.3).
      metrics: done ? { predict_time: 42.5, total_time: 44.1 } : p.status === 'canceled' && p.startedAt ? { predict_time: 12.5, total_time: 13.2 } : {},
      urls: {
        get: `${fake.baseUrl}/predictions/${p.id}`,
        cancel: `${fake.baseUrl}/predictions/${p.id}/cancel`,
        web: `https://replicate.com/p/${p.id}`,
      },
      ...(p.webhook ? { webhook: p.webhook, webhook_events_filter: p.events } : {}),
    };
  }

  /** A signed push of the prediction, as Replicate sends it (§7.4). */
  function push(p: ReplicateFakePrediction, event: 'start' | 'completed') {
    if (!p.webhook || !p.events.includes(event)) return;
    const secret = fake.tokens.get(p.token)!;
    const body = JSON.stringify(view(p));
    const id = `msg_${randomUUID().replaceAll('-', '')}`;
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64'))
      .update(`${id}.${timestamp}.${body}`)
      .digest('base64');
    const headers = { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` };
    fake.callbacks.push({ url: p.webhook, headers, body });
    if (fake.postCallbacks) void fetch(p.webhook, { method: 'POST', headers, body }).catch(() => undefined);
  }

  function advance(p: ReplicateFakePrediction) {
    p.polls += 1;
    if (fake.latencyMs > 0) {
      const age = Date.now() - Date.parse(p.createdAt);
      const polls = age >= fake.latencyMs ? fake.pollsStarting + fake.pollsProcessing + 1 : age >= fake.latencyMs / 2 ? fake.pollsStarting + 1 : 0;
      // Both steps at once when its age has passed both.
      step(p, polls);
      step(p, polls);
    } else step(p, p.polls);
  }

  function step(p: ReplicateFakePrediction, polls: number) {
    const at = new Date().toISOString();
    if (p.status === 'starting' && polls > fake.pollsStarting) {
      if (p.outcome === 'abort') {
        // Its deadline passed before it started: it never ran (§7.3).
        p.status = 'aborted';
        p.completedAt = at;
        return push(p, 'completed');
      }
      p.status = 'processing';
      p.startedAt = at;
      push(p, 'start');
    } else if (p.status === 'processing' && polls > fake.pollsStarting + fake.pollsProcessing) {
      p.status = p.outcome === 'sensitive' ? 'failed' : 'succeeded';
      p.completedAt = at;
      push(p, 'completed');
    }
  }

  /** Checks an input as the model would, or says what is wrong (422). */
  function problemOf(model: string, input: Record<string, unknown>): string | null {
    if (typeof input.prompt !== 'string' || !input.prompt) return '- input: prompt is required';
    const durations = OFFICIAL[model];
    if (durations && !durations.includes(Number(input.duration))) return `- input.duration: Must be one of: ${durations.join(', ')}`;
    if (model === 'kwaivgi/kling-v2.1' && typeof input.start_image !== 'string') return '- input: start_image is required';
    if (model === 'lightricks/ltx-video' && (!Number.isInteger(input.length) || (Number(input.length) - 1) % 8 !== 0)) return '- input.length: must be 8n + 1 frames';
    for (const [k, v] of Object.entries(input)) {
      if (typeof v === 'string' && /^(data:|https?:)/.test(v) === false && /image/.test(k)) return `- input.${k}: Does not match format 'uri'`;
    }
    return null;
  }

  function create(path: string, model: string, version: string, token: string, body: Record<string, unknown>, res: ServerResponse, how: Fault | undefined) {
    const input = (body.input ?? {}) as Record<string, unknown>;
    const wrong = problemOf(model, input);
    if (wrong) return problem(res, 422, wrong);
    const prompt = String(input.prompt);
    const p: ReplicateFakePrediction = {
      id: predictionId(),
      token,
      model,
      version,
      input,
      webhook: typeof body.webhook === 'string' ? body.webhook : undefined,
      events: Array.isArray(body.webhook_events_filter) ? (body.webhook_events_filter as string[]) : ['start', 'output', 'logs', 'completed'],
      status: 'starting',
      polls: 0,
      createdAt: new Date().toISOString(),
      startedAt: null,
      completedAt: null,
      outcome: prompt.includes('[fake:sensitive]') ? 'sensitive' : prompt.includes('[fake:abort]') ? 'abort' : 'ok',
      dataRemoved: false,
    };
    predictions.set(p.id, p);
    fake.creates.push({ path, body, at: Date.now() });
    if (how === 'malformed') {
      res.writeHead(201, { 'content-type': 'application/json' });
      return res.end(JSON.stringify(view(p)).slice(0, 20));
    }
    if (how && 'delayMs' in how) {
      return void setTimeout(() => {
        if (!res.destroyed) send(res, 201, view(p));
      }, how.delayMs);
    }
    send(res, 201, view(p));
  }

  async function readFile(req: IncomingMessage, raw: Buffer, res: ServerResponse, token: string) {
    const form = await new Request('http://fake/files', { method: 'POST', headers: { 'content-type': String(req.headers['content-type']) }, body: new Uint8Array(raw) }).formData().catch(() => null);
    const content = form?.get('content');
    if (!(content instanceof Blob)) return problem(res, 400, 'content is required');
    const id = randomUUID().replaceAll('-', '').slice(0, 24);
    const type = String(form?.get('type') ?? content.type ?? 'application/octet-stream');
    fake.files.set(id, { bytes: Buffer.from(await content.arrayBuffer()), type });
    send(res, 201, {
      id,
      name: content instanceof File ? content.name : 'file',
      content_type: type,
      size: content.size,
      etag: id,
      checksums: {},
      metadata: {},
      created_at: new Date().toISOString(),
      expires_at: new Date(Date.now() + 24 * 3_600_000).toISOString(),
      urls: { get: `${fake.baseUrl}/files/${id}/download?token=${token.slice(-4)}` },
    });
  }

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of req) chunks.push(chunk as Buffer);
    } catch {
      return;
    }
    const raw = Buffer.concat(chunks);
    const delivery = /^\/delivery\/([a-z0-9]+)\/output\.mp4$/.exec(url.pathname);
    if (delivery) {
      const p = predictions.get(delivery[1]);
      if (refuseDownloads > 0 || !p || p.status !== 'succeeded' || p.dataRemoved || removed) {
        if (refuseDownloads > 0) refuseDownloads -= 1;
        res.writeHead(404, { 'content-type': 'text/plain' });
        return res.end('Not Found');
      }
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(clip.length) });
      return res.end(clip);
    }
    const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || !fake.tokens.has(bearer)) return problem(res, 401, 'Invalid token.');
    const token = bearer;
    const path = url.pathname.replace(/^\/v1/, '');
    let body: Record<string, unknown> = {};
    if (req.method === 'POST' && String(req.headers['content-type'] ?? '').startsWith('application/json') && raw.length) {
      try {
        body = JSON.parse(raw.toString());
      } catch {
        return problem(res, 400, 'Request body is not valid JSON');
      }
    }

    const official = /^\/models\/([^/]+\/[^/]+)\/predictions$/.exec(path);
    if (req.method === 'POST' && (official || path === '/predictions')) {
      const fault = faults.shift();
      if (fault && fault !== 'malformed' && !('delayMs' in fault)) {
        if (fault.status === 429) fake.throttled.push(Date.now());
        return problem(res, fault.status, fault.detail, fault.retryAfter ? { 'retry-after': fault.retryAfter } : {});
      }
      if (official) {
        if (!OFFICIAL[official[1]]) return problem(res, 404, `Model ${official[1]} not found, or it is not an official model`);
        return create(path, official[1], 'hidden', token, body, res, fault);
      }
      const model = VERSIONS[String(body.version)];
      if (!model) return problem(res, 422, 'Invalid version or not permitted');
      return create(path, model, String(body.version), token, body, res, fault);
    }
    if (req.method === 'GET' && path === '/predictions') {
      const cursor = url.searchParams.get('cursor');
      fake.listPages.push(cursor);
      const mine = [...predictions.values()].filter((p) => p.token === token).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      const start = cursor ? Number(Buffer.from(cursor, 'base64url').toString().replace('o=', '')) : 0;
      const page = mine.slice(start, start + fake.pageSize);
      const after = start + fake.pageSize;
      const cursorOf = (n: number) => Buffer.from(`o=${n}`).toString('base64url');
      return send(res, 200, {
        previous: start > 0 ? `${fake.baseUrl}/predictions?cursor=${cursorOf(Math.max(0, start - fake.pageSize))}` : null,
        next: after < mine.length ? `${fake.baseUrl}/predictions?cursor=${cursorOf(after)}` : null,
        results: page.map((p) => view(p, !fake.listOmitsInput)),
      });
    }
    const one = /^\/predictions\/([a-z0-9]+)(\/cancel)?$/.exec(path);
    if (one) {
      const p = predictions.get(one[1]);
      if (!p || p.token !== token) return problem(res, 404, 'Not found.');
      if (one[2] && req.method === 'POST') {
        fake.cancels.push(p.id);
        if (p.status === 'starting' || p.status === 'processing') {
          p.status = 'canceled';
          p.completedAt = new Date().toISOString();
          push(p, 'completed');
        }
        return send(res, 200, view(p));
      }
      if (!one[2] && req.method === 'GET') {
        advance(p);
        return send(res, 200, view(p));
      }
    }
    if (req.method === 'POST' && path === '/files') return readFile(req, raw, res, token);
    const download = /^\/files\/([a-z0-9]+)\/download$/.exec(path);
    if (req.method === 'GET' && download && fake.files.has(download[1])) {
      const f = fake.files.get(download[1])!;
      res.writeHead(200, { 'content-type': f.type });
      return res.end(f.bytes);
    }
    if (req.method === 'GET' && path === '/webhooks/default/secret') return send(res, 200, { key: fake.tokens.get(token) });
    if (req.method === 'GET' && path === '/account') return send(res, 200, { type: 'user', username: 'backlot-test', name: 'Backlot Test', github_url: null });
    return problem(res, 404, 'Not found.');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  fake.host = `127.0.0.1:${port}`;
  fake.baseUrl = `http://127.0.0.1:${port}/v1`;
  return fake;
}

/** Settings pointing a Backlot at this fake (read when the harness starts), like klingFakeEnv. */
export function replicateFakeEnv(fake: () => ReplicateFake, extra: Record<string, string> = {}, sealByte = 17): Record<string, string> {
  const env: Record<string, string> = { BACKLOT_SECRET_KEY: Buffer.alloc(32, sealByte).toString('base64'), BACKLOT_POLL_SECONDS: '1' };
  Object.defineProperties(env, {
    BACKLOT_REPLICATE_URL: { enumerable: true, get: () => fake().baseUrl },
    BACKLOT_PROVIDER_ALLOW_HOSTS: { enumerable: true, get: () => fake().host },
  });
  return Object.assign(env, extra);
}
