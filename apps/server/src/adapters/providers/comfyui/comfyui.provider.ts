/**
 * A local ComfyUI server behind the video provider port (PROVIDERS.md §8), over its REST routes and
 * its WebSocket (ComfyUI has no SDK): `POST /prompt` with an API-format workflow whose mapped node
 * inputs are filled from the take (domain/comfyui/workflow.rules.ts), `POST /upload/image` for
 * pictures, `GET /queue` and `GET /history/{id}` for the state, `/ws?clientId=` for live progress,
 * `POST /queue {delete}` (pending) and `POST /interrupt {prompt_id}` (running) to cancel, and
 * `GET /view?filename=&subfolder=&type=output` for the video. No key: the operator names the server
 * (BACKLOT_COMFYUI_URL), which is trusted as a private address.
 *
 * Models: the sample text-to-video workflow shipped in samples/, and a project's own workflows
 * (the generate service puts the workflow and its mapping, at the version chosen, into the spec's
 * `providerOptions.comfyui`, so the stored request holds exactly the graph that was sent).
 *
 * Idempotency: the prompt id is the take's own UUID (`backlot-take-<uuid>` → `<uuid>`), sent as
 * `prompt_id`. Before every `POST /prompt` the adapter looks for that id in `/queue` (pending or
 * running) and `/history/{id}`, and answers what it finds instead of sending again; `reconcile`
 * does the same look-up without sending. A prompt the operator has deleted from ComfyUI's history
 * cannot be found, and is then sent again (it was the operator's own GPU, not a bill).
 *
 * Cost: no price (§8.6). A take is estimated at GPU-seconds (seconds of video × an operator-set
 * factor) and priced at the operator's rate, 0 by default; it settles at the GPU time the history
 * reports between `execution_start` and `execution_success`. Failed or interrupted runs are not
 * charged. Outputs stay on ComfyUI's disk and never expire.
 */
import { randomUUID, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import {
  checkMapping,
  checkWorkflow,
  estimateGpuSeconds,
  fillWorkflow,
  frameSize,
  framesFor,
  workflowCapabilities,
  type ComfyMapping,
  type ComfyRate,
  type ComfyWorkflow,
  type FieldValues,
} from '../../../domain/comfyui/workflow.rules.ts';
import type { GenerationSpec, MediaRef } from '../../../domain/generate/generation-spec.ts';
import { RESOLUTION_LINES } from '../../../domain/generate/settings.rules.ts';
import type { BlobStore } from '../../../ports/blob-store.ts';
import { ProviderFailure, type CancelOutcome, type CompiledRequest, type ProviderError, type TaskSnapshot, type UsageEstimate, type VideoProviderAdapter } from '../../../ports/video-provider.ts';
import { cappedBody, outboundFetch, type OutboundPolicy } from '../outbound.ts';

/** ComfyUI's own default address (§8.1). */
export const COMFYUI_DEFAULT_URL = 'http://127.0.0.1:8188';
export const COMFY_SAMPLE_MODEL = 'sample-text-to-video';

export interface ComfyDeps {
  baseUrl: string;
  blobs: BlobStore;
  outbound: OutboundPolicy;
  rate: ComfyRate;
  /** This process's WebSocket client id (one socket per adapter). */
  clientId?: string;
  maxOutputBytes?: number;
}

/** What the generate service puts into `providerOptions.comfyui` for a project's workflow. */
export interface ComfyWorkflowOption {
  workflowId: string;
  version: number;
  name: string;
  workflow: ComfyWorkflow;
  mapping: ComfyMapping;
}

const here = (file: string) => new URL(`./samples/${file}`, import.meta.url);
/** The sample shipped with Backlot (samples/README.md). */
export const COMFY_SAMPLE: ComfyWorkflowOption = {
  workflowId: COMFY_SAMPLE_MODEL,
  version: 1,
  name: 'ComfyUI sample text-to-video',
  workflow: JSON.parse(readFileSync(here('text-to-video.workflow.json'), 'utf8')) as ComfyWorkflow,
  mapping: JSON.parse(readFileSync(here('text-to-video.mapping.json'), 'utf8')) as ComfyMapping,
};

const BLOB_PREFIX = 'backlot-blob:';
const PROMPT_ID_TOKEN = '{prompt_id}';
const VIDEO_EXT = /\.(mp4|webm|mov|mkv|gif|webp|avi)$/i;

/** A history entry (§8.4), as far as Backlot reads it. */
export interface ComfyHistoryEntry {
  prompt?: unknown[];
  outputs?: Record<string, Record<string, unknown>>;
  status?: { status_str?: string; completed?: boolean; messages?: Array<[string, Record<string, unknown>]> };
}

/** The prompt id a take is sent under: the take's UUID, or one made from its key. */
export function promptIdOf(idempotencyKey: string): string {
  const m = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(idempotencyKey);
  if (m) return m[1].toLowerCase();
  const h = createHash('sha256').update(idempotencyKey).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const failure = (e: Omit<ProviderError, 'retryable' | 'charged'> & Partial<Pick<ProviderError, 'retryable' | 'charged'>>) => new ProviderFailure({ retryable: false, charged: false, ...e });

async function readJson<T>(res: Response): Promise<T> {
  const text = await res.text();
  try {
    return JSON.parse(text) as T;
  } catch {
    throw failure({
      code: 'malformed_response',
      message: `ComfyUI answered HTTP ${res.status} with a body that is not JSON (${JSON.stringify(text.slice(0, 80))})`,
      category: 'provider_internal',
      retryable: true,
      charged: 'unknown',
      httpStatus: res.status,
    });
  }
}

/** ComfyUI's error envelope `{error:{type,message,details}, node_errors}` (§8.3) as a provider error. */
export function comfyErrorOf(status: number, body: unknown, workflow?: ComfyWorkflow): ProviderError {
  const b = (body ?? {}) as {
    error?: { type?: string; message?: string; details?: string } | string;
    node_errors?: Record<string, { errors?: Array<{ message?: string; details?: string }>; class_type?: string }>;
  };
  const err = typeof b.error === 'string' ? { message: b.error } : (b.error ?? {});
  const nodes = Object.entries(b.node_errors ?? {}).map(([id, n]) => {
    const what = (n.errors ?? []).map((e) => [e.message, e.details].filter(Boolean).join(': ')).join('; ');
    return `node ${id} (${n.class_type ?? workflow?.[id]?.class_type ?? 'unknown'}): ${what || 'refused'}`;
  });
  const message = [err.message || err.details || `ComfyUI answered HTTP ${status}`, ...nodes].join('; ').replace(/[{}]/g, '');
  const code = (b.error && typeof b.error === 'object' && b.error.type) || `http_${status}`;
  if (status >= 500) return { code, message, category: 'provider_internal', retryable: true, charged: false, httpStatus: status };
  if (status === 404) return { code, message: `${message} (is BACKLOT_COMFYUI_URL a ComfyUI server?)`, category: 'provider_internal', retryable: false, charged: false, httpStatus: status };
  return { code, message, category: 'invalid_input', retryable: false, charged: false, httpStatus: status };
}

/** The workflow and mapping a spec is made with: the project's (providerOptions.comfyui), or the sample. */
function workflowOf(spec: GenerationSpec): ComfyWorkflowOption | undefined {
  const option = spec.providerOptions?.comfyui as ComfyWorkflowOption | undefined;
  if (option) return option;
  return spec.model === COMFY_SAMPLE_MODEL ? COMFY_SAMPLE : undefined;
}

/** Each video file a history entry's outputs name, in node order (§8.4: `images` with `animated`, or VHS `gifs`). */
function videosOf(entry: ComfyHistoryEntry): Array<{ filename: string; subfolder: string; type: string }> {
  const out: Array<{ filename: string; subfolder: string; type: string }> = [];
  for (const node of Object.values(entry.outputs ?? {})) {
    for (const list of Object.values(node)) {
      if (!Array.isArray(list)) continue;
      for (const f of list as Array<{ filename?: unknown; subfolder?: unknown; type?: unknown }>) {
        if (f && typeof f.filename === 'string' && VIDEO_EXT.test(f.filename)) out.push({ filename: f.filename, subfolder: String(f.subfolder ?? ''), type: String(f.type ?? 'output') });
      }
    }
  }
  return out;
}

const messageOf = (entry: ComfyHistoryEntry, type: string) => entry.status?.messages?.find((m) => m[0] === type)?.[1];

export type ComfyProvider = VideoProviderAdapter & {
  /** Closes the progress socket. */
  close(): void;
  /** Problems with a workflow and its mapping, each naming the field. */
  check(workflow: unknown, mapping: unknown): Array<{ field: string; problem: string }>;
};

export function createComfyProvider(deps: ComfyDeps): ComfyProvider {
  const base = deps.baseUrl.replace(/\/$/, '');
  const server = new URL(base);
  // The operator named this server: it may be private or loopback (usually it is).
  const outbound: OutboundPolicy = { ...deps.outbound, allowHosts: [...deps.outbound.allowHosts, server.host, server.hostname] };
  const clientId = deps.clientId ?? `backlot-${randomUUID()}`;
  const maxOutputBytes = deps.maxOutputBytes ?? 8 * 1024 ** 3;
  const sample = workflowCapabilities(COMFY_SAMPLE_MODEL, COMFY_SAMPLE.name, COMFY_SAMPLE.mapping, deps.rate);

  /** Live progress from the socket, by prompt id: value/max of the node running now. */
  const progress = new Map<string, number>();
  let socket: WebSocket | null = null;
  let closed = false;

  function listen(): void {
    if (closed || (socket && socket.readyState <= WebSocket.OPEN)) return;
    const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/ws?clientId=${encodeURIComponent(clientId)}`);
    socket = ws;
    ws.on('message', (data, isBinary) => {
      // Binary frames are preview pictures (§8.5): not needed.
      if (isBinary) return;
      let msg: { type?: string; data?: Record<string, unknown> };
      try {
        msg = JSON.parse(String(data));
      } catch {
        return;
      }
      const id = typeof msg.data?.prompt_id === 'string' ? msg.data.prompt_id : undefined;
      if (!id) return;
      if (msg.type === 'execution_start') progress.set(id, 0);
      if (msg.type === 'progress') {
        const value = Number(msg.data?.value);
        const max = Number(msg.data?.max);
        if (max > 0 && value >= 0) progress.set(id, Math.min(0.99, value / max));
      }
      if (msg.type === 'execution_success' || msg.type === 'execution_error' || msg.type === 'execution_interrupted') progress.delete(id);
    });
    // A socket that fails is opened again at the next call; the state itself is always read over REST.
    ws.on('error', () => undefined);
    ws.on('close', () => {
      if (socket === ws) socket = null;
    });
  }

  const call = (path: string, init: RequestInit = {}, signal?: AbortSignal) =>
    outboundFetch(`${base}${path}`, { ...init, signal, headers: { ...(typeof init.body === 'string' ? { 'content-type': 'application/json' } : {}) } }, outbound, 'ComfyUI');

  async function queue(signal?: AbortSignal): Promise<{ running: string[]; pending: string[] }> {
    const res = await call('/queue', {}, signal);
    if (!res.ok) throw new ProviderFailure(comfyErrorOf(res.status, await readJson(res).catch(() => ({}))));
    const q = await readJson<{ queue_running?: unknown[][]; queue_pending?: unknown[][] }>(res);
    return { running: (q.queue_running ?? []).map((i) => String(i[1])), pending: (q.queue_pending ?? []).map((i) => String(i[1])) };
  }

  async function history(id: string, signal?: AbortSignal): Promise<ComfyHistoryEntry | undefined> {
    const res = await call(`/history/${encodeURIComponent(id)}`, {}, signal);
    if (!res.ok) throw new ProviderFailure(comfyErrorOf(res.status, await readJson(res).catch(() => ({}))));
    return (await readJson<Record<string, ComfyHistoryEntry>>(res))[id];
  }

  function viewUrl(f: { filename: string; subfolder: string; type: string }): string {
    return `${base}/view?${new URLSearchParams({ filename: f.filename, subfolder: f.subfolder, type: f.type })}`;
  }

  /** A finished prompt's snapshot from its history entry (§8.4, §9.1). */
  function finished(id: string, entry: ComfyHistoryEntry): TaskSnapshot {
    const interrupted = messageOf(entry, 'execution_interrupted');
    if (interrupted) return { providerTaskId: id, status: 'canceled', providerStatus: 'execution_interrupted', outputs: [], raw: entry };
    const start = Number(messageOf(entry, 'execution_start')?.timestamp);
    const end = Number((messageOf(entry, 'execution_success') ?? messageOf(entry, 'execution_error'))?.timestamp);
    const usage = Number.isFinite(start) && Number.isFinite(end) && end >= start ? { unit: 'gpu_seconds', quantity: Math.round((end - start) / 1000) } : undefined;
    const status = entry.status?.status_str ?? 'error';
    if (status === 'success') {
      const videos = videosOf(entry);
      if (!videos.length)
        return {
          providerTaskId: id,
          status: 'failed',
          providerStatus: status,
          outputs: [],
          error: {
            code: 'no_video',
            message: 'the workflow finished without saving a video; it needs a SaveVideo (or VHS_VideoCombine) node',
            category: 'invalid_input',
            retryable: false,
            charged: false,
          },
          usage,
          raw: entry,
        };
      return { providerTaskId: id, status: 'succeeded', providerStatus: status, progress: 1, outputs: videos.map((v) => ({ url: viewUrl(v), mediaType: 'video' as const })), usage, raw: entry };
    }
    const e = messageOf(entry, 'execution_error') ?? {};
    const where = e.node_id !== undefined ? `node ${String(e.node_id)} (${String(e.node_type ?? 'unknown')}) failed` : 'the workflow failed';
    const kind = String(e.exception_type ?? 'execution_error');
    const memory = /OutOfMemory|out of memory/i.test(`${kind} ${String(e.exception_message ?? '')}`);
    return {
      providerTaskId: id,
      status: 'failed',
      providerStatus: status,
      outputs: [],
      error: {
        code: kind,
        message: `${where}: ${String(e.exception_message ?? 'no reason given').trim()}`.replace(/[{}]/g, ''),
        category: memory ? 'provider_internal' : 'unknown',
        retryable: memory,
        charged: false,
      },
      usage,
      raw: entry,
    };
  }

  /** Where a prompt is now, or undefined when ComfyUI does not know it. */
  async function find(id: string, signal?: AbortSignal): Promise<TaskSnapshot | undefined> {
    const q = await queue(signal);
    if (q.running.includes(id)) {
      listen();
      return { providerTaskId: id, status: 'running', providerStatus: 'queue_running', progress: progress.get(id), outputs: [], raw: { queue: 'running' } };
    }
    if (q.pending.includes(id)) return { providerTaskId: id, status: 'queued', providerStatus: 'queue_pending', outputs: [], raw: { queue: 'pending' } };
    // Asked after the queue: a prompt that finished in between is in the history by now.
    const entry = await history(id, signal);
    return entry ? finished(id, entry) : undefined;
  }

  /** Puts Backlot's own pictures into ComfyUI's input folder; the name is the content's hash, so sending again overwrites the same file. */
  async function upload(value: string, signal?: AbortSignal): Promise<string> {
    const [sha256, mediaType] = value.slice(BLOB_PREFIX.length).split('|');
    const chunks: Buffer[] = [];
    for await (const chunk of await deps.blobs.get(sha256)) chunks.push(Buffer.from(chunk as Buffer));
    const ext = mediaType === 'image/jpeg' ? 'jpg' : mediaType === 'image/webp' ? 'webp' : 'png';
    const form = new FormData();
    form.set('image', new Blob([Buffer.concat(chunks)], { type: mediaType }), `backlot-${sha256.slice(0, 24)}.${ext}`);
    form.set('type', 'input');
    form.set('subfolder', 'backlot');
    form.set('overwrite', 'true');
    const res = await call('/upload/image', { method: 'POST', body: form }, signal);
    if (!res.ok) throw new ProviderFailure(comfyErrorOf(res.status, await readJson(res).catch(() => ({ error: { message: `the picture upload answered HTTP ${res.status}` } }))));
    const up = await readJson<{ name: string; subfolder?: string }>(res);
    return up.subfolder ? `${up.subfolder}/${up.name}` : up.name;
  }

  /** A copy of the workflow with every placeholder filled: uploaded pictures and the prompt id. */
  async function filled(workflow: ComfyWorkflow, promptId: string, signal?: AbortSignal): Promise<ComfyWorkflow> {
    const out = structuredClone(workflow);
    const names = new Map<string, string>();
    for (const node of Object.values(out)) {
      for (const [k, v] of Object.entries(node.inputs)) {
        if (typeof v !== 'string') continue;
        if (v.startsWith(BLOB_PREFIX)) {
          if (!names.has(v)) names.set(v, await upload(v, signal));
          node.inputs[k] = names.get(v);
        } else if (v.includes(PROMPT_ID_TOKEN)) node.inputs[k] = v.replaceAll(PROMPT_ID_TOKEN, promptId);
      }
    }
    return out;
  }

  function pictureOf(ref: MediaRef | undefined): string | undefined {
    if (!ref) return undefined;
    if (ref.kind === 'blob') return `${BLOB_PREFIX}${ref.sha256}|${ref.mediaType}`;
    if (ref.kind === 'provider') return ref.ref;
    return undefined;
  }

  function check(workflow: unknown, mapping: unknown) {
    const problems = checkWorkflow(workflow);
    return problems.length ? problems : checkMapping(workflow as ComfyWorkflow, mapping);
  }

  const adapter: ComfyProvider = {
    provider: 'comfyui',
    needsKey: false,
    oneListPrice: true,
    models: () => [sample],
    close() {
      closed = true;
      socket?.terminate();
      socket = null;
    },
    check,

    validate(spec) {
      const w = workflowOf(spec);
      if (!w) return [{ field: 'model', problem: `ComfyUI has no workflow ${spec.model} in this project` }];
      const problems = check(w.workflow, w.mapping).map((p) => ({ field: 'model', problem: `the workflow ${w.name} v${w.version} is not usable: ${p.field} ${p.problem}` }));
      const m = w.mapping.inputs;
      const pictures: Array<[string, MediaRef | undefined, boolean]> = [
        ['firstFrame', spec.firstFrame, Boolean(m.firstFrame)],
        ['lastFrame', spec.lastFrame, Boolean(m.lastFrame)],
        ['referenceImages', spec.referenceImages?.[0], Boolean(m.referenceImage)],
      ];
      for (const [field, ref, mapped] of pictures) {
        if (!ref) continue;
        if (!mapped) problems.push({ field: 'references', problem: `the workflow ${w.name} has no input mapped for the ${field === 'referenceImages' ? 'reference picture' : field}` });
        else if (!pictureOf(ref)) problems.push({ field: 'references', problem: 'ComfyUI takes pictures from Backlot’s library (uploaded to its input folder), not links' });
      }
      if ((spec.referenceImages?.length ?? 0) > 1) problems.push({ field: 'references', problem: `the workflow ${w.name} takes one reference picture` });
      if ((spec.referenceVideos?.length ?? 0) + (spec.referenceAudio?.length ?? 0) > 0) problems.push({ field: 'references', problem: 'ComfyUI workflows here take no reference video or audio' });
      if (spec.generateAudio) problems.push({ field: 'generateAudio', problem: 'ComfyUI workflows here make no sound' });
      return problems;
    },

    async estimateUsage(spec): Promise<UsageEstimate> {
      const { quantity, detail } = estimateGpuSeconds(spec.durationSec ?? 5, deps.rate);
      return { unit: 'gpu_seconds', quantity, detail };
    },

    async compile(spec): Promise<CompiledRequest> {
      const w = workflowOf(spec)!;
      const seconds = spec.durationSec ?? 5;
      const size = frameSize(RESOLUTION_LINES[spec.resolution ?? '480p'], spec.aspectRatio ?? '16:9');
      const values: FieldValues = {
        prompt: spec.prompt,
        negativePrompt: spec.negativePrompt,
        seed: spec.seed,
        frames: framesFor(seconds, w.mapping.fps),
        durationSec: seconds,
        width: size.width,
        height: size.height,
        fps: w.mapping.fps,
        firstFrame: pictureOf(spec.firstFrame),
        lastFrame: pictureOf(spec.lastFrame),
        referenceImage: pictureOf(spec.referenceImages?.[0]),
        // One folder per take under ComfyUI's output folder.
        filenamePrefix: `backlot/${PROMPT_ID_TOKEN}`,
      };
      return {
        method: 'POST',
        url: `${base}/prompt`,
        headers: { 'content-type': 'application/json' },
        body: { prompt: fillWorkflow(w.workflow, w.mapping, values), extra_data: { backlot: { workflowId: w.workflowId, version: w.version } } },
        uploads: [],
      };
    },

    async submit(req, opts) {
      const promptId = promptIdOf(opts.idempotencyKey);
      // Sent before (an answer lost, a worker stopped)? Then that prompt is the take's.
      const known = await find(promptId, opts.signal);
      if (known) return known;
      listen();
      const body = req.body as { prompt: ComfyWorkflow; extra_data?: unknown };
      const prompt = await filled(body.prompt, promptId, opts.signal);
      const res = await call('/prompt', { method: 'POST', body: JSON.stringify({ prompt, client_id: clientId, prompt_id: promptId, extra_data: body.extra_data ?? {} }) }, opts.signal);
      if (!res.ok) throw new ProviderFailure(comfyErrorOf(res.status, await readJson(res).catch(() => ({})), body.prompt));
      const answer = await readJson<{ prompt_id?: string; node_errors?: Record<string, unknown> }>(res);
      if (answer.prompt_id && answer.prompt_id !== promptId)
        throw failure({
          code: 'prompt_id_ignored',
          message: `ComfyUI queued the prompt as ${answer.prompt_id}, not ${promptId}; it is too old to take a prompt id (update it)`,
          category: 'provider_internal',
          charged: 'unknown',
        });
      return { providerTaskId: promptId, status: 'queued', providerStatus: 'queue_pending', outputs: [], raw: answer };
    },

    async reconcile(idempotencyKey) {
      return (await find(promptIdOf(idempotencyKey))) ?? 'none';
    },

    async poll(id, signal) {
      // Not in the queue and not in the history: deleted from the queue before it ran (§9.1).
      return (await find(id, signal)) ?? { providerTaskId: id, status: 'canceled', providerStatus: 'deleted', outputs: [], raw: {} };
    },

    async cancel(id): Promise<CancelOutcome> {
      const q = await queue();
      if (q.pending.includes(id)) {
        const res = await call('/queue', { method: 'POST', body: JSON.stringify({ delete: [id] }) });
        if (!res.ok) throw new ProviderFailure(comfyErrorOf(res.status, {}));
        // It may have started in between: then it is interrupted as a running one.
        if (!(await queue()).running.includes(id)) return 'canceled';
      }
      if (q.running.includes(id) || (await queue()).running.includes(id)) {
        const res = await call('/interrupt', { method: 'POST', body: JSON.stringify({ prompt_id: id }) });
        if (!res.ok) throw new ProviderFailure(comfyErrorOf(res.status, {}));
        return 'cancel_requested';
      }
      return (await history(id)) ? 'too_late' : 'canceled';
    },

    async fetchOutput(snapshot, index = 0) {
      const out = snapshot.outputs[index];
      if (!out) throw failure({ code: 'output.missing', message: 'the prompt named no video to download', category: 'provider_internal' });
      const res = await outboundFetch(out.url, {}, { ...outbound, timeoutMs: Math.max(outbound.timeoutMs, 600_000) }, 'ComfyUI');
      if (!res.ok) {
        await res.body?.cancel();
        throw failure({
          code: `http_${res.status}`,
          message: res.status === 404 ? "the video is no longer in ComfyUI's output folder" : `the video download answered HTTP ${res.status}`,
          category: res.status >= 500 ? 'provider_internal' : 'unknown',
          retryable: res.status >= 500,
          httpStatus: res.status,
        });
      }
      const size = Number(res.headers.get('content-length') ?? NaN);
      return { body: cappedBody(res, maxOutputBytes, 'the ComfyUI video'), contentType: res.headers.get('content-type') ?? 'video/mp4', size: Number.isFinite(size) ? size : undefined };
    },

    async settleUsage(snapshot, estimate) {
      return snapshot.usage ? { quantity: snapshot.usage.quantity, reported: true } : { quantity: estimate.quantity, reported: false };
    },
  };
  return adapter;
}
