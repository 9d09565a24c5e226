/**
 * A fake Higgsfield speaking the v2 protocol as PROVIDERS.md §5 and §9.2 describe it:
 * `Authorization: Key <id>:<secret>` checked on every call; `POST /v1/image2video/dop` with the
 * input as the whole body (checked: model, prompt, `input_images: [{type:"image_url", image_url}]`),
 * `?hf_webhook=<url>` POSTed the final status once the request ends (retried until a 2xx, a few
 * times here); the submit answer `{status:"queued", request_id, status_url, cancel_url}`;
 * `GET /requests/{id}/status` moving `queued → in_progress → completed | failed | nsfw`, with
 * `video: {url}` when completed; `POST /requests/{id}/cancel` answering 202 with an empty body while
 * queued (then `canceled`) and 400 once started; `POST /files/generate-upload-url {content_type}` →
 * `{upload_url, public_url}` with a `PUT` of the bytes. Errors are FastAPI's `{"detail": …}`: 401,
 * 403 "Not enough credits", 422 with `[{loc, msg, type}]`.
 *
 * Steered like the Seedance fake: faults for the next submit (status and detail; a body cut short;
 * an answer after the client gave up, the request made all the same) and outcomes by a marker in the
 * prompt: `[fake:nsfw]`, `[fake:fail]`.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeFakeClip } from './fake-clip.ts';

type HfStatus = 'queued' | 'in_progress' | 'completed' | 'failed' | 'nsfw' | 'canceled';

export interface FakeHiggsfieldRequest {
  id: string;
  key: string;
  path: string;
  body: Record<string, unknown>;
  status: HfStatus;
  polls: number;
  webhook: string | null;
  outcome: 'completed' | 'failed' | 'nsfw';
  createdMs: number;
}

export type HiggsfieldFault = { status: number; detail?: unknown } | 'malformed' | { delayMs: number };

export interface HiggsfieldFake {
  /** `http://127.0.0.1:PORT`. */
  baseUrl: string;
  host: string;
  /** Accepted credentials, `KEY_ID:KEY_SECRET`. */
  credentials: Set<string>;
  pollsQueued: number;
  pollsRunning: number;
  /**
   * Opt-in (0, the default, keeps one step per poll): a task moves by its age instead, to its
   * second status at half of this many ms after its creation and to its end at all of it.
   */
  latencyMs: number;
  creates: Array<{ path: string; body: Record<string, unknown>; at: number; webhook: string | null }>;
  /** Pictures put through the upload URLs, by file id. */
  uploads: Map<string, { contentType: string; bytes: Buffer }>;
  webhooks: Array<{ url: string; status: string; answer: number }>;
  authorizations: string[];
  /** User-Agent headers seen on submits. */
  userAgents: string[];
  failNextCreate(fault: HiggsfieldFault): void;
  requests: Map<string, FakeHiggsfieldRequest>;
  close(): Promise<void>;
}

const DOP_MODELS = ['dop-lite', 'dop-turbo', 'dop-standard'];

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startHiggsfieldFake(): Promise<HiggsfieldFake> {
  const dir = mkdtempSync(join(tmpdir(), 'backlot-higgsfield-fake-'));
  const file = join(dir, 'clip.mp4');
  makeFakeClip(file, { seconds: 4 });
  const clip = readFileSync(file);
  const requests = new Map<string, FakeHiggsfieldRequest>();
  const faults: HiggsfieldFault[] = [];
  const pendingUploads = new Map<string, string>();

  const fake: HiggsfieldFake = {
    baseUrl: '',
    host: '',
    credentials: new Set(),
    pollsQueued: 1,
    pollsRunning: 1,
    latencyMs: 0,
    creates: [],
    uploads: new Map(),
    webhooks: [],
    authorizations: [],
    userAgents: [],
    failNextCreate: (f) => void faults.push(f),
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        rmSync(dir, { recursive: true, force: true });
      }),
  };

  function view(r: FakeHiggsfieldRequest) {
    return {
      status: r.status,
      request_id: r.id,
      status_url: `${fake.baseUrl}/requests/${r.id}/status`,
      cancel_url: `${fake.baseUrl}/requests/${r.id}/cancel`,
      ...(r.status === 'completed' ? { video: { url: `${fake.baseUrl}/out/${r.id}/result.mp4` } } : {}),
      ...(r.status === 'failed' ? { error: 'The generation failed.' } : {}),
    };
  }

  /** Once final, the status body goes to the webhook, retried until a 2xx (three times here, not for two hours). */
  async function notify(r: FakeHiggsfieldRequest) {
    if (!r.webhook) return;
    for (let attempt = 0; attempt < 3; attempt++) {
      const answer = await fetch(r.webhook, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(view(r)), signal: AbortSignal.timeout(5_000) })
        .then(async (x) => (await x.body?.cancel(), x.status))
        .catch(() => 0);
      fake.webhooks.push({ url: r.webhook, status: r.status, answer });
      if (answer >= 200 && answer < 300) return;
      await new Promise((res) => setTimeout(res, 200));
    }
  }

  function advance(r: FakeHiggsfieldRequest) {
    r.polls += 1;
    if (fake.latencyMs > 0) {
      const age = Date.now() - r.createdMs;
      const polls = age >= fake.latencyMs ? fake.pollsQueued + fake.pollsRunning + 1 : age >= fake.latencyMs / 2 ? fake.pollsQueued + 1 : 0;
      // Both steps at once when its age has passed both.
      step(r, polls);
      step(r, polls);
    } else step(r, r.polls);
  }

  function step(r: FakeHiggsfieldRequest, polls: number) {
    if (r.status === 'queued' && polls > fake.pollsQueued) r.status = 'in_progress';
    else if (r.status === 'in_progress' && polls > fake.pollsQueued + fake.pollsRunning) {
      r.status = r.outcome;
      void notify(r);
    }
  }

  function checkDop(b: Record<string, unknown>): Array<{ loc: string[]; msg: string; type: string }> {
    const problems: Array<{ loc: string[]; msg: string; type: string }> = [];
    if (!DOP_MODELS.includes(String(b.model))) problems.push({ loc: ['body', 'model'], msg: `Input should be ${DOP_MODELS.map((m) => `'${m}'`).join(', ')}`, type: 'enum' });
    if (typeof b.prompt !== 'string') problems.push({ loc: ['body', 'prompt'], msg: 'Field required', type: 'missing' });
    const images = b.input_images;
    if (!Array.isArray(images) || images.length === 0) problems.push({ loc: ['body', 'input_images'], msg: 'At least one input image is required', type: 'value_error' });
    else
      images.forEach((img, i) => {
        const x = img as { type?: unknown; image_url?: unknown };
        if (x.type !== 'image_url' || typeof x.image_url !== 'string' || !/^https?:\/\//.test(x.image_url))
          problems.push({ loc: ['body', 'input_images', String(i)], msg: 'Expected {type: "image_url", image_url: <http(s) URL>}', type: 'value_error' });
        else {
          const own = x.image_url.match(/\/files\/([^/]+)$/);
          if (own && x.image_url.startsWith(fake.baseUrl) && !fake.uploads.has(own[1]))
            problems.push({ loc: ['body', 'input_images', String(i)], msg: 'The file was never uploaded', type: 'value_error' });
        }
      });
    if (b.seed !== undefined && !Number.isInteger(b.seed)) problems.push({ loc: ['body', 'seed'], msg: 'Input should be a valid integer', type: 'int_type' });
    return problems;
  }

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const raw = await readBody(req).catch(() => null);
    if (raw === null) return;

    const out = url.pathname.match(/^\/out\/([^/]+)\/result\.mp4$/);
    if (out) {
      if (!requests.has(out[1])) return json(res, 404, { detail: 'Not Found' });
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(clip.length) });
      return res.end(clip);
    }
    // The upload target and public file: storage, no key (a presigned upload in the real service).
    const upload = url.pathname.match(/^\/upload\/([^/]+)$/);
    if (upload && req.method === 'PUT') {
      const type = pendingUploads.get(upload[1]);
      if (!type) return json(res, 404, { detail: 'Unknown upload' });
      fake.uploads.set(upload[1], { contentType: String(req.headers['content-type'] ?? type), bytes: raw });
      res.writeHead(200);
      return res.end();
    }
    const pub = url.pathname.match(/^\/files\/([^/]+)$/);
    if (pub && req.method === 'GET') {
      const f = fake.uploads.get(pub[1]);
      if (!f) return json(res, 404, { detail: 'Not Found' });
      res.writeHead(200, { 'content-type': f.contentType });
      return res.end(f.bytes);
    }

    const auth = req.headers.authorization ?? '';
    fake.authorizations.push(auth);
    const key = auth.startsWith('Key ') ? auth.slice(4) : '';
    if (!fake.credentials.has(key)) return json(res, 401, { detail: 'Invalid credentials' });

    let body: Record<string, unknown> = {};
    if (req.method === 'POST' && raw.length) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return json(res, 400, { detail: 'Body is not valid JSON' });
      }
    }

    if (url.pathname === '/files/generate-upload-url' && req.method === 'POST') {
      if (typeof body.content_type !== 'string' || !/^image\//.test(body.content_type))
        return json(res, 422, { detail: [{ loc: ['body', 'content_type'], msg: 'An image content type is required', type: 'value_error' }] });
      const id = randomUUID();
      pendingUploads.set(id, body.content_type);
      return json(res, 200, { upload_url: `${fake.baseUrl}/upload/${id}`, public_url: `${fake.baseUrl}/files/${id}` });
    }

    if (url.pathname === '/v1/image2video/dop' && req.method === 'POST') {
      fake.userAgents.push(String(req.headers['user-agent'] ?? ''));
      const fault = faults.shift();
      if (fault && typeof fault === 'object' && 'status' in fault) return json(res, fault.status, { detail: fault.detail ?? (fault.status === 403 ? 'Not enough credits' : `Fault ${fault.status}`) });
      const problems = checkDop(body);
      if (problems.length) return json(res, 422, { detail: problems });
      const prompt = String(body.prompt);
      const r: FakeHiggsfieldRequest = {
        id: randomUUID(),
        key,
        path: url.pathname,
        body,
        status: 'queued',
        polls: 0,
        webhook: url.searchParams.get('hf_webhook'),
        outcome: prompt.includes('[fake:nsfw]') ? 'nsfw' : prompt.includes('[fake:fail]') ? 'failed' : 'completed',
        createdMs: Date.now(),
      };
      requests.set(r.id, r);
      fake.creates.push({ path: url.pathname, body, at: r.createdMs, webhook: r.webhook });
      if (fault === 'malformed') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify(view(r)).slice(0, 12));
      }
      if (fault && 'delayMs' in fault) {
        return void setTimeout(() => {
          if (!res.destroyed) json(res, 200, view(r));
        }, fault.delayMs);
      }
      return json(res, 200, view(r));
    }

    const m = url.pathname.match(/^\/requests\/([^/]+)\/(status|cancel)$/);
    const r = m ? requests.get(m[1]) : undefined;
    if (!m || !r || r.key !== key) return json(res, 404, { detail: 'Request not found' });
    if (m[2] === 'status' && req.method === 'GET') {
      advance(r);
      return json(res, 200, view(r));
    }
    if (m[2] === 'cancel' && req.method === 'POST') {
      if (r.status !== 'queued') return json(res, 400, { detail: 'Request is already being processed and cannot be canceled' });
      r.status = 'canceled';
      res.writeHead(202);
      return res.end();
    }
    json(res, 405, { detail: 'Method Not Allowed' });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  fake.host = `127.0.0.1:${port}`;
  fake.baseUrl = `http://127.0.0.1:${port}`;
  return fake;
}

export function higgsfieldFakeEnv(fake: () => HiggsfieldFake, extra: Record<string, string> = {}, sealByte = 7): Record<string, string> {
  const env: Record<string, string> = { BACKLOT_SECRET_KEY: Buffer.alloc(32, sealByte).toString('base64'), BACKLOT_POLL_SECONDS: '1' };
  Object.defineProperties(env, {
    BACKLOT_HIGGSFIELD_URL: { enumerable: true, get: () => fake().baseUrl },
    BACKLOT_PROVIDER_ALLOW_HOSTS: { enumerable: true, get: () => fake().host },
  });
  return Object.assign(env, extra);
}
