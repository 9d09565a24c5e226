/**
 * What the previs generator offers and accepts: its one model, the check of a generation spec,
 * the render request compiled from it (the body kept with the task and on the take), read back
 * with the same checks when it is submitted, and the task id an idempotency key names.
 */
import { createHash } from 'node:crypto';
import { previsOptionProblems } from '../../../domain/generate/previs.plan.ts';
import type { CompiledRequest, GenerationSpec, MediaRef, ModelCapabilities, PrevisOptions } from '../../../ports/video-provider.ts';
import { ProviderFailure } from '../../../ports/video-provider.ts';

/** The one model: an animatic rendered locally by ffmpeg. */
export const PREVIS_MODEL = 'previs-animatic';

const TASK_ID = /^previs_[0-9a-f]{24}$/;

/** The task id for an idempotency key: the same key always names the same task. */
export function previsTaskId(idempotencyKey: string): string {
  return `previs_${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 24)}`;
}

/** Whether a string is a previs task id (so it is safe as a folder name). */
export function isPrevisTaskId(id: string): boolean {
  return TASK_ID.test(id);
}

/** The previs generator's only URL; nothing is sent anywhere. */
export const PREVIS_URL = 'previs://local/render';

const ASPECT_RATIOS = ['16:9', '9:16', '1:1', '4:3', '21:9'];
const RESOLUTIONS = ['480p', '720p', '1080p'] as const;
const MAX_SECONDS = 60;
const MAX_PROMPT_CHARS = 4000;

/** What the previs model accepts: 1 to 60 s, any common aspect, up to 1080p, a start picture (or the location) and an end picture. */
export const PREVIS_CAPABILITIES: ModelCapabilities = {
  provider: 'previs',
  model: PREVIS_MODEL,
  label: 'Previs animatic',
  durationsSec: Array.from({ length: MAX_SECONDS }, (_, i) => i + 1),
  aspectRatios: ASPECT_RATIOS,
  resolutions: [...RESOLUTIONS],
  slots: [
    // The location stands in for a start frame: a wide of the set is what a prep meeting frames from.
    { slot: 'firstFrame', roles: ['start-frame', 'location'], media: 'image', max: 1 },
    { slot: 'lastFrame', roles: ['end-frame'], media: 'image', max: 1 },
  ],
  audio: false,
  seed: true,
  negativePrompt: false,
  cameraControls: true,
  maxPromptChars: MAX_PROMPT_CHARS,
  cancelRunning: true,
  available: true,
  priceUnit: 'generations',
};

/** A picture the render reads from the blob store. */
export interface PrevisPictureRef {
  sha256: string;
  mediaType: string;
}

/** The body of a compiled previs request: everything a render needs, in JSON. */
export interface PrevisRenderRequest {
  model: typeof PREVIS_MODEL;
  prompt: string;
  seed: number;
  options: PrevisOptions;
  start: PrevisPictureRef | null;
  end: PrevisPictureRef | null;
}

type Problem = { field: string; problem: string };

function pictureProblems(field: string, ref: MediaRef | undefined): Problem[] {
  if (!ref) return [];
  if (ref.kind !== 'blob') return [{ field, problem: 'must be a picture from Backlot’s own media store' }];
  if (!/^[0-9a-f]{64}$/.test(ref.sha256)) return [{ field, problem: 'must name a stored picture by its SHA-256' }];
  if (!ref.mediaType.startsWith('image/')) return [{ field, problem: 'must be a picture (image), not ' + ref.mediaType }];
  return [];
}

/** Problems with a spec for the previs generator, each naming its field; empty when it can be rendered. */
export function validatePrevisSpec(spec: GenerationSpec): Problem[] {
  const problems: Problem[] = [];
  if (spec.model !== PREVIS_MODEL) problems.push({ field: 'model', problem: `must be ${PREVIS_MODEL}` });
  if (typeof spec.prompt !== 'string' || spec.prompt.length > MAX_PROMPT_CHARS) problems.push({ field: 'prompt', problem: `must be text of at most ${MAX_PROMPT_CHARS} characters` });
  if (spec.durationSec !== undefined && !(Number.isInteger(spec.durationSec) && spec.durationSec >= 1 && spec.durationSec <= MAX_SECONDS)) {
    problems.push({ field: 'durationSec', problem: `must be a whole number of seconds from 1 to ${MAX_SECONDS}` });
  }
  if (spec.aspectRatio !== undefined && !ASPECT_RATIOS.includes(spec.aspectRatio)) problems.push({ field: 'aspectRatio', problem: `must be one of ${ASPECT_RATIOS.join(', ')}` });
  if (spec.resolution !== undefined && !(RESOLUTIONS as readonly string[]).includes(spec.resolution)) problems.push({ field: 'resolution', problem: `must be one of ${RESOLUTIONS.join(', ')}` });
  if (spec.seed !== undefined && !(Number.isInteger(spec.seed) && spec.seed >= 0 && spec.seed <= 0xffffffff)) problems.push({ field: 'seed', problem: 'must be a whole number from 0 to 4294967295' });
  if (spec.generateAudio) problems.push({ field: 'generateAudio', problem: 'previs renders picture only' });
  problems.push(...pictureProblems('firstFrame', spec.firstFrame), ...pictureProblems('lastFrame', spec.lastFrame));
  const previs = spec.providerOptions?.previs;
  if (!previs || typeof previs !== 'object') {
    problems.push({ field: 'providerOptions.previs', problem: 'is required: the frame size, rate, length and the shot plan' });
  } else {
    const optionProblems = previsOptionProblems(previs);
    problems.push(...optionProblems);
    if (optionProblems.length === 0 && previs.frames * previs.fpsDen > MAX_SECONDS * previs.fpsNum) {
      problems.push({ field: 'providerOptions.previs.frames', problem: `must be at most ${MAX_SECONDS} s at the project’s rate` });
    }
  }
  return problems;
}

function invalid(code: string, message: string): ProviderFailure {
  return new ProviderFailure({ code, message, category: 'invalid_input', retryable: false, charged: false });
}

const pictureOf = (ref: MediaRef | undefined): PrevisPictureRef | null => (ref?.kind === 'blob' ? { sha256: ref.sha256, mediaType: ref.mediaType } : null);

/** The request for a spec: deterministic and JSON, so the same spec always compiles to the same bytes. Throws on a spec validate would refuse. */
export function compilePrevisRequest(spec: GenerationSpec): CompiledRequest {
  const problems = validatePrevisSpec(spec);
  if (problems.length > 0) throw invalid('previs.invalid_spec', problems.map((p) => `${p.field} ${p.problem}`).join('; '));
  const o = spec.providerOptions!.previs!;
  const body: PrevisRenderRequest = {
    model: PREVIS_MODEL,
    prompt: spec.prompt,
    // An unseeded request is seed 0, not a random one: compiling twice must give the same request.
    seed: spec.seed ?? 0,
    options: {
      width: o.width,
      height: o.height,
      fpsNum: o.fpsNum,
      fpsDen: o.fpsDen,
      frames: o.frames,
      size: o.size,
      movement: o.movement,
      slate: { project: o.slate.project, shot: o.slate.shot, take: o.slate.take, action: o.slate.action },
      cardTitle: o.cardTitle,
    },
    start: pictureOf(spec.firstFrame),
    end: pictureOf(spec.lastFrame),
  };
  return { method: 'POST', url: PREVIS_URL, headers: {}, body, uploads: [] };
}

/** Reads a compiled request back (from a take, or from disk), with the checks compile made. */
export function readPrevisRequest(req: Pick<CompiledRequest, 'url' | 'body'>): PrevisRenderRequest {
  const body = req.body as Partial<PrevisRenderRequest> | null;
  if (req.url !== PREVIS_URL || !body || typeof body !== 'object') throw invalid('previs.invalid_request', 'not a previs render request');
  const asRef = (p: PrevisPictureRef | null | undefined): MediaRef | undefined => (p ? { kind: 'blob', sha256: p.sha256, mediaType: p.mediaType } : undefined);
  const spec: GenerationSpec = {
    model: body.model as string,
    prompt: body.prompt as string,
    seed: body.seed,
    firstFrame: asRef(body.start),
    lastFrame: asRef(body.end),
    providerOptions: { previs: body.options },
  };
  const problems = validatePrevisSpec(spec);
  if (problems.length > 0 || body.seed === undefined) throw invalid('previs.invalid_request', problems.map((p) => `${p.field} ${p.problem}`).join('; ') || 'seed is missing');
  return body as PrevisRenderRequest;
}
