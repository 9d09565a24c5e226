/**
 * ComfyUI workflows (PROVIDERS.md §8.3): an API-format workflow is a map of node id → `{class_type,
 * inputs}`, where an input is a value or a link `[source_node_id, output_index]`. A mapping says
 * which node input each field of a plan goes to (prompt, negative prompt, seed, length, frame size,
 * frame rate, start/end frame and a reference picture). Pure: reading, checking and filling a
 * workflow; no I/O.
 */
import type { ModelCapabilities } from '@backlot/contracts';

/** One node of an API-format workflow. */
export interface ComfyNode {
  class_type: string;
  inputs: Record<string, unknown>;
  _meta?: { title?: string };
}

export type ComfyWorkflow = Record<string, ComfyNode>;

/** The plan fields a mapping can send to a node input. */
export const MAPPING_FIELDS = ['prompt', 'negativePrompt', 'seed', 'frames', 'durationSec', 'width', 'height', 'fps', 'firstFrame', 'lastFrame', 'referenceImage', 'filenamePrefix'] as const;
export type MappingField = (typeof MAPPING_FIELDS)[number];

/** Where a field goes: a node of the workflow and one of its inputs. */
export interface NodeInput {
  node: string;
  input: string;
}

export interface ComfyMapping {
  /** Field → node input; `prompt` is required, the rest optional. */
  inputs: Partial<Record<MappingField, NodeInput>>;
  /** The frame rate the workflow renders at (frames = seconds × fps). */
  fps: number;
}

export interface Problem {
  field: string;
  problem: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A link to another node's output: `["4", 1]`. */
export const isLink = (v: unknown): boolean => Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && Number.isInteger(v[1]);

/** Checks an API-format workflow; problems name `workflow` or `workflow.<node>`. */
export function checkWorkflow(value: unknown): Problem[] {
  if (!isObject(value)) return [{ field: 'workflow', problem: 'must be a JSON object of nodes (ComfyUI’s API format)' }];
  if (Array.isArray(value.nodes) || Array.isArray(value.links))
    return [{ field: 'workflow', problem: 'is in ComfyUI’s editor format; export it with "Export (API)" (the API format: node id → {class_type, inputs})' }];
  const ids = Object.keys(value);
  if (!ids.length) return [{ field: 'workflow', problem: 'has no nodes' }];
  const problems: Problem[] = [];
  for (const id of ids) {
    const node = value[id];
    if (!isObject(node) || typeof node.class_type !== 'string' || !node.class_type || !isObject(node.inputs)) {
      problems.push({ field: `workflow.${id}`, problem: `node ${id} must be {"class_type": "…", "inputs": {…}}` });
      continue;
    }
    for (const [name, input] of Object.entries(node.inputs)) {
      if (isLink(input) && !isObject(value[(input as [string, number])[0]]))
        problems.push({ field: `workflow.${id}`, problem: `input ${name} of node ${id} links to node ${(input as [string, number])[0]}, which the workflow does not have` });
    }
  }
  return problems;
}

const nodeName = (workflow: ComfyWorkflow, id: string) => `node ${id} (${workflow[id].class_type})`;

/** Checks a mapping against its workflow; each problem names the mapping field (`mapping.seed.input`). */
export function checkMapping(workflow: ComfyWorkflow, mapping: unknown): Problem[] {
  if (!isObject(mapping)) return [{ field: 'mapping', problem: 'must be an object with inputs and fps' }];
  const problems: Problem[] = [];
  const fps = mapping.fps;
  if (typeof fps !== 'number' || !Number.isFinite(fps) || fps < 1 || fps > 120)
    problems.push({ field: 'mapping.fps', problem: `must be a frame rate from 1 to 120, not ${JSON.stringify(fps ?? null)}` });
  const inputs = mapping.inputs;
  if (!isObject(inputs)) return [...problems, { field: 'mapping.inputs', problem: 'must be an object of field → {node, input}' }];
  for (const [field, target] of Object.entries(inputs)) {
    const at = `mapping.inputs.${field}`;
    if (!(MAPPING_FIELDS as readonly string[]).includes(field)) {
      problems.push({ field: at, problem: `${field} is not a field Backlot fills; the fields are ${MAPPING_FIELDS.join(', ')}` });
      continue;
    }
    if (!isObject(target) || typeof target.node !== 'string' || typeof target.input !== 'string') {
      problems.push({ field: at, problem: 'must be {"node": "<node id>", "input": "<input name>"}' });
      continue;
    }
    const node = workflow[target.node];
    if (!node) {
      problems.push({ field: `${at}.node`, problem: `the workflow has no node ${target.node}; its nodes are ${Object.keys(workflow).join(', ')}` });
      continue;
    }
    if (!(target.input in node.inputs)) {
      problems.push({
        field: `${at}.input`,
        problem: `${nodeName(workflow, target.node)} has no input ${target.input}; it has ${Object.keys(node.inputs).join(', ') || 'no inputs'}`,
      });
      continue;
    }
    if (isLink(node.inputs[target.input]))
      problems.push({ field: `${at}.input`, problem: `input ${target.input} of ${nodeName(workflow, target.node)} is linked to another node; map a field to an input that holds a value` });
  }
  if (!isObject(inputs.prompt)) problems.push({ field: 'mapping.inputs.prompt', problem: 'is required: the node input that takes the prompt text' });
  // Two fields into one input would overwrite each other.
  const seen = new Map<string, string>();
  for (const [field, target] of Object.entries(inputs)) {
    if (!isObject(target)) continue;
    const key = `${target.node}/${target.input}`;
    const other = seen.get(key);
    if (other) problems.push({ field: `mapping.inputs.${field}`, problem: `goes to input ${target.input} of node ${target.node}, which ${other} already fills` });
    else seen.set(key, field);
  }
  return problems;
}

/** The values of one take, by field; pictures are already names ComfyUI knows (uploaded). */
export type FieldValues = Partial<Record<MappingField, string | number>>;

/** A copy of the workflow with each mapped input set to its value; unmapped values are left out, unmapped inputs kept. */
export function fillWorkflow(workflow: ComfyWorkflow, mapping: ComfyMapping, values: FieldValues): ComfyWorkflow {
  const out = structuredClone(workflow);
  for (const [field, value] of Object.entries(values) as Array<[MappingField, string | number | undefined]>) {
    const target = mapping.inputs[field];
    if (target && value !== undefined) out[target.node].inputs[target.input] = value;
  }
  return out;
}

/** Frame size for a resolution's lines and an aspect ratio, each side a multiple of 16 (what latent video models want). */
export function frameSize(lines: number, aspect: string): { width: number; height: number } {
  const [w, h] = aspect.split(':').map(Number);
  const r = w > 0 && h > 0 ? w / h : 16 / 9;
  const to16 = (n: number) => Math.max(16, Math.round(n / 16) * 16);
  return r >= 1 ? { width: to16(lines * r), height: to16(lines) } : { width: to16(lines), height: to16(lines / r) };
}

/** Frames of a clip of `seconds` at `fps` (at least one). */
export const framesFor = (seconds: number, fps: number) => Math.max(1, Math.round(seconds * fps));

/** The operator's GPU rate (BACKLOT_COMFYUI_GPU_SECOND_PRICE) as a list price, and the GPU time a second of video is estimated at. */
export interface ComfyRate {
  currency: string;
  /** Micro-units of `currency` per GPU-second; 0 makes ComfyUI takes free. */
  microsPerGpuSecond: number;
  gpuSecondsPerVideoSecond: number;
}

export const COMFY_ASPECTS = ['16:9', '9:16', '1:1', '4:3', '3:4', '21:9'];

/** What a workflow accepts, from its mapping: a field is offered only where the mapping sends it somewhere. */
export function workflowCapabilities(model: string, label: string, mapping: ComfyMapping, rate: ComfyRate): ModelCapabilities {
  const m = mapping.inputs;
  const sized = Boolean(m.width && m.height);
  const slots: ModelCapabilities['slots'] = [];
  if (m.firstFrame) slots.push({ slot: 'firstFrame', roles: ['start-frame'], media: 'image', max: 1 });
  if (m.lastFrame) slots.push({ slot: 'lastFrame', roles: ['end-frame'], media: 'image', max: 1 });
  if (m.referenceImage) slots.push({ slot: 'referenceImages', roles: ['character', 'wardrobe', 'location', 'prop', 'style'], media: 'image', max: 1 });
  return {
    provider: 'comfyui',
    model,
    label,
    // Without a length input the workflow's own length is what it renders; 5 s is what it is planned as.
    durationsSec: m.frames || m.durationSec ? Array.from({ length: 10 }, (_, i) => i + 1) : [5],
    aspectRatios: sized ? COMFY_ASPECTS : ['16:9'],
    resolutions: sized ? ['480p', '540p', '720p', '1080p'] : ['480p'],
    slots,
    audio: false,
    seed: Boolean(m.seed),
    negativePrompt: Boolean(m.negativePrompt),
    cameraControls: false,
    maxPromptChars: 10_000,
    // Interrupt (running) and queue delete (pending), PROVIDERS.md §9.1.
    cancelRunning: true,
    available: true,
    priceUnit: 'gpu_seconds',
    listPrice: { currency: rate.currency, perQuantity: 1, priceMicros: rate.microsPerGpuSecond, source: "the operator's GPU rate (BACKLOT_COMFYUI_GPU_SECOND_PRICE)" },
  };
}

/** GPU-seconds a clip is estimated at, and the words for it. */
export function estimateGpuSeconds(durationSec: number, rate: ComfyRate): { quantity: number; detail: string } {
  const quantity = Math.round(durationSec * rate.gpuSecondsPerVideoSecond);
  return { quantity, detail: `${durationSec} s × ${rate.gpuSecondsPerVideoSecond} GPU-seconds per second of video = ${quantity} GPU-seconds` };
}
