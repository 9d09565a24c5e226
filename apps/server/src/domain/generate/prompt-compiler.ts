/**
 * The prompt compiler (DESIGN.md §5 step 3): a shot plan, its references and the settings become
 * one provider-neutral generation spec that fits what the model accepts. Whatever the model cannot
 * honour is adapted or dropped, and each such change is reported in words. Same input, same bytes.
 */
import {
  SHOT_SIZE_NAMES,
  type Adaptation,
  type Camera,
  type GenerationSettings,
  type ModelCapabilities,
  type ReferenceRole,
  type ReferenceSlot,
  type ResolutionName,
  type ShotPlan,
} from '@backlot/contracts';
import { aspectOf } from '../project/project.rules.ts';
import type { BlobMediaRef, CameraMove, GenerationSpec } from './generation-spec.ts';
import { RESOLUTION_LINES, describeDurations, frameForAspect, framesOf, matchingAspect, nearestAspect, nearestDuration, resolutionForLines, secondsOf, showSeconds } from './settings.rules.ts';

export type { BlobMediaRef, CameraMove, GenerationSpec, PrevisOptions } from './generation-spec.ts';

/** A reference of the plan at its exact version, with the file that version holds. */
export interface CompilerReference {
  assetId: string;
  name: string;
  kind: string;
  version: number;
  role: ReferenceRole;
  /** The picture/video/audio file of that version, if any. */
  file: { sha256: string; mediaType: string; kind: 'image' | 'video' | 'audio'; width: number | null; height: number | null } | null;
  notes: string;
}

/** Everything one take's request is compiled from. */
export interface CompileInput {
  plan: ShotPlan;
  scene: { number: string; heading: string };
  shotCode: string;
  project: { code: string; fpsNum: number; fpsDen: number; width: number; height: number };
  /** In plan order. */
  references: CompilerReference[];
  capabilities: ModelCapabilities;
  settings: GenerationSettings;
  /** Seed for this take (the service picks one when settings.seed is absent). */
  seed: number;
  takeCode: string;
}

/** The compiled request, its prompts, every adaptation made, and the frames the take will hold on the project grid. */
export interface CompiledGeneration {
  spec: GenerationSpec;
  prompt: string;
  negativePrompt: string | null;
  adaptations: Adaptation[];
  frames: number;
}

/** A take's length when neither the settings nor the plan give one. */
const DEFAULT_SECONDS = 5;
const SINGLE_SLOTS: ReadonlySet<ReferenceSlot> = new Set(['firstFrame', 'lastFrame']);

/** The plan's camera vocabulary as a director would say it in a prompt. */
const CAMERA_WORDS = {
  angle: {
    'eye-level': 'eye-level angle',
    low: 'low angle',
    high: 'high angle',
    overhead: "overhead bird's-eye angle",
    dutch: 'dutch angle',
    'over-the-shoulder': 'over-the-shoulder',
    pov: 'point-of-view',
  },
  height: {
    ground: 'camera at ground level',
    knee: 'camera at knee height',
    waist: 'camera at waist height',
    shoulder: 'camera at shoulder height',
    eye: 'camera at eye level',
    overhead: 'camera overhead',
  },
  movement: {
    static: 'static locked-off camera',
    'push-in': 'camera pushes in',
    'pull-out': 'camera pulls out',
    pan: 'camera pans',
    tilt: 'camera tilts',
    truck: 'camera trucks sideways',
    dolly: 'camera dollies',
    crane: 'crane move',
    handheld: 'handheld camera',
    steadicam: 'smooth steadicam follow',
  },
  lens: { 'ultra-wide': 'ultra-wide lens', wide: 'wide lens', normal: 'normal lens', long: 'long lens', telephoto: 'telephoto lens', macro: 'macro lens' },
} satisfies {
  angle: Record<NonNullable<Camera['angle']>, string>;
  height: Record<NonNullable<Camera['height']>, string>;
  movement: Record<NonNullable<Camera['movement']>, string>;
  lens: Record<NonNullable<Camera['lensFeel']>, string>;
};

/** Camera-control moves (Kling's `camera_control` axes run −10…10, one axis at a time); handheld and steadicam stay words. */
const CAMERA_MOVES: Partial<Record<NonNullable<Camera['movement']>, { preset: string; axis: 'horizontal' | 'vertical' | 'pan' | 'tilt' | 'zoom'; sign: 1 | -1 }>> = {
  'push-in': { preset: 'push_in', axis: 'zoom', sign: 1 },
  'pull-out': { preset: 'pull_out', axis: 'zoom', sign: -1 },
  pan: { preset: 'pan', axis: 'pan', sign: 1 },
  tilt: { preset: 'tilt', axis: 'tilt', sign: 1 },
  truck: { preset: 'truck', axis: 'horizontal', sign: 1 },
  dolly: { preset: 'dolly', axis: 'zoom', sign: 1 },
  crane: { preset: 'crane', axis: 'vertical', sign: 1 },
};
/** How strong a move is, by the plan's pace (5 when no pace is set). */
const PACE_STRENGTH: Record<NonNullable<Camera['pace']>, number> = { slow: 3, measured: 5, brisk: 7, frantic: 9 };

function cameraMoveOf(camera: Camera): CameraMove | null {
  const move = camera.movement ? CAMERA_MOVES[camera.movement] : undefined;
  if (!move) return null;
  return { preset: move.preset, axes: { [move.axis]: move.sign * (camera.pace ? PACE_STRENGTH[camera.pace] : 5) } };
}

function roleWords(role: ReferenceRole): string {
  return role.replace('-', ' ');
}

function slotNoun(slot: ReferenceSlot, count: number): string {
  const noun = { firstFrame: 'start frame', lastFrame: 'end frame', referenceImages: 'reference image', referenceVideos: 'reference video', referenceAudio: 'reference audio' }[slot];
  return count === 1 || slot === 'referenceAudio' ? noun : `${noun}s`;
}

/** Trimmed text ending in a full stop (unless it already ends a sentence); '' stays ''. */
function sentence(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  return !t || /[.!?…]$/.test(t) ? t : `${t}.`;
}

/** Text cut to at most `max` characters after a whole word, without a dangling comma. */
function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const space = text.slice(0, max + 1).lastIndexOf(' ');
  return (space > 0 ? text.slice(0, space) : text.slice(0, max)).replace(/[\s,;:]+$/, '');
}

/** The first sentence of a text, at most `max` characters (cut after a word, with an ellipsis). */
function firstSentence(text: string, max: number): string {
  const t = text.trim().replace(/\s+/g, ' ');
  const first = /^.*?[.!?](?=\s|$)/.exec(t)?.[0] ?? t;
  return first.length <= max ? first : `${cutAtWord(first, max - 1)}…`;
}

/** Where each reference went: its slot and place there, or why it could not go anywhere. */
type Placement = { slot: ReferenceSlot; index: number } | { dropped: string };

/** The model as the crew reads it: the provider's own model id, or for a ComfyUI workflow (its id Backlot's own) the name and version the crew gave it. */
function modelName(caps: ModelCapabilities): string {
  return caps.provider === 'comfyui' ? caps.label : caps.model;
}

/** Maps references to the model's slots: slots in the order the model lists them, roles in each slot's order, references in plan order. */
function placeReferences(refs: readonly CompilerReference[], caps: ModelCapabilities): { placements: Placement[]; slots: Partial<Record<ReferenceSlot, BlobMediaRef[]>> } {
  const slots: Partial<Record<ReferenceSlot, BlobMediaRef[]>> = {};
  const placed = new Map<number, Placement>();
  for (const s of caps.slots) {
    const list = (slots[s.slot] ??= []);
    // A slot may be listed twice (say, pictures of characters and one of the style); each entry has its own max.
    let room = SINGLE_SLOTS.has(s.slot) ? 1 - list.length : s.max;
    for (const role of s.roles) {
      for (let i = 0; i < refs.length && room > 0; i++) {
        const ref = refs[i];
        if (placed.has(i) || ref.role !== role || !ref.file || ref.file.kind !== s.media) continue;
        list.push({ kind: 'blob', sha256: ref.file.sha256, mediaType: ref.file.mediaType, width: ref.file.width, height: ref.file.height });
        placed.set(i, { slot: s.slot, index: list.length });
        room--;
      }
    }
  }
  const placements = refs.map((ref, i): Placement => placed.get(i) ?? { dropped: whyDropped(ref, caps) });
  for (const key of Object.keys(slots) as ReferenceSlot[]) if (slots[key]?.length === 0) delete slots[key];
  return { placements, slots };
}

function whyDropped(ref: CompilerReference, caps: ModelCapabilities): string {
  if (!ref.file) return `${ref.name} v${ref.version} has no file to send`;
  const forRole = caps.slots.filter((s) => s.roles.includes(ref.role));
  if (forRole.length === 0) return `${modelName(caps)} has no place for ${/^[aeiou]/.test(ref.role) ? 'an' : 'a'} ${roleWords(ref.role)} reference`;
  const file = ref.file;
  const fitting = forRole.filter((s) => s.media === file.kind);
  if (fitting.length === 0)
    return `${modelName(caps)} takes ${roleWords(ref.role)} references as ${forRole.map((s) => s.media).join(' or ')}; this one is ${file.kind === 'image' ? 'an' : 'a'} ${file.kind}`;
  return `${modelName(caps)} takes at most ${listCaps(fitting)}, already filled by earlier references`;
}

function listCaps(slots: ModelCapabilities['slots']): string {
  return slots.map((s) => `${SINGLE_SLOTS.has(s.slot) ? 1 : s.max} ${slotNoun(s.slot, s.max)}`).join(' and ');
}

/** How the prompt names a reference: "Mara (character, as in reference image 1)". */
function referencePhrase(ref: CompilerReference, placement: Placement): string {
  const role = roleWords(ref.role);
  let where = '';
  if ('slot' in placement) {
    if (placement.slot === 'firstFrame') where = ref.role === 'start-frame' ? '' : 'the start frame';
    else if (placement.slot === 'lastFrame') where = ref.role === 'end-frame' ? '' : 'the end frame';
    else where = `${slotNoun(placement.slot, 1)} ${placement.index}`;
  }
  const notes = ref.notes.trim().replace(/\s+/g, ' ');
  return `${ref.name} (${role}${where ? `, as in ${where}` : ''})${notes ? `: ${notes}` : ''}`;
}

/** The camera in a director's words: "Medium close-up shot, low angle, camera at knee height, camera pushes in, long lens, slow pace." */
function cameraSentence(camera: Camera): string {
  const parts: string[] = [];
  if (camera.size) parts.push(`${SHOT_SIZE_NAMES[camera.size]} shot`);
  if (camera.angle) parts.push(CAMERA_WORDS.angle[camera.angle]);
  if (camera.height) parts.push(CAMERA_WORDS.height[camera.height]);
  if (camera.movement) parts.push(CAMERA_WORDS.movement[camera.movement]);
  if (camera.lensFeel) parts.push(CAMERA_WORDS.lens[camera.lensFeel]);
  if (camera.pace) parts.push(`${camera.pace} pace`);
  if (parts.length === 0) return '';
  const text = parts.join(', ');
  return sentence(text[0].toUpperCase() + text.slice(1));
}

/** Compiles one take's request from its plan, references and settings, reporting every adaptation. */
export function compileGeneration(input: CompileInput): CompiledGeneration {
  const { plan, capabilities: caps, settings, project } = input;
  const previs = caps.provider === 'previs';
  const model = caps.model;
  const name = modelName(caps);
  const rate = { fpsNum: project.fpsNum, fpsDen: project.fpsDen };
  const adaptations: Adaptation[] = [];
  const adapt = (what: string, why: string) => adaptations.push({ what, action: 'adapted', why });
  const drop = (what: string, why: string) => adaptations.push({ what, action: 'dropped', why });

  // Duration: previs renders the plan's frames exactly; other models render whole seconds.
  const askedFrames = settings.durationFrames ?? plan.targetFrames ?? framesOf(DEFAULT_SECONDS, rate);
  const askedSeconds = secondsOf(askedFrames, rate);
  const durationSec = nearestDuration(askedSeconds, caps.durationsSec) ?? Math.max(1, Math.round(askedSeconds));
  const frames = previs ? askedFrames : framesOf(durationSec, rate);
  if (frames !== askedFrames) {
    const offered = caps.durationsSec.length ? describeDurations(caps.durationsSec) : 'whole';
    adapt('duration', `${askedFrames} frames (${showSeconds(askedSeconds)} s) asked; ${name} renders ${offered} seconds, so the take is ${durationSec} s (${frames} frames)`);
  }

  // Aspect and resolution.
  const projectAspect = aspectOf(project.width, project.height);
  const askedAspect = settings.aspectRatio ?? plan.aspect ?? projectAspect;
  let aspect = askedAspect;
  if (caps.aspectRatios.length > 0) {
    const match = matchingAspect(askedAspect, caps.aspectRatios);
    aspect = match ?? nearestAspect(askedAspect, caps.aspectRatios) ?? caps.aspectRatios[0];
    if (!match) adapt('aspect', `${askedAspect} asked; ${name} renders ${caps.aspectRatios.join(', ')}, so ${aspect}, the nearest`);
  }
  let resolution: ResolutionName | undefined;
  if (caps.resolutions.length > 0) {
    const lines = Math.min(project.width, project.height);
    resolution = settings.resolution && caps.resolutions.includes(settings.resolution) ? settings.resolution : resolutionForLines(lines, caps.resolutions);
    if (settings.resolution && settings.resolution !== resolution) adapt('resolution', `${settings.resolution} asked; ${name} renders ${caps.resolutions.join(', ')}, so ${resolution}`);
    else if (!settings.resolution && !previs && RESOLUTION_LINES[resolution] !== lines) {
      adapt('resolution', `the project is ${project.width}×${project.height}; ${name} renders ${caps.resolutions.join(', ')}, so ${resolution} (the review proxy is scaled to the project)`);
    }
  }

  if (!caps.seed) drop('seed', `${name} takes no seed, so this take cannot be repeated exactly`);
  if (!caps.audio && settings.generateAudio) drop('audio', `${name} makes silent video`);

  const { placements, slots } = placeReferences(input.references, caps);
  input.references.forEach((ref, i) => {
    const p = placements[i];
    if ('dropped' in p) drop(`${ref.name} v${ref.version} (${roleWords(ref.role)})`, p.dropped);
  });

  // The prompt, in the order a director would brief it.
  const refs = input.references.map((ref, i) => referencePhrase(ref, placements[i]));
  const mustNotAppear = plan.constraints.mustNotAppear.map((s) => s.trim()).filter(Boolean);
  const mustNotDrift = plan.constraints.mustNotDrift.map((s) => s.trim()).filter(Boolean);
  const setting = [input.scene.heading.trim(), plan.environment.trim().replace(/[.\s]+$/, '')].filter(Boolean).join('; ');
  const parts = [
    cameraSentence(plan.camera),
    sentence(plan.subjectAction),
    refs.length ? sentence(`References: ${refs.join('; ')}`) : '',
    setting ? sentence(`Setting: ${setting}`) : '',
    mustNotDrift.length ? sentence(`Keep consistent throughout the shot: ${mustNotDrift.join('; ')}`) : '',
  ];
  let negativePrompt: string | null = null;
  if (mustNotAppear.length && caps.negativePrompt) negativePrompt = mustNotAppear.join(', ');
  else if (mustNotAppear.length) {
    parts.push(sentence(`Avoid: ${mustNotAppear.join(', ')}`));
    adapt('must not appear', `${name} takes no negative prompt, so "Avoid: …" was added to the prompt`);
  }
  parts.push(sentence(settings.promptAddition ?? ''));
  const full = parts.filter(Boolean).join(' ');
  const prompt = cutAtWord(full, caps.maxPromptChars);
  if (prompt.length < full.length)
    adapt('prompt', `the compiled prompt has ${full.length} characters; ${name} reads at most ${caps.maxPromptChars}, so it was cut after a whole word (${prompt.length})`);
  if (negativePrompt !== null && negativePrompt.length > caps.maxPromptChars) {
    const cut = cutAtWord(negativePrompt, caps.maxPromptChars);
    adapt('negative prompt', `${negativePrompt.length} characters; ${name} reads at most ${caps.maxPromptChars}, so it was cut after a whole word (${cut.length})`);
    negativePrompt = cut;
  }

  // The spec, keys always in this order so the stored request is byte-stable.
  const spec: GenerationSpec = { model, prompt };
  if (negativePrompt !== null) spec.negativePrompt = negativePrompt;
  spec.durationSec = durationSec;
  spec.aspectRatio = aspect;
  if (resolution) spec.resolution = resolution;
  if (caps.seed) spec.seed = input.seed;
  if (caps.audio) spec.generateAudio = settings.generateAudio ?? false;
  if (slots.firstFrame) spec.firstFrame = slots.firstFrame[0];
  if (slots.lastFrame) spec.lastFrame = slots.lastFrame[0];
  if (slots.referenceImages) spec.referenceImages = slots.referenceImages;
  if (slots.referenceVideos) spec.referenceVideos = slots.referenceVideos;
  if (slots.referenceAudio) spec.referenceAudio = slots.referenceAudio;
  const camera = caps.cameraControls ? cameraMoveOf(plan.camera) : null;
  if (camera) spec.camera = camera;
  if (previs) {
    const frame = frameForAspect(project.width, project.height, aspect);
    spec.providerOptions = {
      previs: {
        width: frame.width,
        height: frame.height,
        fpsNum: project.fpsNum,
        fpsDen: project.fpsDen,
        frames,
        size: plan.camera.size,
        movement: plan.camera.movement,
        slate: { project: project.code, shot: input.shotCode, take: input.takeCode, action: firstSentence(plan.subjectAction, 80) },
        cardTitle: `${input.scene.number} ${input.scene.heading}`.trim(),
      },
    };
  }
  return { spec, prompt, negativePrompt, adaptations, frames };
}
