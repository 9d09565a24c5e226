/**
 * A fake BytePlus ModelArk speaking Seedance's task protocol as PROVIDERS.md §1 and §9.2 describe
 * it: Bearer keys, `/api/v3/contents/generations/tasks` (create, get, list as `{total, items}`,
 * delete), the `{error:{code,message,type}}` envelope, statuses `queued → running → succeeded |
 * failed | expired`, `cancelled` from `queued` only, token usage, and output URLs signed with an
 * `X-Tos-Expires` that answer 403 once expired (a fresh GET of the task signs a new one).
 *
 * Tests steer it: faults for the next create (HTTP status and code; or the task made but its
 * answer cut short as broken JSON, or sent after the client's deadline), and per-task outcomes chosen by a marker in the prompt:
 * `[fake:moderation]` fails the task on output moderation, `[fake:expire]` lets it expire,
 * `[fake:fps30]` returns a 30 fps clip, `[fake:h265]` a 1080p H.265 one. It counts creates per seed, records every create body,
 * and keeps the peak of tasks in flight per key. With `latencyMs` a task ends that long after it
 * was created, polled or not (as a real provider's do); with `createDelayMs` a create is recorded
 * at once but answered that much later, so a client can die between sending and hearing the id.
 *
 * It also plays the asset library (§1.3.2): a Volcengine-style OpenAPI at `/?Action=…&Version=…`
 * checked against AK/SK `HMAC-SHA256` signatures (verified here independently of Backlot's signer),
 * with groups, assets that go `Processing → Active` (or `Failed` when told), and deletes it records.
 * Like the real service it refuses a real face sent inline (`InputImageSensitiveContentDetected.
 * PrivacyInformation`): pictures it has registered as assets, and any the test lists in `faces`, are
 * faces. An `asset://` reference is accepted only for an asset it lists as `Active`.
 */
import { execFile } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { makeFakeClip } from './fake-clip.ts';

interface FakeTask {
  id: string;
  key: string;
  model: string;
  body: Record<string, unknown>;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'expired' | 'cancelled';
  polls: number;
  createdAt: number;
  /** Creation time in ms, for `latencyMs`. */
  createdMs: number;
  updatedAt: number;
  outcome: 'ok' | 'moderation' | 'expire';
  /** The clip it returns: 320×180 H.264 at 24 or 30 fps, or 1920×1080 H.265 at 24 fps. */
  clip: 'h264-24' | 'h264-30' | 'h265-1080p';
  error: { code: string; message: string } | null;
}

export interface SeedanceFake {
  /** `http://127.0.0.1:PORT/api/v3`. */
  baseUrl: string;
  host: string;
  /** Keys the fake accepts. */
  keys: Set<string>;
  /** Polls a task stays queued, then running, before it ends. */
  pollsQueued: number;
  pollsRunning: number;
  /** When above 0: every task runs this long from its creation, then ends, whoever polls it (polls no longer move it). */
  latencyMs: number;
  /** When above 0: a create is recorded at once and answered this much later. */
  createDelayMs: number;
  /** Lifetime of signed output URLs, seconds. */
  outputTtlSec: number;
  /** Seconds drafts are made to look younger by (negative: older), for the 7-day window. */
  draftAgeSec: number;
  /** Every create body received, in order (after auth), and creates per seed. */
  creates: Array<Record<string, unknown>>;
  createsBySeed(): Map<number, number>;
  /** Highest number of tasks queued or running at once, per key. */
  peakInFlight: Map<string, number>;
  /** Highest number of tasks queued or running at once, all keys together. */
  peakInFlightAll: number;
  /** Authorization headers seen, every request. */
  authorizations: string[];
  /** Faults for the next creates, in order. */
  failNextCreate(fault: { status: number; code: string; message?: string } | 'malformed' | { delayMs: number }): void;
  /** Makes every output URL signed so far answer 403 (as if their time had passed). */
  expireSignedUrls(): void;
  /** Output downloads answered 403 so far. */
  expiredDownloads: number;
  tasks: Map<string, FakeTask>;
  /** `http://127.0.0.1:PORT`, the asset library's OpenAPI host. */
  assetUrl: string;
  /** Access key ids the asset library accepts, with their secret access keys. */
  accessKeys: Map<string, string>;
  /** SHA-256 of pictures that show a real face: refused when sent inline. */
  faces: Set<string>;
  /** GetAsset answers `Processing` this many times before the asset's final status. */
  assetPollsProcessing: number;
  /** The next CreateAsset makes an asset that ends `Failed` with this reason. */
  failNextAsset(reason: string): void;
  /** The next `n` DeleteAsset calls answer HTTP 500. */
  failNextAssetDeletes(n: number): void;
  /** Every asset-library call, in order: action and the access key id that signed it. */
  assetCalls: Array<{ action: string; accessKeyId: string }>;
  /** Asset ids deleted, in order. */
  assetDeletes: string[];
  assets: Map<string, FakeAsset>;
  close(): Promise<void>;
}

export interface FakeAsset {
  id: string;
  groupId: string;
  sha256: string;
  status: 'Processing' | 'Active' | 'Failed';
  polls: number;
  outcome: 'Active' | 'Failed';
  reason: string | null;
}

const SIDES: Record<string, number> = { '480p': 480, '720p': 720, '1080p': 1080 };

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function arkError(res: ServerResponse, status: number, code: string, message: string, type = 'BadRequest') {
  json(res, status, { error: { code, message: `${message} Request ID: 0217fake${Date.now()}`, type } });
}

/** How a create's answer goes out: at once, late (a client that gave up gets nothing), or cut short as broken JSON. */
type Delivery = 'now' | { delayMs: number } | 'malformed';

function deliver(res: ServerResponse, how: Delivery, body: unknown) {
  if (how === 'malformed') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify(body).slice(0, 12));
  }
  if (how === 'now') return json(res, 200, body);
  setTimeout(() => {
    if (!res.destroyed) json(res, 200, body);
  }, how.delayMs);
}

/** Answers in the Volcengine OpenAPI envelope, with an error or a result. */
function openApi(res: ServerResponse, action: string, status: number, result: unknown, error?: { Code: string; Message: string }) {
  json(res, status, {
    ResponseMetadata: { RequestId: `fake${Date.now()}`, Action: action, Version: '2024-01-01', Service: 'ark', Region: 'cn-beijing', ...(error ? { Error: error } : {}) },
    ...(error ? {} : { Result: result }),
  });
}

/** The access key id when the request carries a valid Volcengine HMAC-SHA256 signature, else why not. */
function checkSignature(req: IncomingMessage, url: URL, body: string, keys: Map<string, string>): { accessKeyId: string } | { problem: string } {
  const m = /^HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(req.headers.authorization ?? '');
  if (!m) return { problem: 'MissingAuthenticationToken' };
  const [, ak, date, region, service, signedHeaders, signature] = m;
  const sk = keys.get(ak);
  if (!sk) return { problem: 'InvalidAccessKey' };
  const xDate = String(req.headers['x-date'] ?? '');
  const bodyHash = createHash('sha256').update(body).digest('hex');
  if (req.headers['x-content-sha256'] !== bodyHash || !xDate.startsWith(date)) return { problem: 'SignatureDoesNotMatch' };
  const enc = (v: string) => encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const query = [...url.searchParams.entries()]
    .map(([k, v]) => `${enc(k)}=${enc(v)}`)
    .sort()
    .join('&');
  const names = signedHeaders.split(';');
  const canonical = `${req.method}\n${url.pathname}\n${query}\n${names.map((n) => `${n}:${String(req.headers[n] ?? '').trim()}\n`).join('')}\n${signedHeaders}\n${bodyHash}`;
  const scope = `${date}/${region}/${service}/request`;
  const toSign = `HMAC-SHA256\n${xDate}\n${scope}\n${createHash('sha256').update(canonical).digest('hex')}`;
  let k: Buffer = createHmac('sha256', sk).update(date).digest();
  for (const part of [region, service, 'request']) k = createHmac('sha256', k).update(part).digest();
  return createHmac('sha256', k).update(toSign).digest('hex') === signature ? { accessKeyId: ak } : { problem: 'SignatureDoesNotMatch' };
}

async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

/**
 * Starts the fake on a free port. Its clips are made here with ffmpeg: 320×180 H.264, `clipSeconds`
 * long (4 unless said), and — for Seedance 2.5 at 1080p, which is encoded H.265 (§1.3), or the
 * `[fake:h265]` marker — 1 s of 1920×1080 H.265, made the first time it is asked for.
 */
export async function startSeedanceFake(options: { clipSeconds?: number } = {}): Promise<SeedanceFake> {
  const dir = mkdtempSync(join(tmpdir(), 'backlot-seedance-fake-'));
  const clip = (fps: number) => {
    const file = join(dir, `clip-${fps}.mp4`);
    makeFakeClip(file, { seconds: options.clipSeconds ?? 4 }, fps);
    return readFileSync(file);
  };
  const small = { 'h264-24': clip(24), 'h264-30': clip(30) };
  let hevc: Promise<Buffer> | undefined;
  const clipOf = (kind: FakeTask['clip']): Promise<Buffer> => {
    if (kind !== 'h265-1080p') return Promise.resolve(small[kind]);
    const file = join(dir, 'clip-h265-1080p.mp4');
    // hvc1 is the sample entry players (and ffprobe) expect of H.265 in MP4.
    hevc ??= promisify(execFile)('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=1920x1080:rate=24',
      '-t',
      '1',
      '-pix_fmt',
      'yuv420p',
      '-c:v',
      'libx265',
      '-preset',
      'ultrafast',
      '-x265-params',
      'log-level=error',
      '-tag:v',
      'hvc1',
      file,
    ]).then(() => readFileSync(file));
    return hevc;
  };
  const tasks = new Map<string, FakeTask>();
  const faults: Array<{ status: number; code: string; message?: string } | 'malformed' | { delayMs: number }> = [];
  let signingEpoch = 0;
  let n = 0;
  let assetN = 0;
  const assetFaults: string[] = [];
  let deleteFaults = 0;
  const groups = new Set<string>();
  const now = () => Math.floor(Date.now() / 1000);

  const fake: SeedanceFake = {
    baseUrl: '',
    host: '',
    keys: new Set(),
    pollsQueued: 1,
    pollsRunning: 1,
    latencyMs: 0,
    createDelayMs: 0,
    outputTtlSec: 86_400,
    draftAgeSec: 0,
    creates: [],
    createsBySeed() {
      const out = new Map<number, number>();
      for (const c of fake.creates) out.set(Number(c.seed), (out.get(Number(c.seed)) ?? 0) + 1);
      return out;
    },
    peakInFlight: new Map(),
    peakInFlightAll: 0,
    authorizations: [],
    failNextCreate: (f) => void faults.push(f),
    expireSignedUrls: () => void (signingEpoch += 1),
    expiredDownloads: 0,
    tasks,
    assetUrl: '',
    accessKeys: new Map(),
    faces: new Set(),
    assetPollsProcessing: 1,
    failNextAsset: (reason) => void assetFaults.push(reason),
    failNextAssetDeletes: (count) => void (deleteFaults += count),
    assetCalls: [],
    assetDeletes: [],
    assets: new Map(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        rmSync(dir, { recursive: true, force: true });
      }),
  };

  const inFlight = (key?: string) => [...tasks.values()].filter((t) => (key === undefined || t.key === key) && (settle(t), t.status === 'queued' || t.status === 'running')).length;

  function signedUrl(t: FakeTask): string {
    const signature = createHash('sha256').update(`${t.id}:${signingEpoch}:${t.updatedAt}`).digest('hex').slice(0, 24);
    return `http://${fake.host}/tos/${t.id}/video.mp4?X-Tos-Expires=${fake.outputTtlSec}&X-Tos-Signed=${now()}&X-Tos-Epoch=${signingEpoch}&X-Tos-Signature=${signature}`;
  }

  function tokens(t: FakeTask): number {
    // width × height × (24 × duration + 1) / 1024, the resolution tier being the short side.
    const short = SIDES[String(t.body.resolution ?? '720p')] ?? 720;
    const [a, b] = String(t.body.ratio === 'adaptive' ? '16:9' : (t.body.ratio ?? '16:9'))
      .split(':')
      .map(Number);
    const long = Math.round((short * Math.max(a, b)) / Math.min(a, b) / 2) * 2;
    return Math.floor((long * short * (24 * Number(t.body.duration) + 1)) / 1024);
  }

  function view(t: FakeTask) {
    return {
      id: t.id,
      model: t.model,
      status: t.status,
      error: t.error,
      content: t.status === 'succeeded' ? { video_url: signedUrl(t) } : null,
      usage: t.status === 'succeeded' ? { completion_tokens: tokens(t), total_tokens: tokens(t) } : null,
      created_at: t.createdAt,
      updated_at: now(),
      seed: t.body.seed,
      resolution: t.body.resolution,
      ratio: t.body.ratio,
      duration: t.body.duration,
      framespersecond: t.clip === 'h264-30' ? 30 : 24,
      generate_audio: t.body.generate_audio ?? false,
      draft: t.body.draft ?? false,
      service_tier: 'default',
      execution_expires_after: 172_800,
    };
  }

  /** Ends a task the way its prompt asked. */
  function end(t: FakeTask) {
    if (t.outcome === 'moderation') {
      t.status = 'failed';
      t.error = { code: 'OutputVideoSensitiveContentDetected', message: 'The generated video may contain sensitive content.' };
    } else if (t.outcome === 'expire') t.status = 'expired';
    else t.status = 'succeeded';
    t.updatedAt = now();
  }

  /** With `latencyMs`, brings a task to where its age puts it: running, then ended. */
  function settle(t: FakeTask) {
    if (fake.latencyMs <= 0 || (t.status !== 'queued' && t.status !== 'running')) return;
    const age = Date.now() - t.createdMs;
    if (age >= fake.latencyMs) end(t);
    else if (age >= fake.latencyMs / 2) t.status = 'running';
  }

  /** One GET moves a task one step along its way (or, with `latencyMs`, shows where its age put it). */
  function advance(t: FakeTask) {
    t.polls += 1;
    if (fake.latencyMs > 0) return settle(t);
    if (t.status === 'queued' && t.polls > fake.pollsQueued) t.status = 'running';
    else if (t.status === 'running' && t.polls > fake.pollsQueued + fake.pollsRunning) end(t);
  }

  /** Creates a task; a fault in `how` spoils only the answer, after the task exists (as a proxy or a slow network would). */
  async function create(key: string, text: string, res: ServerResponse, how: Delivery = 'now') {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text);
    } catch {
      return arkError(res, 400, 'InvalidParameter', 'The request body is not valid JSON.');
    }
    const content = Array.isArray(body.content) ? (body.content as Array<Record<string, unknown>>) : undefined;
    if (typeof body.model !== 'string') return arkError(res, 400, 'MissingParameter', 'The parameter `model` is required.');
    if (!content?.length) return arkError(res, 400, 'MissingParameter', 'The parameter `content` is required.');
    if (!/^(dreamina-|doubao-)?seedance-/.test(body.model))
      return arkError(res, 404, 'InvalidEndpoint.NotFound', `The model ${body.model} does not exist or you do not have access to it.`, 'NotFound');
    const draftItem = content.find((c) => c.type === 'draft_task')?.draft_task as { id?: string } | undefined;
    if (draftItem) {
      // A final: the draft's task alone, within 7 days of the draft (§1.3.1).
      const draft = draftItem.id ? tasks.get(draftItem.id) : undefined;
      if (content.length !== 1) return arkError(res, 400, 'InvalidParameter', 'A draft_task item must be the only content item.');
      if (draft?.body.draft !== true || draft.status !== 'succeeded') return arkError(res, 400, 'InvalidParameter', `The draft task ${draftItem.id} does not exist or is not a finished draft.`);
      if (now() - draft.createdAt > 7 * 86_400 + fake.draftAgeSec) return arkError(res, 400, 'InvalidParameter', 'The draft task has expired.');
      body = { ...draft.body, model: body.model, draft: false, resolution: body.resolution ?? '1080p', draft_task: draftItem.id };
    }
    const model = String(body.model);
    const frameTask = content.some((c) => c.role === 'first_frame' || c.role === 'last_frame');
    if (/2-5/.test(model) && frameTask && body.ratio !== 'adaptive') return arkError(res, 400, 'InvalidParameter.TaskTypeConstraint', 'The ratio must be adaptive for a first-frame task.');
    if (body.draft === true && body.resolution !== '480p') return arkError(res, 400, 'InvalidParameter', 'A draft is rendered at 480p only.');
    for (const c of content) {
      const url = (c.image_url as { url?: string } | undefined)?.url;
      if (url !== undefined && !/^(https?:\/\/|data:image\/(png|jpeg|webp);base64,|asset:\/\/)/.test(url))
        return arkError(res, 400, 'InvalidParameter', `The image url ${url.slice(0, 40)} is not a URL, data URI or asset.`);
      if (url?.startsWith('data:')) {
        const sha = createHash('sha256')
          .update(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'))
          .digest('hex');
        if (fake.faces.has(sha))
          return arkError(res, 400, 'InputImageSensitiveContentDetected.PrivacyInformation', 'The input image may contain real person information. Use an asset from the asset library instead.');
      }
      if (url?.startsWith('asset://')) {
        const asset = fake.assets.get(url.slice('asset://'.length));
        if (asset?.status !== 'Active') return arkError(res, 400, 'InvalidParameter', `The asset ${url} does not exist or is not active.`);
      }
    }
    const prompt = String((body.content as Array<Record<string, unknown>>).find((c) => c.type === 'text')?.text ?? '');
    n += 1;
    const at = now();
    const stamp = new Date(at * 1000).toISOString().replace(/\D/g, '').slice(0, 14);
    const t: FakeTask = {
      id: `cgt-${stamp}-${String(n).padStart(5, '0')}`,
      key,
      model,
      body,
      status: 'queued',
      polls: 0,
      createdAt: at,
      createdMs: Date.now(),
      updatedAt: at,
      outcome: prompt.includes('[fake:moderation]') ? 'moderation' : prompt.includes('[fake:expire]') ? 'expire' : 'ok',
      clip: prompt.includes('[fake:h265]') || (/2-5/.test(model) && body.resolution === '1080p') ? 'h265-1080p' : prompt.includes('[fake:fps30]') ? 'h264-30' : 'h264-24',
      error: null,
    };
    tasks.set(t.id, t);
    // Made while the task runs, as the real one renders: the download then finds it ready.
    void clipOf(t.clip);
    fake.creates.push(body);
    fake.peakInFlight.set(key, Math.max(fake.peakInFlight.get(key) ?? 0, inFlight(key)));
    fake.peakInFlightAll = Math.max(fake.peakInFlightAll, inFlight());
    if (fake.createDelayMs > 0) {
      await new Promise((r) => setTimeout(r, fake.createDelayMs));
      if (res.destroyed) return;
    }
    deliver(res, how, { id: t.id });
  }

  /** One asset-library action, after checking its signature. */
  function assetAction(action: string, req: IncomingMessage, url: URL, text: string, res: ServerResponse) {
    const signed = checkSignature(req, url, text, fake.accessKeys);
    if ('problem' in signed) return openApi(res, action, 401, null, { Code: signed.problem, Message: 'The request signature could not be verified.' });
    fake.assetCalls.push({ action, accessKeyId: signed.accessKeyId });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text);
    } catch {
      return openApi(res, action, 400, null, { Code: 'InvalidParameter', Message: 'The body is not JSON.' });
    }
    const asset = typeof body.AssetId === 'string' ? fake.assets.get(body.AssetId) : undefined;
    switch (action) {
      case 'CreateAssetGroup': {
        const id = `group-${groups.size + 1}`;
        groups.add(id);
        return openApi(res, action, 200, { GroupId: id });
      }
      case 'CreateAsset': {
        if (typeof body.GroupId !== 'string' || !groups.has(body.GroupId)) return openApi(res, action, 404, null, { Code: 'ResourceNotFound.Group', Message: 'The asset group does not exist.' });
        const data = typeof body.Url === 'string' && /^data:image\/(png|jpeg|webp);base64,/.test(body.Url) ? Buffer.from(body.Url.slice(body.Url.indexOf(',') + 1), 'base64') : null;
        if (body.AssetType !== 'Image' || !data) return openApi(res, action, 400, null, { Code: 'InvalidParameter', Message: 'An Image asset needs a data URI or URL.' });
        const sha256 = createHash('sha256').update(data).digest('hex');
        fake.faces.add(sha256);
        assetN += 1;
        const reason = assetFaults.shift();
        const a: FakeAsset = {
          id: `asset-${String(assetN).padStart(4, '0')}`,
          groupId: body.GroupId,
          sha256,
          status: 'Processing',
          polls: 0,
          outcome: reason ? 'Failed' : 'Active',
          reason: reason ?? null,
        };
        fake.assets.set(a.id, a);
        return openApi(res, action, 200, { AssetId: a.id });
      }
      case 'GetAsset': {
        if (!asset) return openApi(res, action, 404, null, { Code: 'ResourceNotFound', Message: 'The asset does not exist.' });
        asset.polls += 1;
        if (asset.status === 'Processing' && asset.polls > fake.assetPollsProcessing) asset.status = asset.outcome;
        return openApi(res, action, 200, { AssetId: asset.id, GroupId: asset.groupId, Status: asset.status, ...(asset.status === 'Failed' ? { FailureReason: asset.reason } : {}) });
      }
      case 'DeleteAsset': {
        if (deleteFaults > 0) {
          deleteFaults -= 1;
          return openApi(res, action, 500, null, { Code: 'InternalError', Message: 'The service is temporarily unavailable.' });
        }
        if (!asset) return openApi(res, action, 404, null, { Code: 'ResourceNotFound', Message: 'The asset does not exist.' });
        fake.assets.delete(asset.id);
        fake.assetDeletes.push(asset.id);
        return openApi(res, action, 200, {});
      }
      default:
        return openApi(res, action, 404, null, { Code: 'InvalidActionOrVersion', Message: `No action ${action}.` });
    }
  }

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    // A client killed while sending leaves half a request: nothing to answer.
    const text = await readBody(req).catch(() => null);
    if (text === null) return;

    // Output storage: signed URLs, no key.
    const tos = url.pathname.match(/^\/tos\/([^/]+)\/video\.mp4$/);
    if (tos) {
      const t = tasks.get(tos[1]);
      const signed = Number(url.searchParams.get('X-Tos-Signed'));
      const expired = Number(url.searchParams.get('X-Tos-Epoch')) !== signingEpoch || now() > signed + Number(url.searchParams.get('X-Tos-Expires'));
      if (!t || expired) {
        fake.expiredDownloads += 1;
        res.writeHead(403, { 'content-type': 'application/xml' });
        return res.end('<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
      }
      const bytes = await clipOf(t.clip);
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(bytes.length) });
      return res.end(bytes);
    }

    // The asset library: a Volcengine OpenAPI on the same host, AK/SK signed.
    const action = url.searchParams.get('Action');
    if (url.pathname === '/' && action) return assetAction(action, req, url, text, res);

    const auth = req.headers.authorization ?? '';
    fake.authorizations.push(auth);
    const key = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    if (!fake.keys.has(key)) return arkError(res, 401, 'AuthenticationError', 'The API key in the request is missing or invalid.', 'Unauthorized');

    const base = '/api/v3/contents/generations/tasks';
    if (url.pathname === base && req.method === 'POST') {
      const fault = faults.shift();
      if (fault === 'malformed' || (fault && 'delayMs' in fault)) return create(key, text, res, fault);
      if (fault)
        return arkError(res, fault.status, fault.code, fault.message ?? `Fault ${fault.code}.`, fault.status === 429 ? 'TooManyRequests' : fault.status >= 500 ? 'InternalServerError' : 'BadRequest');
      return create(key, text, res);
    }
    if (url.pathname === base && req.method === 'GET') {
      const page = Number(url.searchParams.get('page_num') ?? 1);
      const size = Number(url.searchParams.get('page_size') ?? 10);
      const model = url.searchParams.get('filter.model');
      const mine = [...tasks.values()].filter((t) => t.key === key && (!model || t.model === model) && (settle(t), true)).sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id));
      return json(res, 200, { total: mine.length, items: mine.slice((page - 1) * size, page * size).map(view) });
    }
    const one = url.pathname.startsWith(`${base}/`) ? tasks.get(decodeURIComponent(url.pathname.slice(base.length + 1))) : undefined;
    if (!one || one.key !== key) return arkError(res, 404, 'ResourceNotFound', 'The specified task does not exist.', 'NotFound');
    if (req.method === 'GET') {
      advance(one);
      return json(res, 200, view(one));
    }
    if (req.method === 'DELETE') {
      settle(one);
      if (one.status === 'queued') {
        one.status = 'cancelled';
        return json(res, 200, {});
      }
      if (one.status === 'running') return arkError(res, 400, 'InvalidAction.TaskRunning', 'A running task cannot be cancelled.');
      tasks.delete(one.id);
      return json(res, 200, {});
    }
    arkError(res, 404, 'InvalidEndpoint.NotFound', 'No such endpoint.', 'NotFound');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  fake.host = `127.0.0.1:${port}`;
  fake.baseUrl = `http://127.0.0.1:${port}/api/v3`;
  fake.assetUrl = `http://127.0.0.1:${port}`;
  return fake;
}

/**
 * The settings that point a Backlot at this fake: its addresses (read when the harness starts, as
 * the fake starts after the harness options are written), allowed although on loopback, a key
 * that seals provider keys, and a one-second poll; `extra` adds or overrides settings.
 */
export function seedanceFakeEnv(fake: () => SeedanceFake, extra: Record<string, string> = {}, sealByte = 7): Record<string, string> {
  const env: Record<string, string> = { BACKLOT_SECRET_KEY: Buffer.alloc(32, sealByte).toString('base64'), BACKLOT_POLL_SECONDS: '1' };
  Object.defineProperties(env, {
    BACKLOT_SEEDANCE_URL: { enumerable: true, get: () => fake().baseUrl },
    BACKLOT_SEEDANCE_ASSET_URL: { enumerable: true, get: () => fake().assetUrl },
    BACKLOT_PROVIDER_ALLOW_HOSTS: { enumerable: true, get: () => fake().host },
  });
  return Object.assign(env, extra);
}
