/**
 * A fake Kling API speaking its protocol as PROVIDERS.md §4 and §9.2 describe it: a JWT per request
 * (HS256 signature, `iss`, `exp` and `nbf` checked here against configured access/secret key pairs,
 * independently of Backlot's signer) answered with codes 1000–1004; `POST`/`GET` under
 * `/v1/videos/{text2video|image2video|multi-image2video}[/{task_id}]`, lists with
 * `pageNum`/`pageSize`; the `{code, message, request_id, data}` envelope with an HTTP status; statuses
 * `submitted → processing → succeed | failed`; `duration` as a string; `external_task_id` echoed in
 * `task_info`; millisecond timestamps; unsigned callbacks (the bare task object) to `callback_url` on
 * every status change; output URLs that stop working (403) once expired, a fresh GET giving new ones.
 *
 * Tests steer it like the Seedance fake: faults for the next create (HTTP status and code; the task
 * made but its answer cut short as broken JSON, or sent after the client's deadline), and markers in
 * the prompt: `[fake:moderation]` refuses the create with 1301, `[fake:fail]` fails the task.
 */
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeFakeClip } from './fake-clip.ts';

type Kind = 'text2video' | 'image2video' | 'multi-image2video';

export interface KlingFakeTask {
  id: string;
  kind: Kind;
  accessKey: string;
  body: Record<string, unknown>;
  status: 'submitted' | 'processing' | 'succeed' | 'failed';
  statusMsg: string;
  polls: number;
  createdAt: number;
  updatedAt: number;
  outcome: 'ok' | 'fail';
}

type Fault = { status: number; code: number; message?: string } | 'malformed' | { delayMs: number };

export interface KlingFake {
  /** `http://127.0.0.1:PORT` (Kling's paths start at `/v1`). */
  baseUrl: string;
  host: string;
  /** Access key → secret key pairs the fake accepts. */
  keys: Map<string, string>;
  pollsSubmitted: number;
  pollsProcessing: number;
  /**
   * Opt-in (0, the default, keeps one step per poll): a task moves by its age instead, to its
   * second status at half of this many ms after its creation and to its end at all of it.
   */
  latencyMs: number;
  outputTtlSec: number;
  /** Every create body received after auth, in order. */
  creates: Array<Record<string, unknown>>;
  /** Creates per `external_task_id`. */
  createsByExternalId(): Map<string, number>;
  /** Every token's payload seen, in order. */
  tokens: Array<{ iss: string; exp: number; nbf: number }>;
  /** Whether to POST callbacks (off: they are only recorded). */
  postCallbacks: boolean;
  callbacks: Array<{ url: string; body: Record<string, unknown> }>;
  failNextCreate(fault: Fault): void;
  expireSignedUrls(): void;
  tasks: Map<string, KlingFakeTask>;
  close(): Promise<void>;
}

function envelope(res: ServerResponse, status: number, code: number, message: string, data: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ code, message, request_id: randomUUID(), data }));
}

const fail = (res: ServerResponse, status: number, code: number, message: string) => envelope(res, status, code, message, null);

/** The access key of a valid token, or the 1000-series code and words refusing it (§4.5). */
function checkToken(header: string | undefined, keys: Map<string, string>, seen: KlingFake['tokens']): { accessKey: string } | { code: number; message: string } {
  if (!header) return { code: 1001, message: 'Authorization header is empty' };
  const m = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(header);
  if (!m) return { code: 1002, message: 'Authorization is invalid' };
  let head: { alg?: string; typ?: string };
  let payload: { iss?: string; exp?: number; nbf?: number };
  try {
    head = JSON.parse(Buffer.from(m[1], 'base64url').toString());
    payload = JSON.parse(Buffer.from(m[2], 'base64url').toString());
  } catch {
    return { code: 1002, message: 'Authorization is invalid' };
  }
  const secret = payload.iss ? keys.get(payload.iss) : undefined;
  if (head.alg !== 'HS256' || !secret) return { code: 1000, message: 'Authentication failed' };
  const expected = createHmac('sha256', secret).update(`${m[1]}.${m[2]}`).digest();
  const given = Buffer.from(m[3], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { code: 1000, message: 'Authentication failed' };
  const now = Date.now() / 1000;
  if (typeof payload.nbf !== 'number' || payload.nbf > now) return { code: 1003, message: 'Authorization is not yet valid' };
  if (typeof payload.exp !== 'number' || payload.exp <= now) return { code: 1004, message: 'Authorization has expired' };
  seen.push({ iss: payload.iss!, exp: payload.exp, nbf: payload.nbf });
  return { accessKey: payload.iss! };
}

export async function startKlingFake(options: { clipSeconds?: number } = {}): Promise<KlingFake> {
  const dir = mkdtempSync(join(tmpdir(), 'backlot-kling-fake-'));
  const file = join(dir, 'clip.mp4');
  makeFakeClip(file, { seconds: options.clipSeconds ?? 4 });
  const clip = readFileSync(file);
  const tasks = new Map<string, KlingFakeTask>();
  const faults: Fault[] = [];
  let epoch = 0;
  let n = 0;

  const fake: KlingFake = {
    baseUrl: '',
    host: '',
    keys: new Map(),
    pollsSubmitted: 1,
    pollsProcessing: 1,
    latencyMs: 0,
    outputTtlSec: 3600,
    creates: [],
    createsByExternalId() {
      const out = new Map<string, number>();
      for (const c of fake.creates) out.set(String(c.external_task_id), (out.get(String(c.external_task_id)) ?? 0) + 1);
      return out;
    },
    tokens: [],
    postCallbacks: false,
    callbacks: [],
    failNextCreate: (f) => void faults.push(f),
    expireSignedUrls: () => void (epoch += 1),
    tasks,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        rmSync(dir, { recursive: true, force: true });
      }),
  };

  function signedUrl(t: KlingFakeTask): string {
    const signed = Math.floor(Date.now() / 1000);
    const sig = createHash('sha256').update(`${t.id}:${epoch}:${signed}`).digest('hex').slice(0, 24);
    return `http://${fake.host}/cdn/${t.id}.mp4?expires=${signed + fake.outputTtlSec}&epoch=${epoch}&sig=${sig}`;
  }

  function view(t: KlingFakeTask) {
    return {
      task_id: t.id,
      task_status: t.status,
      task_status_msg: t.statusMsg,
      task_info: { external_task_id: t.body.external_task_id ?? null },
      task_result: t.status === 'succeed' ? { videos: [{ id: `${t.id}-v0`, url: signedUrl(t), duration: String(t.body.duration ?? '5') }] } : {},
      created_at: t.createdAt,
      updated_at: t.updatedAt,
    };
  }

  function changed(t: KlingFakeTask) {
    t.updatedAt = Date.now();
    const url = t.body.callback_url;
    if (typeof url !== 'string') return;
    // The callback body is the bare task object, with the units charged (§4.4); no signature.
    const body = { ...view(t), final_unit_deduction: t.status === 'succeed' ? '3' : '0' };
    fake.callbacks.push({ url, body });
    if (fake.postCallbacks) void fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).catch(() => undefined);
  }

  function advance(t: KlingFakeTask) {
    t.polls += 1;
    if (fake.latencyMs > 0) {
      const age = Date.now() - t.createdAt;
      const polls = age >= fake.latencyMs ? fake.pollsSubmitted + fake.pollsProcessing + 1 : age >= fake.latencyMs / 2 ? fake.pollsSubmitted + 1 : 0;
      // Both steps at once when its age has passed both.
      step(t, polls);
      step(t, polls);
    } else step(t, t.polls);
  }

  function step(t: KlingFakeTask, polls: number) {
    if (t.status === 'submitted' && polls > fake.pollsSubmitted) {
      t.status = 'processing';
      changed(t);
    } else if (t.status === 'processing' && polls > fake.pollsSubmitted + fake.pollsProcessing) {
      if (t.outcome === 'fail') {
        t.status = 'failed';
        t.statusMsg = 'Video generation failed, please try again';
      } else t.status = 'succeed';
      changed(t);
    }
  }

  /** Checks a create's fields as Kling does, or says which is wrong (code 1201). */
  function problemOf(kind: Kind, body: Record<string, unknown>): string | null {
    if (typeof body.model_name !== 'string' || !/^kling-/.test(body.model_name)) return 'model_name is invalid';
    if (typeof body.prompt !== 'string' || body.prompt.length > 2500) return 'prompt is invalid';
    if (typeof body.duration !== 'string' || !/^\d+$/.test(body.duration)) return 'duration must be a string of seconds';
    if (body.mode !== undefined && body.mode !== 'std' && body.mode !== 'pro') return 'mode is invalid';
    if (body.aspect_ratio !== undefined && !['16:9', '9:16', '1:1'].includes(String(body.aspect_ratio))) return 'aspect_ratio is invalid';
    if (body.sound !== undefined && body.sound !== 'on' && body.sound !== 'off') return 'sound is invalid';
    const image = (v: unknown) => typeof v === 'string' && (/^https?:\/\//.test(v) || (/^[A-Za-z0-9+/=]+$/.test(v) && !v.startsWith('data:')));
    if (kind === 'image2video') {
      if (body.image === undefined && body.image_tail === undefined) return 'image is required';
      if (body.image !== undefined && !image(body.image)) return 'image must be a URL or raw base64';
      if (body.image_tail !== undefined && !image(body.image_tail)) return 'image_tail must be a URL or raw base64';
    }
    if (kind === 'multi-image2video') {
      const list = body.image_list;
      if (!Array.isArray(list) || list.length < 1 || list.length > 4 || !list.every((i) => image((i as { image?: unknown }).image))) return 'image_list must hold 1 to 4 images';
    }
    return null;
  }

  function create(kind: Kind, accessKey: string, text: string, res: ServerResponse, how: Fault | undefined) {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text);
    } catch {
      return fail(res, 400, 1200, 'Request body is not valid JSON');
    }
    const problem = problemOf(kind, body);
    if (problem) return fail(res, 400, 1201, problem);
    if (typeof body.external_task_id === 'string' && [...tasks.values()].some((t) => t.accessKey === accessKey && t.body.external_task_id === body.external_task_id))
      return fail(res, 400, 1201, 'external_task_id already exists');
    if (String(body.prompt).includes('[fake:moderation]')) return fail(res, 400, 1301, 'Prompt triggered content safety review');
    n += 1;
    const at = Date.now();
    const t: KlingFakeTask = {
      id: String(867283741759000000n + BigInt(n)),
      kind,
      accessKey,
      body,
      status: 'submitted',
      statusMsg: '',
      polls: 0,
      createdAt: at,
      updatedAt: at,
      outcome: String(body.prompt).includes('[fake:fail]') ? 'fail' : 'ok',
    };
    tasks.set(t.id, t);
    fake.creates.push(body);
    const answer = {
      code: 0,
      message: 'SUCCEED',
      request_id: randomUUID(),
      data: { task_id: t.id, task_status: t.status, task_info: { external_task_id: body.external_task_id ?? null }, created_at: at, updated_at: at },
    };
    if (how === 'malformed') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify(answer).slice(0, 14));
    }
    if (how && 'delayMs' in how) {
      return void setTimeout(() => {
        if (!res.destroyed) envelope(res, 200, 0, 'SUCCEED', answer.data);
      }, how.delayMs);
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer));
  }

  const server: Server = createServer(async (req: IncomingMessage, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    let text = '';
    try {
      for await (const chunk of req) text += chunk;
    } catch {
      return;
    }
    const cdn = /^\/cdn\/(\d+)\.mp4$/.exec(url.pathname);
    if (cdn) {
      const t = tasks.get(cdn[1]);
      const expired = Number(url.searchParams.get('epoch')) !== epoch || Date.now() / 1000 > Number(url.searchParams.get('expires'));
      if (t?.status !== 'succeed' || expired) {
        res.writeHead(403, { 'content-type': 'application/xml' });
        return res.end('<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
      }
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(clip.length) });
      return res.end(clip);
    }
    const auth = checkToken(req.headers.authorization, fake.keys, fake.tokens);
    if ('code' in auth) return fail(res, 401, auth.code, auth.message);
    const m = /^\/v1\/videos\/(text2video|image2video|multi-image2video)(?:\/([^/]+))?$/.exec(url.pathname);
    if (!m) return fail(res, 404, 1200, 'No such endpoint');
    const kind = m[1] as Kind;
    if (!m[2] && req.method === 'POST') {
      const fault = faults.shift();
      if (fault && fault !== 'malformed' && !('delayMs' in fault)) return fail(res, fault.status, fault.code, fault.message ?? `Fault ${fault.code}`);
      return create(kind, auth.accessKey, text, res, fault);
    }
    if (!m[2] && req.method === 'GET') {
      const page = Number(url.searchParams.get('pageNum') ?? 1);
      const size = Number(url.searchParams.get('pageSize') ?? 30);
      const mine = [...tasks.values()].filter((t) => t.accessKey === auth.accessKey && t.kind === kind).sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id));
      return envelope(res, 200, 0, 'SUCCEED', mine.slice((page - 1) * size, page * size).map(view));
    }
    const t = tasks.get(decodeURIComponent(m[2] ?? ''));
    if (req.method === 'GET' && t && t.accessKey === auth.accessKey && t.kind === kind) {
      advance(t);
      return envelope(res, 200, 0, 'SUCCEED', view(t));
    }
    return fail(res, 404, 1203, 'Task not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  fake.host = `127.0.0.1:${port}`;
  fake.baseUrl = `http://127.0.0.1:${port}`;
  return fake;
}

/** Settings pointing a Backlot at this fake (read when the harness starts), like seedanceFakeEnv. */
export function klingFakeEnv(fake: () => KlingFake, extra: Record<string, string> = {}, sealByte = 11): Record<string, string> {
  const env: Record<string, string> = { BACKLOT_SECRET_KEY: Buffer.alloc(32, sealByte).toString('base64'), BACKLOT_POLL_SECONDS: '1' };
  Object.defineProperties(env, {
    BACKLOT_KLING_URL: { enumerable: true, get: () => fake().baseUrl },
    BACKLOT_PROVIDER_ALLOW_HOSTS: { enumerable: true, get: () => fake().host },
  });
  return Object.assign(env, extra);
}
