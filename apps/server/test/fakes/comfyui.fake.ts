/**
 * A fake ComfyUI server as PROVIDERS.md §8 and §9.2 describe it, REST and WebSocket (`ws`):
 * every route also under `/api`; no auth, but the origin guard (403 when an `Origin` disagrees
 * with a loopback `Host`); `POST /prompt {prompt, client_id, prompt_id, extra_data}` checked like
 * the real server (known node classes, links to existing nodes, an output node, model files in
 * the lists, `LoadImage` files present) → `{prompt_id, number, node_errors}` or 400
 * `{error:{type,message,details,extra_info}, node_errors}`; `GET /queue` with
 * `[number, prompt_id, prompt, extra_data, outputs]` items; `POST /queue {delete}`; `POST /interrupt
 * {prompt_id}` (only the running one); `GET /history/{id}` (`{}` until finished); `POST
 * /upload/image` (multipart `image`, `type`, `subfolder`, `overwrite`, renamed `name (1).ext` when not
 * overwriting); `GET /view` (400 on a path escape, 404 when missing) serving a real H.264 clip made
 * with ffmpeg at the workflow's length and frame rate; `/ws?clientId=` sending `status` (with `sid`),
 * `execution_start`, `executing`, `progress`, `executed`, `execution_success`, `execution_error`,
 * `execution_interrupted` to the client that queued the prompt.
 *
 * One prompt runs at a time, on a timer: a prompt waits `pendingMs` in the queue, runs `runMs` in
 * `steps` progress steps (forever while `holdRunning`), and is reported in its history as having
 * taken `reportedRunMs` of GPU time (the fake's clock runs fast). A marker in any text input steers
 * the outcome: `[fake:error]` (an exception in the sampler), `[fake:oom]`.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { makeFakeClip } from './fake-clip.ts';

type Node = { class_type: string; inputs: Record<string, unknown> };
type Workflow = Record<string, Node>;

export interface FakePrompt {
  id: string;
  number: number;
  clientId: string | null;
  prompt: Workflow;
  state: 'pending' | 'running' | 'done';
  queuedAt: number;
  startedAt: number;
  step: number;
  interrupted: boolean;
}

export type ComfyFault = { status: number; body: unknown } | 'malformed' | { delayMs: number };

export interface ComfyFake {
  baseUrl: string;
  host: string;
  pendingMs: number;
  runMs: number;
  steps: number;
  holdRunning: boolean;
  reportedRunMs: number;
  /** Prompts accepted, by prompt id (a second POST of one id counts twice). */
  creates: Map<string, number>;
  prompts: Map<string, FakePrompt>;
  history: Map<string, unknown>;
  /** Files in the input folder, by `subfolder/name`. */
  inputs: Map<string, Buffer>;
  /** WebSocket messages sent, by client id (type and prompt id). */
  sent: Array<{ clientId: string; type: string; promptId?: string }>;
  /** Each request's method, path and Origin header. */
  requests: Array<{ method: string; path: string; origin?: string }>;
  failNextCreate(fault: ComfyFault): void;
  close(): Promise<void>;
}

/** Node classes the fake knows, with the inputs each must have (the rest of object_info is not needed). */
const CLASSES: Record<string, string[]> = {
  UNETLoader: ['unet_name', 'weight_dtype'],
  CLIPLoader: ['clip_name', 'type'],
  VAELoader: ['vae_name'],
  CheckpointLoaderSimple: ['ckpt_name'],
  ModelSamplingSD3: ['shift', 'model'],
  CLIPTextEncode: ['text', 'clip'],
  EmptyHunyuanLatentVideo: ['width', 'height', 'length', 'batch_size'],
  KSampler: ['seed', 'steps', 'cfg', 'sampler_name', 'scheduler', 'denoise', 'model', 'positive', 'negative', 'latent_image'],
  VAEDecode: ['samples', 'vae'],
  LoadImage: ['image'],
  WanImageToVideo: ['positive', 'negative', 'vae', 'width', 'height', 'length', 'batch_size'],
  CreateVideo: ['fps', 'images'],
  SaveVideo: ['filename_prefix', 'format', 'codec', 'video'],
  VHS_VideoCombine: ['frame_rate', 'filename_prefix', 'format', 'images'],
};
const OUTPUT_CLASSES = new Set(['SaveVideo', 'VHS_VideoCombine']);
/** Model files "installed" in the fake's model folders. */
const MODEL_LISTS: Record<string, string[]> = {
  unet_name: ['wan2.1_t2v_1.3B_fp16.safetensors', 'wan2.1_i2v_480p_14B_fp16.safetensors'],
  clip_name: ['umt5_xxl_fp8_e4m3fn_scaled.safetensors'],
  vae_name: ['wan_2.1_vae.safetensors'],
  ckpt_name: ['ltx-video-2b-v0.9.safetensors'],
};

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const isLink = (v: unknown): v is [string, number] => Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && Number.isInteger(v[1]);

/** The real server's `/prompt` validation, as much of it as Backlot's requests meet. */
function validate(prompt: Workflow, inputs: Map<string, Buffer>): { error: Record<string, unknown>; node_errors: Record<string, unknown> } | null {
  const nodeErrors: Record<string, { errors: unknown[]; dependent_outputs: string[]; class_type: string }> = {};
  for (const [id, node] of Object.entries(prompt)) {
    if (!node || typeof node.class_type !== 'string' || !CLASSES[node.class_type]) {
      return {
        error: { type: 'invalid_prompt', message: `Cannot execute because node ${node?.class_type ?? id} does not exist.`, details: `Node ID '#${id}'`, extra_info: {} },
        node_errors: {},
      };
    }
    const errors: unknown[] = [];
    for (const name of CLASSES[node.class_type]) {
      const v = node.inputs?.[name];
      if (v === undefined) errors.push({ type: 'required_input_missing', message: 'Required input is missing', details: name, extra_info: { input_name: name } });
      else if (isLink(v) && !prompt[v[0]])
        errors.push({ type: 'bad_linked_input', message: 'Bad linked input, must be a length-2 list of [string, int]', details: `${name}, ${JSON.stringify(v)}`, extra_info: {} });
      else if (MODEL_LISTS[name] && !MODEL_LISTS[name].includes(String(v)))
        errors.push({ type: 'value_not_in_list', message: 'Value not in list', details: `${name}: '${String(v)}' not in ${JSON.stringify(MODEL_LISTS[name])}`, extra_info: { input_name: name } });
      else if (node.class_type === 'LoadImage' && name === 'image' && !inputs.has(String(v)))
        errors.push({ type: 'custom_validation_failed', message: 'Failed to validate prompt for output', details: `Invalid image file: ${String(v)}`, extra_info: {} });
    }
    if (errors.length) nodeErrors[id] = { errors, dependent_outputs: Object.keys(prompt).filter((k) => OUTPUT_CLASSES.has(prompt[k].class_type)), class_type: node.class_type };
  }
  if (!Object.values(prompt).some((n) => OUTPUT_CLASSES.has(n.class_type)))
    return { error: { type: 'prompt_no_outputs', message: 'Prompt has no outputs', details: '', extra_info: {} }, node_errors: {} };
  if (Object.keys(nodeErrors).length) return { error: { type: 'prompt_outputs_failed_validation', message: 'Prompt outputs failed validation', details: '', extra_info: {} }, node_errors: nodeErrors };
  return null;
}

export async function startComfyFake(): Promise<ComfyFake> {
  const dir = mkdtempSync(join(tmpdir(), 'backlot-comfyui-fake-'));
  const clips = new Map<string, Buffer>();
  /** A real clip of `frames` at `fps`, 320×180 H.264 (made once per length). */
  function clip(frames: number, fps: number): Buffer {
    const key = `${frames}@${fps}`;
    let bytes = clips.get(key);
    if (!bytes) {
      const file = join(dir, `clip-${frames}-${fps}.mp4`);
      makeFakeClip(file, { frames }, fps);
      bytes = readFileSync(file);
      clips.set(key, bytes);
    }
    return bytes;
  }
  const outputs = new Map<string, Buffer>();
  const sockets = new Map<string, WebSocket>();
  const faults: ComfyFault[] = [];
  let number = 0;

  const fake: ComfyFake = {
    baseUrl: '',
    host: '',
    pendingMs: 150,
    runMs: 400,
    steps: 4,
    holdRunning: false,
    reportedRunMs: 300_000,
    creates: new Map(),
    prompts: new Map(),
    history: new Map(),
    inputs: new Map(),
    sent: [],
    requests: [],
    failNextCreate: (f) => void faults.push(f),
    close: async () => {
      clearInterval(ticker);
      for (const ws of sockets.values()) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      rmSync(dir, { recursive: true, force: true });
    },
  };

  function send(p: FakePrompt, type: string, data: Record<string, unknown>) {
    if (!p.clientId) return;
    const ws = sockets.get(p.clientId);
    fake.sent.push({ clientId: p.clientId, type, promptId: p.id });
    if (ws && ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type, data: { ...data, prompt_id: p.id } }));
  }
  const queueItem = (p: FakePrompt) => [p.number, p.id, p.prompt, { client_id: p.clientId }, Object.keys(p.prompt).filter((k) => OUTPUT_CLASSES.has(p.prompt[k].class_type))];
  const textOf = (p: FakePrompt) => JSON.stringify(p.prompt);

  function finish(p: FakePrompt, outcome: 'success' | 'error' | 'interrupted') {
    p.state = 'done';
    // The fake's clock runs fast: every run is reported as taking exactly reportedRunMs.
    const end = Date.now();
    const start = end - fake.reportedRunMs;
    const messages: Array<[string, Record<string, unknown>]> = [['execution_start', { prompt_id: p.id, timestamp: start }]];
    const outputsOf: Record<string, unknown> = {};
    const sampler = Object.keys(p.prompt).find((k) => p.prompt[k].class_type === 'KSampler') ?? Object.keys(p.prompt)[0];
    if (outcome === 'success') {
      for (const [id, node] of Object.entries(p.prompt)) {
        if (!OUTPUT_CLASSES.has(node.class_type)) continue;
        const prefix = String(node.inputs.filename_prefix ?? 'ComfyUI');
        const slash = prefix.lastIndexOf('/');
        const subfolder = slash >= 0 ? prefix.slice(0, slash) : '';
        const filename = `${slash >= 0 ? prefix.slice(slash + 1) : prefix}_00001_.mp4`;
        const latent = Object.values(p.prompt).find((n) => typeof n.inputs.length === 'number');
        const rate = Number(node.inputs.fps ?? node.inputs.frame_rate ?? Object.values(p.prompt).find((n) => n.class_type === 'CreateVideo')?.inputs.fps ?? 16);
        const fps = isLink(node.inputs.fps) || !Number.isFinite(rate) ? 16 : rate;
        outputs.set(`${subfolder}/${filename}`, clip(Number(latent?.inputs.length ?? 32), fps));
        const entry = { filename, subfolder, type: 'output' };
        outputsOf[id] = node.class_type === 'VHS_VideoCombine' ? { gifs: [{ ...entry, format: 'video/h264-mp4', frame_rate: fps }] } : { images: [entry], animated: [true] };
        send(p, 'executed', { node: id, display_node: id, output: outputsOf[id] });
      }
      messages.push(['execution_success', { prompt_id: p.id, timestamp: end }]);
      send(p, 'execution_success', { timestamp: end });
    } else if (outcome === 'error') {
      const oom = textOf(p).includes('[fake:oom]');
      const data = {
        prompt_id: p.id,
        node_id: sampler,
        node_type: p.prompt[sampler].class_type,
        executed: [],
        exception_message: oom ? 'Allocation on device 0 would exceed allowed memory. (out of memory)' : 'mat1 and mat2 shapes cannot be multiplied (77x768 and 4096x5120)',
        exception_type: oom ? 'torch.OutOfMemoryError' : 'RuntimeError',
        traceback: [],
        current_inputs: {},
        current_outputs: {},
        timestamp: end,
      };
      messages.push(['execution_error', data]);
      send(p, 'execution_error', data);
    } else {
      const data = { prompt_id: p.id, node_id: sampler, node_type: p.prompt[sampler].class_type, executed: [], timestamp: end };
      messages.push(['execution_interrupted', data]);
      send(p, 'execution_interrupted', data);
    }
    send(p, 'executing', { node: null, display_node: null });
    fake.history.set(p.id, {
      prompt: [p.number, p.id, p.prompt, { client_id: p.clientId }, Object.keys(outputsOf)],
      outputs: outputsOf,
      status: { status_str: outcome === 'success' ? 'success' : 'error', completed: outcome === 'success', messages },
      meta: Object.fromEntries(Object.keys(outputsOf).map((k) => [k, { node_id: k, display_node: k }])),
    });
  }

  // One prompt at a time, as the real server's executor.
  const ticker = setInterval(() => {
    const now = Date.now();
    const running = [...fake.prompts.values()].find((p) => p.state === 'running');
    if (running) {
      if (running.interrupted) return finish(running, 'interrupted');
      const step = Math.min(fake.steps, Math.floor(((now - running.startedAt) / fake.runMs) * fake.steps));
      if (step > running.step && (step < fake.steps || !fake.holdRunning)) {
        running.step = step;
        const sampler = Object.keys(running.prompt).find((k) => running.prompt[k].class_type === 'KSampler') ?? '';
        send(running, 'progress', { value: step, max: fake.steps, node: sampler });
      }
      if (!fake.holdRunning && now - running.startedAt >= fake.runMs) finish(running, /\[fake:(error|oom)\]/.test(textOf(running)) ? 'error' : 'success');
      return;
    }
    const next = [...fake.prompts.values()].filter((p) => p.state === 'pending' && now - p.queuedAt >= fake.pendingMs).sort((a, b) => a.number - b.number)[0];
    if (!next) return;
    next.state = 'running';
    next.startedAt = now;
    send(next, 'execution_start', { timestamp: now });
    send(next, 'execution_cached', { nodes: [], timestamp: now });
    send(next, 'executing', { node: Object.keys(next.prompt)[0], display_node: Object.keys(next.prompt)[0] });
  }, 20);

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname.replace(/^\/api(?=\/)/, '');
    const origin = req.headers.origin;
    fake.requests.push({ method: req.method ?? '', path, origin });
    // The origin guard (§8.1): a browser origin that is not this loopback host is refused.
    if (origin && new URL(origin).host !== req.headers.host) {
      res.writeHead(403).end();
      return;
    }
    const body = req.method === 'POST' ? await readBody(req) : Buffer.alloc(0);
    const parsed = () => (body.length ? JSON.parse(body.toString()) : {});
    try {
      if (req.method === 'POST' && path === '/prompt') {
        const b = parsed() as { prompt?: Workflow; client_id?: string; prompt_id?: string };
        if (!b.prompt || typeof b.prompt !== 'object')
          return json(res, 400, { error: { type: 'no_prompt', message: 'No prompt provided', details: 'No prompt provided', extra_info: {} }, node_errors: {} });
        const id = b.prompt_id ?? randomUUID();
        if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id))
          return json(res, 400, { error: { type: 'invalid_prompt_id', message: 'Invalid prompt_id format', details: id, extra_info: {} }, node_errors: {} });
        const fault = faults.shift();
        if (fault && typeof fault === 'object' && 'status' in fault) return json(res, fault.status, fault.body);
        const invalid = validate(b.prompt, fake.inputs);
        if (invalid) return json(res, 400, invalid);
        const p: FakePrompt = { id, number: number++, clientId: b.client_id ?? null, prompt: b.prompt, state: 'pending', queuedAt: Date.now(), startedAt: 0, step: 0, interrupted: false };
        fake.prompts.set(id, p);
        fake.creates.set(id, (fake.creates.get(id) ?? 0) + 1);
        if (fault === 'malformed') {
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"prompt_id": "');
          return;
        }
        if (fault && 'delayMs' in fault) await new Promise((r) => setTimeout(r, fault.delayMs));
        return json(res, 200, { prompt_id: id, number: p.number, node_errors: {} });
      }
      if (req.method === 'GET' && path === '/prompt') return json(res, 200, { exec_info: { queue_remaining: [...fake.prompts.values()].filter((p) => p.state !== 'done').length } });
      if (req.method === 'GET' && path === '/queue') {
        const all = [...fake.prompts.values()];
        return json(res, 200, { queue_running: all.filter((p) => p.state === 'running').map(queueItem), queue_pending: all.filter((p) => p.state === 'pending').map(queueItem) });
      }
      if (req.method === 'POST' && path === '/queue') {
        const b = parsed() as { delete?: string[]; clear?: boolean };
        for (const p of [...fake.prompts.values()]) if (p.state === 'pending' && (b.clear || b.delete?.includes(p.id))) fake.prompts.delete(p.id);
        res.writeHead(200).end();
        return;
      }
      if (req.method === 'POST' && path === '/interrupt') {
        const b = parsed() as { prompt_id?: string };
        const running = [...fake.prompts.values()].find((p) => p.state === 'running');
        if (running && (!b.prompt_id || b.prompt_id === running.id)) running.interrupted = true;
        res.writeHead(200).end();
        return;
      }
      const h = /^\/history\/([^/]+)$/.exec(path);
      if (req.method === 'GET' && h) {
        const entry = fake.history.get(decodeURIComponent(h[1]));
        return json(res, 200, entry ? { [decodeURIComponent(h[1])]: entry } : {});
      }
      if (req.method === 'GET' && path === '/history') return json(res, 200, Object.fromEntries(fake.history));
      if (req.method === 'GET' && path === '/system_stats')
        return json(res, 200, { system: { os: 'posix', comfyui_version: '0.3.60', python_version: '3.12' }, devices: [{ name: 'cuda:0 Fake GPU', type: 'cuda', vram_total: 25_769_803_776 }] });
      if (req.method === 'POST' && path === '/upload/image') {
        const form = await new Request('http://x/upload', { method: 'POST', headers: { 'content-type': String(req.headers['content-type']) }, body: new Uint8Array(body) }).formData();
        const image = form.get('image');
        if (!(image instanceof Blob)) {
          res.writeHead(400).end();
          return;
        }
        const subfolder = String(form.get('subfolder') ?? '');
        const overwrite = ['true', '1'].includes(String(form.get('overwrite') ?? ''));
        let name = (image as File).name;
        if (!overwrite) {
          const dot = name.lastIndexOf('.');
          for (let i = 1; fake.inputs.has(`${subfolder ? `${subfolder}/` : ''}${name}`); i++) name = `${(image as File).name.slice(0, dot)} (${i})${(image as File).name.slice(dot)}`;
        }
        fake.inputs.set(`${subfolder ? `${subfolder}/` : ''}${name}`, Buffer.from(await image.arrayBuffer()));
        return json(res, 200, { name, subfolder, type: String(form.get('type') ?? 'input') });
      }
      if (req.method === 'GET' && path === '/view') {
        const filename = url.searchParams.get('filename') ?? '';
        const subfolder = url.searchParams.get('subfolder') ?? '';
        if (filename.includes('..') || filename.startsWith('/')) return void res.writeHead(400).end();
        if (subfolder.includes('..')) return void res.writeHead(403).end();
        const bytes = url.searchParams.get('type') === 'input' ? fake.inputs.get(`${subfolder ? `${subfolder}/` : ''}${filename}`) : outputs.get(`${subfolder}/${filename}`);
        if (!bytes) return void res.writeHead(404).end();
        res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': bytes.length, 'content-disposition': `filename="${filename}"` });
        res.end(bytes);
        return;
      }
      res.writeHead(404, { 'content-type': 'text/plain' }).end('404: Not Found');
    } catch (err) {
      json(res, 500, { error: { type: 'server_error', message: String(err), details: '', extra_info: {} }, node_errors: {} });
    }
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname.replace(/^\/api(?=\/)/, '') !== '/ws') return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      const clientId = url.searchParams.get('clientId') ?? randomUUID().replaceAll('-', '');
      // A client reconnecting with its id replaces its old socket (§8.5).
      sockets.get(clientId)?.terminate();
      sockets.set(clientId, ws);
      ws.on('close', () => {
        if (sockets.get(clientId) === ws) sockets.delete(clientId);
      });
      ws.send(JSON.stringify({ type: 'status', data: { status: { exec_info: { queue_remaining: [...fake.prompts.values()].filter((p) => p.state !== 'done').length } }, sid: clientId } }));
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fake.baseUrl = `http://127.0.0.1:${port}`;
  fake.host = `127.0.0.1:${port}`;
  return fake;
}

/** Environment pointing a Backlot at the fake (getters: the fake starts after the harness options are read). */
export function comfyFakeEnv(fake: () => ComfyFake, extra: Record<string, string> = {}, sealByte = 13): Record<string, string> {
  const env: Record<string, string> = { BACKLOT_SECRET_KEY: Buffer.alloc(32, sealByte).toString('base64'), BACKLOT_POLL_SECONDS: '1' };
  Object.defineProperties(env, { BACKLOT_COMFYUI_URL: { enumerable: true, get: () => fake().baseUrl } });
  return Object.assign(env, extra);
}
