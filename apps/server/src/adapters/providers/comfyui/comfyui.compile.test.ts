/**
 * What the ComfyUI adapter sends for a spec, how it checks a workflow's mapping, and how it reads
 * ComfyUI's answers, written by hand from PROVIDERS.md §8.3–8.4 and §9.1 and the shipped sample
 * (samples/text-to-video.mapping.json: prompt → 6.text, negative → 7.text, seed → 3a.seed, frames →
 * 40.length, size → 40.width/height, fps 16 → 50.fps, file prefix → 51.filename_prefix).
 */
import { describe, expect, it } from 'vitest';
import { checkMapping, checkWorkflow } from '../../../domain/comfyui/workflow.rules.ts';
import type { BlobStore } from '../../../ports/blob-store.ts';
import { comfyErrorOf, createComfyProvider, promptIdOf } from './comfyui.provider.ts';

const comfy = createComfyProvider({
  baseUrl: 'http://gpu-box.local:8188',
  blobs: {} as BlobStore,
  outbound: { allowHosts: [], timeoutMs: 1000 },
  rate: { currency: 'USD', microsPerGpuSecond: 400, gpuSecondsPerVideoSecond: 30 },
});

const graph = {
  '3': { class_type: 'KSampler', inputs: { seed: 1, steps: 20, model: ['4', 0] } },
  '4': { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: 'ltx.safetensors' } },
  '6': { class_type: 'CLIPTextEncode', inputs: { text: '', clip: ['4', 1] } },
  '9': { class_type: 'SaveVideo', inputs: { filename_prefix: 'x', video: ['3', 0] } },
};

describe('ComfyUI mapping checks', () => {
  it('accepts a mapping to existing nodes and value inputs', () => {
    expect(checkMapping(graph, { fps: 24, inputs: { prompt: { node: '6', input: 'text' }, seed: { node: '3', input: 'seed' } } })).toEqual([]);
  });

  it('names the field when a mapping points at a node the workflow does not have', () => {
    const problems = checkMapping(graph, { fps: 24, inputs: { prompt: { node: '6', input: 'text' }, seed: { node: '12', input: 'seed' } } });
    expect(problems).toEqual([{ field: 'mapping.inputs.seed.node', problem: 'the workflow has no node 12; its nodes are 3, 4, 6, 9' }]);
  });

  it('names the field when the node has no such input, listing the ones it has', () => {
    const problems = checkMapping(graph, { fps: 24, inputs: { prompt: { node: '6', input: 'text' }, seed: { node: '3', input: 'noise_seed' } } });
    expect(problems).toEqual([{ field: 'mapping.inputs.seed.input', problem: 'node 3 (KSampler) has no input noise_seed; it has seed, steps, model' }]);
  });

  it('refuses mapping onto a linked input, a missing prompt, two fields into one input and a bad fps', () => {
    const problems = checkMapping(graph, { fps: 0, inputs: { negativePrompt: { node: '6', input: 'clip' }, seed: { node: '3', input: 'seed' }, frames: { node: '3', input: 'seed' } } });
    expect(problems.map((p) => p.field)).toEqual(['mapping.fps', 'mapping.inputs.negativePrompt.input', 'mapping.inputs.prompt', 'mapping.inputs.frames']);
  });

  it('refuses the editor format and a broken node, naming them', () => {
    expect(checkWorkflow({ nodes: [], links: [] })[0].field).toBe('workflow');
    expect(checkWorkflow({ '1': { inputs: {} } })).toEqual([{ field: 'workflow.1', problem: 'node 1 must be {"class_type": "…", "inputs": {…}}' }]);
    expect(checkWorkflow({ '1': { class_type: 'VAEDecode', inputs: { vae: ['7', 0] } } })).toEqual([
      { field: 'workflow.1', problem: 'input vae of node 1 links to node 7, which the workflow does not have' },
    ]);
  });
});

describe('ComfyUI compile', () => {
  it('fills the sample workflow: prompt, negative, seed, 5 s at 16 fps = 80 frames, 720p 16:9 = 1280×720, a per-take file prefix', async () => {
    const req = await comfy.compile({
      model: 'sample-text-to-video',
      prompt: 'A gull lands on the rail.',
      negativePrompt: 'blurry',
      seed: 77,
      durationSec: 5,
      resolution: '720p',
      aspectRatio: '16:9',
    });
    expect(req.url).toBe('http://gpu-box.local:8188/prompt');
    const prompt = (req.body as { prompt: Record<string, { inputs: Record<string, unknown> }> }).prompt;
    expect(prompt['6'].inputs.text).toBe('A gull lands on the rail.');
    expect(prompt['7'].inputs.text).toBe('blurry');
    expect(prompt['3a'].inputs.seed).toBe(77);
    expect(prompt['40'].inputs).toEqual({ width: 1280, height: 720, length: 80, batch_size: 1 });
    expect(prompt['50'].inputs.fps).toBe(16);
    expect(prompt['51'].inputs.filename_prefix).toBe('backlot/{prompt_id}');
    // Links are left alone.
    expect(prompt['3a'].inputs.model).toEqual(['4', 0]);
  });

  it('a portrait 480p take is 480 wide, its height a multiple of 16 (9:16 → 480×848)', async () => {
    const req = await comfy.compile({ model: 'sample-text-to-video', prompt: 'x', durationSec: 2, resolution: '480p', aspectRatio: '9:16' });
    const prompt = (req.body as { prompt: Record<string, { inputs: Record<string, unknown> }> }).prompt;
    expect(prompt['40'].inputs).toMatchObject({ width: 480, height: 848, length: 32 });
  });

  it('estimates GPU-seconds at the operator factor: 4 s × 30 = 120', async () => {
    expect(await comfy.estimateUsage({ model: 'sample-text-to-video', prompt: 'x', durationSec: 4 })).toMatchObject({ unit: 'gpu_seconds', quantity: 120 });
    expect(comfy.models()[0].listPrice).toMatchObject({ currency: 'USD', perQuantity: 1, priceMicros: 400 });
  });

  it('refuses a start frame the sample has no input for, naming references', () => {
    const problems = comfy.validate({ model: 'sample-text-to-video', prompt: 'x', firstFrame: { kind: 'blob', sha256: 'ab'.repeat(32), mediaType: 'image/png' } });
    expect(problems).toEqual([{ field: 'references', problem: 'the workflow ComfyUI sample text-to-video has no input mapped for the firstFrame' }]);
  });

  it('sends the take under its own UUID as prompt_id', () => {
    expect(promptIdOf('backlot-take-0190ABCD-0000-7000-8000-00000000002A')).toBe('0190abcd-0000-7000-8000-00000000002a');
  });

  it("reads ComfyUI's 400 envelope with node errors as invalid input naming the node", () => {
    const e = comfyErrorOf(400, {
      error: { type: 'prompt_outputs_failed_validation', message: 'Prompt outputs failed validation', details: '', extra_info: {} },
      node_errors: { '4': { errors: [{ message: 'Value not in list', details: "ckpt_name: 'ltx.safetensors' not in []" }], class_type: 'CheckpointLoaderSimple' } },
    });
    expect(e).toMatchObject({ code: 'prompt_outputs_failed_validation', category: 'invalid_input', retryable: false, charged: false });
    expect(e.message).toBe("Prompt outputs failed validation; node 4 (CheckpointLoaderSimple): Value not in list: ckpt_name: 'ltx.safetensors' not in []");
  });
});
