/**
 * A fake Runway API speaking its protocol as PROVIDERS.md §2 and §9.2 describe it, close enough
 * that the official `@runwayml/sdk` drives it: `Authorization: Bearer <key>` and
 * `X-Runway-Version: 2024-11-06` required on every request (401 / 400 otherwise); `POST
 * /v1/{image_to_video,text_to_video,video_to_video}` answering `{id}`; `GET /v1/tasks/{id}` with
 * statuses `PENDING → RUNNING → SUCCEEDED | FAILED`, `THROTTLED` while a key has more tasks running
 * than `concurrency`, `progress` while running, `output: [url]`, `failure` + `failureCode`;
 * `DELETE /v1/tasks/{id}` cancelling a pending, throttled or running task (`CANCELLED`) and
 * deleting any other; `GET /v1/organization`; errors as `{"error": "…"}`. Output URLs carry a
 * short-lived token and answer 401 once expired; each GET of the task signs fresh ones.
 *
 * Tests steer it like the Seedance fake: faults for the next create, and markers in the prompt:
 * `[fake:safety]` fails the task with `SAFETY.INPUT.TEXT`, `[fake:bad-output]` with
 * `INTERNAL.BAD_OUTPUT.CODE01`.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeFakeClip } from './fake-clip.ts';

export interface RunwayFakeTask {
  id: string;
  key: string;
  endpoint: string;
  body: Record<string, unknown>;
  status: 'PENDING' | 'THROTTLED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  polls: number;
  createdAt: string;
  outcome: 'ok' | 'SAFETY.INPUT.TEXT' | 'INTERNAL.BAD_OUTPUT.CODE01';
}

type Fault = { status: number; error: string } | 'malformed' | { delayMs: number };

export interface RunwayFake {
  /** `http://127.0.0.1:PORT` (Runway's paths start at `/v1`). */
  baseUrl: string;
  host: string;
  keys: Set<string>;
  pollsPending: number;
  pollsRunning: number;
  /**
   * Opt-in (0, the default, keeps one step per poll): a task moves by its age instead, to its
   * second status at half of this many ms after its creation and to its end at all of it.
   */
  latencyMs: number;
  /** Tasks a key may have running at once; more wait as `THROTTLED`. */
  concurrency: number;
  outputTtlSec: number;
  creates: Array<{ endpoint: string; body: Record<string, unknown> }>;
  /** Every request's `X-Runway-Version`, in order. */
  versions: string[];
  deletes: string[];
  failNextCreate(fault: Fault): void;
  expireSignedUrls(): void;
  tasks: Map<string, RunwayFakeTask>;
  close(): Promise<void>;
}

const MODELS: Record<string, string[]> = {
  image_to_video: ['gen4.5', 'gen4_turbo', 'veo3.1', 'veo3.1_fast', 'seedance2'],
  text_to_video: ['gen4.5', 'veo3.1', 'veo3.1_fast', 'seedance2'],
  video_to_video: ['aleph2'],
};

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function startRunwayFake(options: { clipSeconds?: number } = {}): Promise<RunwayFake> {
  const dir = mkdtempSync(join(tmpdir(), 'backlot-runway-fake-'));
  const file = join(dir, 'clip.mp4');
  makeFakeClip(file, { seconds: options.clipSeconds ?? 4 });
  const clip = readFileSync(file);
  const tasks = new Map<string, RunwayFakeTask>();
  const faults: Fault[] = [];
  let epoch = 0;

  const fake: RunwayFake = {
    baseUrl: '',
    host: '',
    keys: new Set(),
    pollsPending: 1,
    pollsRunning: 1,
    latencyMs: 0,
    concurrency: 100,
    outputTtlSec: 3600,
    creates: [],
    versions: [],
    deletes: [],
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

  const running = (key: string) => [...tasks.values()].filter((t) => t.key === key && t.status === 'RUNNING').length;

  function outputUrl(t: RunwayFakeTask) {
    const expires = Math.floor(Date.now() / 1000) + fake.outputTtlSec;
    const jwt = createHash('sha256').update(`${t.id}:${epoch}:${expires}`).digest('hex').slice(0, 32);
    return `http://${fake.host}/out/${t.id}/0.mp4?_jwt=${jwt}&exp=${expires}&epoch=${epoch}`;
  }

  function view(t: RunwayFakeTask) {
    const base = { id: t.id, createdAt: t.createdAt, status: t.status };
    if (t.status === 'RUNNING') return { ...base, progress: Math.min(0.99, 0.25 * (t.polls - fake.pollsPending)) };
    if (t.status === 'SUCCEEDED') return { ...base, output: [outputUrl(t)] };
    if (t.status === 'FAILED')
      return { ...base, failure: t.outcome === 'SAFETY.INPUT.TEXT' ? 'Your prompt was flagged by our content moderation.' : 'The output did not pass our quality checks.', failureCode: t.outcome };
    return base;
  }

  function advance(t: RunwayFakeTask) {
    t.polls += 1;
    if (fake.latencyMs > 0) {
      const age = Date.now() - Date.parse(t.createdAt);
      const polls = age >= fake.latencyMs ? fake.pollsPending + fake.pollsRunning + 1 : age >= fake.latencyMs / 2 ? fake.pollsPending + 1 : 0;
      // Both steps at once when its age has passed both.
      step(t, polls);
      step(t, polls);
    } else step(t, t.polls);
  }

  function step(t: RunwayFakeTask, polls: number) {
    if ((t.status === 'PENDING' || t.status === 'THROTTLED') && polls > fake.pollsPending) {
      if (running(t.key) >= fake.concurrency) t.status = 'THROTTLED';
      else t.status = 'RUNNING';
    } else if (t.status === 'RUNNING' && polls > fake.pollsPending + fake.pollsRunning) {
      t.status = t.outcome === 'ok' ? 'SUCCEEDED' : 'FAILED';
    }
  }

  /** What Runway would refuse in a create (400), or null. */
  function problemOf(endpoint: string, body: Record<string, unknown>): string | null {
    if (!MODELS[endpoint]?.includes(String(body.model))) return `Invalid parameter 'model'`;
    if (endpoint === 'video_to_video') return typeof body.videoUri === 'string' ? null : `Invalid parameter 'videoUri'`;
    if (endpoint === 'text_to_video' && (typeof body.promptText !== 'string' || !body.promptText)) return `Invalid parameter 'promptText'`;
    if (typeof body.promptText === 'string' && body.promptText.length > (body.model === 'seedance2' ? 3500 : 1000)) return `Invalid parameter 'promptText'`;
    if (body.references !== undefined) {
      const refs = body.references as Array<{ uri?: unknown }>;
      if (
        endpoint !== 'text_to_video' ||
        body.model !== 'seedance2' ||
        !Array.isArray(refs) ||
        refs.length > 9 ||
        !refs.every((r) => typeof r.uri === 'string' && /^(https:\/\/|data:image\/|runway:\/\/)/.test(r.uri))
      )
        return `Invalid parameter 'references'`;
    }
    if (typeof body.ratio !== 'string' || !/^\d+:\d+$/.test(body.ratio)) return `Invalid parameter 'ratio'`;
    if (body.model === 'gen4.5' && !(Number.isInteger(body.duration) && Number(body.duration) >= 2 && Number(body.duration) <= 10)) return `Invalid parameter 'duration'`;
    if (endpoint === 'image_to_video') {
      const images = typeof body.promptImage === 'string' ? [{ uri: body.promptImage, position: 'first' }] : (body.promptImage as Array<{ uri?: string; position?: string }> | undefined);
      if (!Array.isArray(images) || !images.length || !images.every((i) => typeof i.uri === 'string' && /^(https:\/\/|data:image\/|runway:\/\/)/.test(i.uri))) return `Invalid parameter 'promptImage'`;
      if (images.some((i) => i.position === 'last') && !String(body.model).startsWith('veo3.1')) return `Invalid parameter 'promptImage'`;
      if (!images.some((i) => i.position === 'first')) return `Invalid parameter 'promptImage'`;
    }
    return null;
  }

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    let text = '';
    try {
      for await (const chunk of req) text += chunk;
    } catch {
      return;
    }
    const out = /^\/out\/([^/]+)\/0\.mp4$/.exec(url.pathname);
    if (out) {
      const t = tasks.get(out[1]);
      const exp = Number(url.searchParams.get('exp'));
      const jwt = createHash('sha256').update(`${out[1]}:${epoch}:${exp}`).digest('hex').slice(0, 32);
      if (t?.status !== 'SUCCEEDED' || url.searchParams.get('_jwt') !== jwt || Date.now() / 1000 > exp) return send(res, 401, { error: 'The link has expired' });
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(clip.length) });
      return res.end(clip);
    }
    const auth = req.headers.authorization ?? '';
    const key = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    if (!fake.keys.has(key)) return send(res, 401, { error: 'Invalid API key' });
    const version = String(req.headers['x-runway-version'] ?? '');
    fake.versions.push(version);
    if (version !== '2024-11-06') return send(res, 400, { error: 'X-Runway-Version header is missing or not a supported version' });

    const create = /^\/v1\/(image_to_video|text_to_video|video_to_video)$/.exec(url.pathname);
    if (create && req.method === 'POST') {
      const fault = faults.shift();
      if (fault && fault !== 'malformed' && !('delayMs' in fault)) return send(res, fault.status, { error: fault.error });
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(text);
      } catch {
        return send(res, 400, { error: 'Invalid JSON body' });
      }
      const problem = problemOf(create[1], body);
      if (problem) return send(res, 400, { error: problem });
      const prompt = String(body.promptText ?? '');
      const t: RunwayFakeTask = {
        id: randomUUID(),
        key,
        endpoint: create[1],
        body,
        status: 'PENDING',
        polls: 0,
        createdAt: new Date().toISOString(),
        outcome: prompt.includes('[fake:safety]') ? 'SAFETY.INPUT.TEXT' : prompt.includes('[fake:bad-output]') ? 'INTERNAL.BAD_OUTPUT.CODE01' : 'ok',
      };
      tasks.set(t.id, t);
      fake.creates.push({ endpoint: create[1], body });
      if (fault === 'malformed') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ id: t.id }).slice(0, 9));
      }
      if (fault && 'delayMs' in fault) return void setTimeout(() => !res.destroyed && send(res, 200, { id: t.id }), fault.delayMs);
      return send(res, 200, { id: t.id });
    }
    if (url.pathname === '/v1/organization' && req.method === 'GET') return send(res, 200, { creditBalance: 10_000, tier: { maxMonthlyCreditSpend: 10_000, models: {} }, usage: { models: {} } });
    const one = /^\/v1\/tasks\/([^/]+)$/.exec(url.pathname);
    const t = one ? tasks.get(one[1]) : undefined;
    if (!t || t.key !== key) return send(res, 404, { error: 'Task not found' });
    if (req.method === 'GET') {
      advance(t);
      return send(res, 200, view(t));
    }
    if (req.method === 'DELETE') {
      fake.deletes.push(t.id);
      if (t.status === 'PENDING' || t.status === 'THROTTLED' || t.status === 'RUNNING') t.status = 'CANCELLED';
      else tasks.delete(t.id);
      res.writeHead(204);
      return res.end();
    }
    send(res, 404, { error: 'Not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  fake.host = `127.0.0.1:${port}`;
  fake.baseUrl = `http://127.0.0.1:${port}`;
  return fake;
}

export function runwayFakeEnv(fake: () => RunwayFake, extra: Record<string, string> = {}, sealByte = 13): Record<string, string> {
  const env: Record<string, string> = { BACKLOT_SECRET_KEY: Buffer.alloc(32, sealByte).toString('base64'), BACKLOT_POLL_SECONDS: '1' };
  Object.defineProperties(env, {
    BACKLOT_RUNWAY_URL: { enumerable: true, get: () => fake().baseUrl },
    BACKLOT_PROVIDER_ALLOW_HOSTS: { enumerable: true, get: () => fake().host },
  });
  return Object.assign(env, extra);
}
