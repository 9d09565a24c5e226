/**
 * A fake Luma speaking both of its APIs as PROVIDERS.md §3 and §9.2 describe them, on one port:
 *
 * - Dream Machine (§3.1) under `/dream-machine/v1`: `POST /generations/video`, `GET /generations/{id}`,
 *   `GET /generations?limit=&offset=` → `{generations, count, has_more, limit, offset}` (newest first),
 *   `DELETE /generations/{id}`, `GET /credits` → `{credit_balance}`. States `queued → dreaming →
 *   completed | failed` (no cancelled), `failure_reason` in words, the request echoed back, and
 *   `callback_url` POSTed the generation on every change, a non-200 retried 3 times 100 ms apart.
 * - The Agents API (§3.2) under `/v1`: `POST /generations`, `GET /generations/{id}`, states `queued →
 *   processing → completed | failed` with `failure_code`, `output[].url` presigned for an hour, and an
 *   `X-API-Version` header.
 *
 * Both check `Authorization: Bearer <key>` and refuse with FastAPI's `{"detail": …}`. Output links
 * carry `X-Amz-Date`/`X-Amz-Expires` and answer 403 once expired; a fresh read of the generation
 * signs a new one. Tests steer it like the Seedance fake: faults for the next create (HTTP status and
 * detail; a body cut short as broken JSON; or an answer after the client gave up, the generation made
 * all the same), and outcomes by a marker in the prompt: `[fake:fail]` fails the generation,
 * `[fake:moderation]` fails a Ray 3.2 one as `content_moderated`.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeFakeClip } from './fake-clip.ts';

type DreamState = 'queued' | 'dreaming' | 'completed' | 'failed';
type AgentsState = 'queued' | 'processing' | 'completed' | 'failed';

export interface FakeLumaGeneration {
  id: string;
  api: 'dream-machine' | 'agents';
  key: string;
  body: Record<string, unknown>;
  state: DreamState | AgentsState;
  polls: number;
  createdAt: string;
  createdMs: number;
  outcome: 'ok' | 'fail' | 'moderation';
}

export type LumaFault = { status: number; detail?: string } | 'malformed' | { delayMs: number };

export interface LumaFake {
  /** `http://127.0.0.1:PORT/dream-machine/v1`. */
  dreamMachineUrl: string;
  /** `http://127.0.0.1:PORT/v1`. */
  agentsUrl: string;
  host: string;
  keys: Set<string>;
  /** Polls a generation stays queued, then dreaming/processing, before it ends. */
  pollsQueued: number;
  pollsRunning: number;
  /**
   * Opt-in (0, the default, keeps one step per poll): a task moves by its age instead, to its
   * second status at half of this many ms after its creation and to its end at all of it.
   */
  latencyMs: number;
  /** Lifetime of presigned output URLs, seconds. */
  outputTtlSec: number;
  /** Every create accepted: its API, body and when (ms). */
  creates: Array<{ api: 'dream-machine' | 'agents'; body: Record<string, unknown>; at: number }>;
  /** Every callback delivery attempt: the URL, the state it carried and the answer's status (0: no answer). */
  callbacks: Array<{ url: string; state: string; status: number }>;
  authorizations: string[];
  /** Faults for the next creates (either API), in order. */
  failNextCreate(fault: LumaFault): void;
  /** Makes every output URL signed so far answer 403. */
  expireSignedUrls(): void;
  expiredDownloads: number;
  generations: Map<string, FakeLumaGeneration>;
  close(): Promise<void>;
}

const DREAM_MODELS = ['ray-2', 'ray-flash-2'];
const DREAM_ASPECTS = ['1:1', '16:9', '9:16', '4:3', '3:4', '21:9', '9:21'];
const AGENTS_ASPECTS = ['9:16', '3:4', '1:1', '4:3', '16:9', '21:9'];

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const detail = (res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}) => json(res, status, { detail: text }, headers);

async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

/** Why a Dream Machine keyframe is refused, or null. */
function badKeyframe(k: unknown): string | null {
  if (k === undefined) return null;
  const f = k as { type?: unknown; url?: unknown; id?: unknown };
  if (f.type === 'image') return typeof f.url === 'string' && /^https?:\/\//.test(f.url) ? null : 'an image keyframe needs an http(s) url';
  if (f.type === 'generation') return typeof f.id === 'string' && f.id.length > 0 ? null : 'a generation keyframe needs an id';
  return 'a keyframe is {type:"image", url} or {type:"generation", id}';
}

/** Why an Agents ImageRef is refused, or null: exactly one of url, data (+media_type), generation_id. */
function badImageRef(r: unknown): string | null {
  if (r === undefined) return null;
  const f = (r ?? {}) as Record<string, unknown>;
  const kinds = ['url', 'data', 'generation_id'].filter((k) => f[k] !== undefined);
  if (kinds.length !== 1) return 'an ImageRef holds exactly one of url, data or generation_id';
  if (kinds[0] === 'data' && typeof f.media_type !== 'string') return 'inline data needs a media_type';
  return null;
}

/** Starts the fake on a free port; its clip is 4 s of 320×180 H.264 at 24 fps, made with ffmpeg. */
export async function startLumaFake(): Promise<LumaFake> {
  const dir = mkdtempSync(join(tmpdir(), 'backlot-luma-fake-'));
  const file = join(dir, 'clip.mp4');
  makeFakeClip(file, { seconds: 4 });
  const clip = readFileSync(file);
  const generations = new Map<string, FakeLumaGeneration>();
  const faults: LumaFault[] = [];
  let epoch = 0;

  const fake: LumaFake = {
    dreamMachineUrl: '',
    agentsUrl: '',
    host: '',
    keys: new Set(),
    pollsQueued: 1,
    pollsRunning: 1,
    latencyMs: 0,
    outputTtlSec: 3600,
    creates: [],
    callbacks: [],
    authorizations: [],
    failNextCreate: (f) => void faults.push(f),
    expireSignedUrls: () => void (epoch += 1),
    expiredDownloads: 0,
    generations,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        rmSync(dir, { recursive: true, force: true });
      }),
  };

  function signedUrl(g: FakeLumaGeneration): string {
    const amzDate = new Date()
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
    const sig = createHash('sha256').update(`${g.id}:${epoch}:${amzDate}`).digest('hex').slice(0, 32);
    return `http://${fake.host}/out/${g.id}/video.mp4?X-Amz-Date=${amzDate}&X-Amz-Expires=${fake.outputTtlSec}&X-Fake-Epoch=${epoch}&X-Amz-Signature=${sig}`;
  }

  function dreamView(g: FakeLumaGeneration) {
    return {
      id: g.id,
      generation_type: 'video',
      state: g.state,
      failure_reason: g.state === 'failed' ? 'The generation could not be completed.' : null,
      created_at: g.createdAt,
      model: g.body.model,
      assets: g.state === 'completed' ? { video: signedUrl(g), image: null, progress_video: null } : null,
      request: g.body,
    };
  }

  function agentsView(g: FakeLumaGeneration) {
    const failed = g.state === 'failed';
    return {
      id: g.id,
      created_at: g.createdAt,
      model: g.body.model,
      type: g.body.type,
      state: g.state,
      output: g.state === 'completed' ? [{ type: 'video', url: signedUrl(g) }] : [],
      failure_code: failed ? (g.outcome === 'moderation' ? 'content_moderated' : 'generation_failed') : null,
      failure_reason: failed ? (g.outcome === 'moderation' ? 'The request was flagged by content moderation.' : 'The generation failed.') : null,
    };
  }

  /** POSTs a Dream Machine generation to its callback; a non-200 is tried again 3 times, 100 ms apart, each with a 5 s deadline. */
  async function callBack(g: FakeLumaGeneration) {
    const url = g.body.callback_url;
    if (typeof url !== 'string') return;
    const view = dreamView(g);
    for (let attempt = 0; attempt < 4; attempt++) {
      const status = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(view), signal: AbortSignal.timeout(5_000) })
        .then(async (r) => (await r.body?.cancel(), r.status))
        .catch(() => 0);
      fake.callbacks.push({ url, state: view.state, status });
      if (status === 200) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  function move(g: FakeLumaGeneration, state: FakeLumaGeneration['state']) {
    g.state = state;
    if (g.api === 'dream-machine') void callBack(g);
  }

  /** One read moves a generation one step along its way. */
  function advance(g: FakeLumaGeneration) {
    g.polls += 1;
    if (fake.latencyMs > 0) {
      const age = Date.now() - g.createdMs;
      const polls = age >= fake.latencyMs ? fake.pollsQueued + fake.pollsRunning + 1 : age >= fake.latencyMs / 2 ? fake.pollsQueued + 1 : 0;
      // Both steps at once when its age has passed both.
      step(g, polls);
      step(g, polls);
    } else step(g, g.polls);
  }

  function step(g: FakeLumaGeneration, polls: number) {
    const running = g.api === 'agents' ? 'processing' : 'dreaming';
    if (g.state === 'queued' && polls > fake.pollsQueued) move(g, running);
    else if (g.state === running && polls > fake.pollsQueued + fake.pollsRunning) move(g, g.outcome === 'ok' ? 'completed' : 'failed');
  }

  function create(api: FakeLumaGeneration['api'], key: string, body: Record<string, unknown>, res: ServerResponse, how: 'now' | 'malformed' | { delayMs: number }, headers: Record<string, string>) {
    const prompt = String(body.prompt ?? '');
    const g: FakeLumaGeneration = {
      id: randomUUID(),
      api,
      key,
      body,
      state: 'queued',
      polls: 0,
      createdAt: new Date().toISOString(),
      createdMs: Date.now(),
      outcome: prompt.includes('[fake:moderation]') && api === 'agents' ? 'moderation' : prompt.includes('[fake:fail]') ? 'fail' : 'ok',
    };
    generations.set(g.id, g);
    fake.creates.push({ api, body, at: g.createdMs });
    const view = api === 'agents' ? agentsView(g) : dreamView(g);
    if (api === 'dream-machine') void callBack(g);
    // Dream Machine answers a create 201 (the SDK takes any 2xx); the Agents API 200.
    const status = api === 'dream-machine' ? 201 : 200;
    if (how === 'malformed') {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      return res.end(JSON.stringify(view).slice(0, 12));
    }
    if (how === 'now') return json(res, status, view, headers);
    setTimeout(() => {
      if (!res.destroyed) json(res, status, view, headers);
    }, how.delayMs);
  }

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const text = await readBody(req).catch(() => null);
    if (text === null) return;

    const out = url.pathname.match(/^\/out\/([^/]+)\/video\.mp4$/);
    if (out) {
      const g = generations.get(out[1]);
      const d = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(url.searchParams.get('X-Amz-Date') ?? '');
      const signedAt = d ? Date.UTC(+d[1], +d[2] - 1, +d[3], +d[4], +d[5], +d[6]) : 0;
      const expired = Number(url.searchParams.get('X-Fake-Epoch')) !== epoch || Date.now() > signedAt + Number(url.searchParams.get('X-Amz-Expires')) * 1000;
      if (!g || expired) {
        fake.expiredDownloads += 1;
        res.writeHead(403, { 'content-type': 'application/xml' });
        return res.end('<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
      }
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(clip.length) });
      return res.end(clip);
    }

    const agentsApi = url.pathname.startsWith('/v1/');
    const headers: Record<string, string> = agentsApi ? { 'x-api-version': '2026-04-01' } : {};
    const auth = req.headers.authorization ?? '';
    fake.authorizations.push(auth);
    const key = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    if (!fake.keys.has(key)) return detail(res, 401, 'Invalid or missing API key', headers);

    let body: Record<string, unknown> = {};
    if (req.method === 'POST') {
      try {
        body = text ? JSON.parse(text) : {};
      } catch {
        return detail(res, 400, 'The body is not valid JSON', headers);
      }
    }

    if (req.method === 'POST' && (url.pathname === '/dream-machine/v1/generations/video' || url.pathname === '/v1/generations')) {
      const fault = faults.shift();
      if (fault && typeof fault === 'object' && 'status' in fault) return detail(res, fault.status, fault.detail ?? `Fault ${fault.status}`, headers);
      const problem = agentsApi ? checkAgents(body) : checkDream(body);
      if (problem) return json(res, 422, { detail: [{ loc: ['body', problem.field], msg: problem.msg, type: 'value_error' }] }, headers);
      return create(agentsApi ? 'agents' : 'dream-machine', key, body, res, fault === undefined ? 'now' : fault, headers);
    }

    if (url.pathname === '/dream-machine/v1/credits' && req.method === 'GET') return json(res, 200, { credit_balance: 125_000 });
    if (url.pathname === '/dream-machine/v1/generations' && req.method === 'GET') {
      const limit = Number(url.searchParams.get('limit') ?? 10);
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const mine = [...generations.values()].filter((g) => g.key === key && g.api === 'dream-machine').sort((a, b) => b.createdMs - a.createdMs);
      const page = mine.slice(offset, offset + limit);
      return json(res, 200, { generations: page.map(dreamView), count: page.length, has_more: offset + limit < mine.length, limit, offset });
    }

    const dm = url.pathname.match(/^\/dream-machine\/v1\/generations\/([^/]+)$/);
    const ag = url.pathname.match(/^\/v1\/generations\/([^/]+)$/);
    const id = dm?.[1] ?? ag?.[1];
    const g = id ? generations.get(decodeURIComponent(id)) : undefined;
    if (id && (!g || g.key !== key || (g.api === 'agents') !== Boolean(ag))) return detail(res, 404, 'Generation not found', headers);
    if (g && req.method === 'GET') {
      advance(g);
      return json(res, 200, g.api === 'agents' ? agentsView(g) : dreamView(g), headers);
    }
    if (g && dm && req.method === 'DELETE') {
      generations.delete(g.id);
      res.writeHead(204);
      return res.end();
    }
    detail(res, 404, 'Not Found', headers);
  });

  function checkDream(b: Record<string, unknown>): { field: string; msg: string } | null {
    if (!DREAM_MODELS.includes(String(b.model))) return { field: 'model', msg: `model must be one of ${DREAM_MODELS.join(', ')}` };
    if (b.prompt !== undefined && typeof b.prompt !== 'string') return { field: 'prompt', msg: 'prompt must be a string' };
    if (b.aspect_ratio !== undefined && !DREAM_ASPECTS.includes(String(b.aspect_ratio))) return { field: 'aspect_ratio', msg: 'unsupported aspect ratio' };
    if (b.duration !== undefined && !['5s', '9s'].includes(String(b.duration))) return { field: 'duration', msg: 'duration must be 5s or 9s' };
    if (b.resolution !== undefined && !['540p', '720p', '1080p', '4k'].includes(String(b.resolution))) return { field: 'resolution', msg: 'unsupported resolution' };
    if (b.loop !== undefined && typeof b.loop !== 'boolean') return { field: 'loop', msg: 'loop must be a boolean' };
    const k = (b.keyframes ?? {}) as Record<string, unknown>;
    for (const name of ['frame0', 'frame1']) {
      const bad = badKeyframe(k[name]);
      if (bad) return { field: `keyframes.${name}`, msg: bad };
    }
    return null;
  }

  function checkAgents(b: Record<string, unknown>): { field: string; msg: string } | null {
    if (b.model !== 'ray-3.2') return { field: 'model', msg: 'model must be ray-3.2 for video' };
    if (b.type !== 'video') return { field: 'type', msg: 'this fake makes type video only' };
    if (typeof b.prompt !== 'string' || b.prompt.length < 1 || b.prompt.length > 6000) return { field: 'prompt', msg: 'prompt must be 1–6000 characters' };
    if (b.aspect_ratio !== undefined && !AGENTS_ASPECTS.includes(String(b.aspect_ratio))) return { field: 'aspect_ratio', msg: 'unsupported aspect ratio for video' };
    const v = (b.video ?? {}) as Record<string, unknown>;
    if (v.duration !== undefined && !['5s', '10s'].includes(String(v.duration))) return { field: 'video.duration', msg: 'duration must be 5s or 10s' };
    if (v.resolution !== undefined && !['540p', '720p', '1080p'].includes(String(v.resolution))) return { field: 'video.resolution', msg: 'resolution must be 540p, 720p or 1080p' };
    if (v.loop === true && v.duration === '10s') return { field: 'video.loop', msg: 'loop is not available with 10s' };
    for (const name of ['start_frame', 'end_frame']) {
      const bad = badImageRef(v[name]);
      if (bad) return { field: `video.${name}`, msg: bad };
    }
    return null;
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  fake.host = `127.0.0.1:${port}`;
  fake.dreamMachineUrl = `http://127.0.0.1:${port}/dream-machine/v1`;
  fake.agentsUrl = `http://127.0.0.1:${port}/v1`;
  return fake;
}

/** Settings pointing a Backlot at this fake (read when the harness starts), with `extra` added. */
export function lumaFakeEnv(fake: () => LumaFake, extra: Record<string, string> = {}, sealByte = 7): Record<string, string> {
  const env: Record<string, string> = { BACKLOT_SECRET_KEY: Buffer.alloc(32, sealByte).toString('base64'), BACKLOT_POLL_SECONDS: '1' };
  Object.defineProperties(env, {
    BACKLOT_LUMA_URL: { enumerable: true, get: () => fake().dreamMachineUrl },
    BACKLOT_LUMA_AGENTS_URL: { enumerable: true, get: () => fake().agentsUrl },
    BACKLOT_PROVIDER_ALLOW_HOSTS: { enumerable: true, get: () => fake().host },
  });
  return Object.assign(env, extra);
}
