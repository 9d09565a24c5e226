import type { ModelCapabilities, ShotPlan } from '@backlot/contracts';
import { describe, expect, it } from 'vitest';
// Type only, and only in the test: the domain must stay structurally compatible with the port it feeds.
import type { GenerationSpec, PrevisOptions } from '../../ports/video-provider.ts';
import { compileGeneration, type CompileInput, type CompilerReference } from './prompt-compiler.ts';

const base: Omit<ModelCapabilities, 'provider' | 'model' | 'label'> = {
  durationsSec: [5],
  aspectRatios: ['16:9'],
  resolutions: ['1080p'],
  slots: [],
  audio: false,
  seed: true,
  negativePrompt: false,
  cameraControls: false,
  maxPromptChars: 4000,
  cancelRunning: true,
  available: true,
  priceUnit: 'generations',
};
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

const previs: ModelCapabilities = {
  ...base,
  provider: 'previs',
  model: 'previs-animatic',
  label: 'Previs animatic',
  durationsSec: range(1, 60),
  aspectRatios: ['16:9', '9:16', '1:1'],
  resolutions: ['720p', '1080p'],
  slots: [
    { slot: 'firstFrame', roles: ['start-frame', 'location'], media: 'image', max: 1 },
    { slot: 'lastFrame', roles: ['end-frame'], media: 'image', max: 1 },
  ],
};
const runway: ModelCapabilities = {
  ...base,
  provider: 'runway',
  model: 'gen4.5',
  label: 'Runway Gen-4.5',
  durationsSec: range(2, 10),
  aspectRatios: ['16:9', '9:16', '4:3', '1:1', '3:4', '21:9'],
  resolutions: ['720p'],
  slots: [{ slot: 'firstFrame', roles: ['start-frame'], media: 'image', max: 1 }],
  maxPromptChars: 1000,
  cancelRunning: true,
};
const kling: ModelCapabilities = {
  ...base,
  provider: 'kling',
  model: 'kling-v2-6',
  label: 'Kling 2.6',
  durationsSec: [5, 10],
  aspectRatios: ['16:9', '9:16', '1:1'],
  resolutions: ['720p', '1080p'],
  slots: [
    { slot: 'firstFrame', roles: ['start-frame'], media: 'image', max: 1 },
    { slot: 'lastFrame', roles: ['end-frame'], media: 'image', max: 1 },
  ],
  audio: true,
  seed: false,
  negativePrompt: true,
  cameraControls: true,
  maxPromptChars: 2500,
  cancelRunning: false,
};
const seedance: ModelCapabilities = {
  ...base,
  provider: 'seedance',
  model: 'seedance-2-0',
  label: 'Seedance 2.0',
  durationsSec: range(4, 15),
  aspectRatios: ['16:9', '4:3', '1:1', '3:4', '9:16', '21:9'],
  resolutions: ['480p', '720p', '1080p'],
  slots: [
    { slot: 'firstFrame', roles: ['start-frame'], media: 'image', max: 1 },
    { slot: 'referenceImages', roles: ['character', 'wardrobe', 'prop', 'location', 'style'], media: 'image', max: 9 },
    { slot: 'referenceVideos', roles: ['motion'], media: 'video', max: 3 },
    { slot: 'referenceAudio', roles: ['audio'], media: 'audio', max: 3 },
  ],
  audio: true,
  maxPromptChars: 3500,
};

const file = (sha: string, kind: 'image' | 'video' | 'audio' = 'image') => ({
  sha256: sha.repeat(64).slice(0, 64),
  mediaType: { image: 'image/png', video: 'video/mp4', audio: 'audio/wav' }[kind],
  kind,
  width: kind === 'audio' ? null : 1920,
  height: kind === 'audio' ? null : 1080,
});
const ref = (name: string, role: CompilerReference['role'], f: CompilerReference['file'], notes = ''): CompilerReference => ({
  assetId: `a-${name}`,
  name,
  kind: role,
  version: 2,
  role,
  file: f,
  notes,
});
const blob = (f: NonNullable<CompilerReference['file']>) => ({ kind: 'blob', sha256: f.sha256, mediaType: f.mediaType, width: f.width, height: f.height });

const MARA = ref('Mara', 'character', file('a'), 'short dark hair');
const WAREHOUSE = ref('Warehouse', 'location', file('b'));
const OPENING = ref('Opening', 'start-frame', file('c'));
const CLOSING = ref('Closing', 'end-frame', file('d'));
const WALK = ref('Walk', 'motion', file('e', 'video'));
const RAIN = ref('Rain', 'audio', file('f', 'audio'));
const COAT = ref('Red coat', 'wardrobe', null);
const ALL = [MARA, WAREHOUSE, OPENING, CLOSING, WALK, RAIN, COAT];

const plan: ShotPlan = {
  scenePurpose: 'Mara realises she is not alone',
  job: 'Show her stop at the door',
  subjectAction: 'Mara crosses the wet floor and stops at the door. She listens.',
  camera: { size: 'MCU', angle: 'low', height: 'knee', movement: 'push-in', lensFeel: 'long', pace: 'slow' },
  environment: 'rain-streaked skylights, a single bulb over the door',
  constraints: { mustNotAppear: ['cars', 'modern phones'], mustNotDrift: ["Mara's red scarf"] },
  reviewCriteria: ['she stops before the door'],
  targetFrames: 120,
  aspect: null,
};

const input = (caps: ModelCapabilities, over: Partial<CompileInput> = {}): CompileInput => ({
  plan,
  scene: { number: '12', heading: 'INT. WAREHOUSE - NIGHT' },
  shotCode: 'SC012_SH030',
  project: { code: 'NITE', fpsNum: 24000, fpsDen: 1001, width: 1920, height: 1080 },
  references: ALL,
  capabilities: caps,
  settings: {},
  seed: 4211,
  takeCode: 'TK004',
  ...over,
});

const whats = (c: ReturnType<typeof compileGeneration>, action: 'dropped' | 'adapted') => c.adaptations.filter((a) => a.action === action).map((a) => a.what);

describe('prompt compiler across model shapes', () => {
  it.each([
    {
      caps: previs,
      slots: { firstFrame: blob(OPENING.file!), lastFrame: blob(CLOSING.file!) },
      dropped: ['Mara v2 (character)', 'Warehouse v2 (location)', 'Walk v2 (motion)', 'Rain v2 (audio)', 'Red coat v2 (wardrobe)'],
      adapted: ['must not appear'],
      inPrompt: ['Opening (start frame)', 'Closing (end frame)', 'Mara (character): short dark hair', 'Avoid: cars, modern phones.'],
      negative: null,
    },
    {
      caps: runway,
      slots: { firstFrame: blob(OPENING.file!) },
      dropped: ['Mara v2 (character)', 'Warehouse v2 (location)', 'Closing v2 (end frame)', 'Walk v2 (motion)', 'Rain v2 (audio)', 'Red coat v2 (wardrobe)'],
      adapted: ['resolution', 'must not appear'],
      inPrompt: ['Opening (start frame)', 'Closing (end frame)', 'Avoid: cars, modern phones.'],
      negative: null,
    },
    {
      caps: kling,
      slots: { firstFrame: blob(OPENING.file!), lastFrame: blob(CLOSING.file!) },
      dropped: ['seed', 'Mara v2 (character)', 'Warehouse v2 (location)', 'Walk v2 (motion)', 'Rain v2 (audio)', 'Red coat v2 (wardrobe)'],
      adapted: [],
      inPrompt: ['Opening (start frame)', 'Closing (end frame)'],
      negative: 'cars, modern phones',
    },
    {
      caps: seedance,
      slots: { firstFrame: blob(OPENING.file!), referenceImages: [blob(MARA.file!), blob(WAREHOUSE.file!)], referenceVideos: [blob(WALK.file!)], referenceAudio: [blob(RAIN.file!)] },
      dropped: ['Closing v2 (end frame)', 'Red coat v2 (wardrobe)'],
      adapted: ['must not appear'],
      inPrompt: [
        'Mara (character, as in reference image 1): short dark hair',
        'Warehouse (location, as in reference image 2)',
        'Walk (motion, as in reference video 1)',
        'Rain (audio, as in reference audio 1)',
        'Red coat (wardrobe)',
      ],
      negative: null,
    },
  ])('$caps.model', ({ caps, slots, dropped, adapted, inPrompt, negative }) => {
    const c = compileGeneration(input(caps));
    const spec: GenerationSpec = c.spec;
    const placed = { firstFrame: spec.firstFrame, lastFrame: spec.lastFrame, referenceImages: spec.referenceImages, referenceVideos: spec.referenceVideos, referenceAudio: spec.referenceAudio };
    expect(Object.fromEntries(Object.entries(placed).filter(([, v]) => v !== undefined))).toEqual(slots);
    expect(whats(c, 'dropped')).toEqual(dropped);
    expect(whats(c, 'adapted')).toEqual(adapted);
    for (const words of inPrompt) expect(c.prompt).toContain(words);
    expect(c.prompt.startsWith('Medium close-up shot, low angle, camera at knee height, camera pushes in, long lens, slow pace. Mara crosses the wet floor and stops at the door. She listens.')).toBe(
      true,
    );
    expect(c.prompt).toContain('Setting: INT. WAREHOUSE - NIGHT; rain-streaked skylights, a single bulb over the door.');
    expect(c.prompt).toContain("Keep consistent throughout the shot: Mara's red scarf.");
    expect(c.negativePrompt).toBe(negative);
    expect(spec.negativePrompt).toBe(negative ?? undefined);
    expect(c.prompt.length).toBeLessThanOrEqual(caps.maxPromptChars);
    expect(spec.seed).toBe(caps.seed ? 4211 : undefined);
    expect(spec.generateAudio).toBe(caps.audio ? false : undefined);
    expect(spec.durationSec).toBe(5);
    expect(c.frames).toBe(120);
    expect(spec.aspectRatio).toBe('16:9');
  });

  it('writes the whole prompt for a model with a negative prompt and camera controls', () => {
    const c = compileGeneration(input(kling, { references: [OPENING, CLOSING], settings: { promptAddition: 'More rain on the glass.' } }));
    expect(c.prompt).toBe(
      'Medium close-up shot, low angle, camera at knee height, camera pushes in, long lens, slow pace. ' +
        'Mara crosses the wet floor and stops at the door. She listens. ' +
        'References: Opening (start frame); Closing (end frame). ' +
        'Setting: INT. WAREHOUSE - NIGHT; rain-streaked skylights, a single bulb over the door. ' +
        "Keep consistent throughout the shot: Mara's red scarf. " +
        'More rain on the glass.',
    );
    expect(c.spec.camera).toEqual({ preset: 'push_in', axes: { zoom: 3 } });
    expect(c.spec.resolution).toBe('1080p');
    expect(compileGeneration(input(kling, { plan: { ...plan, camera: { ...plan.camera, movement: 'pan', pace: null } } })).spec.camera).toEqual({ preset: 'pan', axes: { pan: 5 } });
    expect(compileGeneration(input(kling, { plan: { ...plan, camera: { ...plan.camera, movement: 'handheld' } } })).spec.camera).toBeUndefined();
    expect(compileGeneration(input(seedance)).spec.camera).toBeUndefined();
  });

  it('says why each reference was dropped', () => {
    const c = compileGeneration(input(previs));
    expect(c.adaptations.filter((a) => a.action === 'dropped').map((a) => a.why)).toEqual([
      'previs-animatic has no place for a character reference',
      'previs-animatic takes at most 1 start frame, already filled by earlier references',
      'previs-animatic has no place for a motion reference',
      'previs-animatic has no place for an audio reference',
      'Red coat v2 has no file to send',
    ]);
    const video = compileGeneration(
      input(
        { ...seedance, slots: [{ slot: 'referenceImages', roles: ['character'], media: 'image', max: 1 }] },
        { references: [ref('Mara', 'character', file('a', 'video')), ref('Jon', 'character', file('g')), ref('Ada', 'character', file('h'))] },
      ),
    );
    expect(video.adaptations.filter((a) => a.action === 'dropped').map((a) => a.why)).toEqual([
      'seedance-2-0 takes character references as image; this one is a video',
      'seedance-2-0 takes at most 1 reference image, already filled by earlier references',
    ]);
    expect(video.spec.referenceImages).toEqual([blob(file('g'))]);
  });

  it('frames previs from the location when there is no start frame', () => {
    const c = compileGeneration(input(previs, { references: [MARA, WAREHOUSE, CLOSING] }));
    expect(c.spec.firstFrame).toEqual(blob(WAREHOUSE.file!));
    expect(c.prompt).toContain('Warehouse (location, as in the start frame)');
  });

  it('gives previs the exact frames, the slate and the card', () => {
    const c = compileGeneration(input(previs, { plan: { ...plan, targetFrames: 131 } }));
    const options: PrevisOptions | undefined = c.spec.providerOptions?.previs;
    expect(options).toEqual({
      width: 1920,
      height: 1080,
      fpsNum: 24000,
      fpsDen: 1001,
      frames: 131,
      size: 'MCU',
      movement: 'push-in',
      slate: { project: 'NITE', shot: 'SC012_SH030', take: 'TK004', action: 'Mara crosses the wet floor and stops at the door.' },
      cardTitle: '12 INT. WAREHOUSE - NIGHT',
    });
    expect(c.frames).toBe(131);
    expect(c.spec.durationSec).toBe(5);
    expect(whats(c, 'adapted')).not.toContain('duration');
    const tall = compileGeneration(input(previs, { settings: { aspectRatio: '9:16' } }));
    expect(tall.spec.providerOptions?.previs).toMatchObject({ width: 608, height: 1080 });
    const long = 'Mara, soaked through and shaking, crosses the long wet floor of the warehouse towards the far door and stops';
    expect(compileGeneration(input(previs, { plan: { ...plan, subjectAction: long } })).spec.providerOptions?.previs?.slate.action).toBe(
      'Mara, soaked through and shaking, crosses the long wet floor of the warehouse…',
    );
    expect(compileGeneration(input(kling)).spec.providerOptions).toBeUndefined();
  });

  it.each([
    ['5.005 s fits 5 s exactly on the grid', 120, kling, 5, 120, null],
    ['6.256 s rounds down to 5 s', 150, kling, 5, 120, '150 frames (6.256 s) asked; kling-v2-6 renders 5 or 10 seconds, so the take is 5 s (120 frames)'],
    ['7.508 s rounds up to 10 s', 180, kling, 10, 240, '180 frames (7.508 s) asked; kling-v2-6 renders 5 or 10 seconds, so the take is 10 s (240 frames)'],
    ['6 s whole on a range', 144, runway, 6, 144, null],
    ['4.17 s on a range of whole seconds', 100, runway, 4, 96, '100 frames (4.171 s) asked; gen4.5 renders 2–10 seconds, so the take is 4 s (96 frames)'],
    ['previs keeps odd frames', 101, previs, 4, 101, null],
  ])('duration at 24000/1001: %s', (_what, frames, caps, seconds, expectedFrames, why) => {
    const c = compileGeneration(input(caps, { plan: { ...plan, targetFrames: frames } }));
    expect([c.spec.durationSec, c.frames]).toEqual([seconds, expectedFrames]);
    expect(c.adaptations.find((a) => a.what === 'duration')?.why ?? null).toBe(why);
  });

  it('fills the duration from the settings, then the plan, then 5 s', () => {
    expect(compileGeneration(input(previs, { settings: { durationFrames: 48 } })).frames).toBe(48);
    expect(compileGeneration(input(previs, { plan: { ...plan, targetFrames: null } })).frames).toBe(120);
    expect(compileGeneration(input(previs, { plan: { ...plan, targetFrames: null }, project: { code: 'P', fpsNum: 25, fpsDen: 1, width: 1920, height: 1080 } })).frames).toBe(125);
  });

  it('adapts aspect and resolution to the nearest offered', () => {
    const scope = compileGeneration(input(kling, { plan: { ...plan, aspect: '239:100' } }));
    expect(scope.spec.aspectRatio).toBe('16:9');
    expect(scope.adaptations.find((a) => a.what === 'aspect')?.why).toBe('239:100 asked; kling-v2-6 renders 16:9, 9:16, 1:1, so 16:9, the nearest');
    expect(compileGeneration(input(runway, { plan: { ...plan, aspect: '239:100' } })).spec.aspectRatio).toBe('21:9');
    expect(compileGeneration(input(runway, { settings: { aspectRatio: '32:18' } })).adaptations.map((a) => a.what)).not.toContain('aspect');
    expect(compileGeneration(input(kling, { project: { code: 'P', fpsNum: 24, fpsDen: 1, width: 3840, height: 2160 } })).spec.resolution).toBe('1080p');
    expect(compileGeneration(input(seedance, { project: { code: 'P', fpsNum: 24, fpsDen: 1, width: 640, height: 360 } })).spec.resolution).toBe('480p');
    const asked = compileGeneration(input(kling, { settings: { resolution: '4k' } }));
    expect([asked.spec.resolution, asked.adaptations.find((a) => a.what === 'resolution')?.why]).toEqual(['1080p', '4k asked; kling-v2-6 renders 720p, 1080p, so 1080p']);
  });

  it('passes seed and audio only to models that take them', () => {
    expect(compileGeneration(input(seedance, { settings: { generateAudio: true } })).spec.generateAudio).toBe(true);
    const silent = compileGeneration(input(runway, { settings: { generateAudio: true } }));
    expect([silent.spec.generateAudio, whats(silent, 'dropped')]).toEqual([undefined, expect.arrayContaining(['audio'])]);
    expect(compileGeneration(input(kling)).adaptations.find((a) => a.what === 'seed')?.why).toBe('kling-v2-6 takes no seed, so this take cannot be repeated exactly');
  });

  it('cuts a long prompt after a whole word and says so', () => {
    const c = compileGeneration(input({ ...kling, maxPromptChars: 120 }, { plan: { ...plan, constraints: { mustNotAppear: ['x'.repeat(130)], mustNotDrift: [] } } }));
    expect(c.prompt).toBe('Medium close-up shot, low angle, camera at knee height, camera pushes in, long lens, slow pace. Mara crosses the wet');
    expect(c.adaptations.find((a) => a.what === 'prompt')?.why).toMatch(/^the compiled prompt has \d+ characters; kling-v2-6 reads at most 120, so it was cut after a whole word \(116\)$/);
    expect(c.negativePrompt).toBe('x'.repeat(120));
    expect(whats(c, 'adapted')).toContain('negative prompt');
  });

  it('names a ComfyUI workflow by the name and version the crew gave it, not its id, while the request still carries the id', () => {
    const workflow: ModelCapabilities = { ...base, provider: 'comfyui', model: '01a24f48-87ab-7fd2-ade5-4887c429782e', label: 'ComfyUI Pier t2v (v2)', durationsSec: range(1, 10), seed: false };
    const c = compileGeneration(input(workflow, { references: [] }));
    // 120 frames at 23.976 are 5.005 s: the nearest whole second it renders is 5 (119.88 → 120 frames).
    expect(c.adaptations.map((a) => a.why)).toEqual([
      'ComfyUI Pier t2v (v2) takes no seed, so this take cannot be repeated exactly',
      'ComfyUI Pier t2v (v2) takes no negative prompt, so "Avoid: …" was added to the prompt',
    ]);
    expect(c.spec.model).toBe('01a24f48-87ab-7fd2-ade5-4887c429782e');
  });

  it('gives byte-identical output for the same input', () => {
    for (const caps of [previs, runway, kling, seedance]) {
      const once = JSON.stringify(compileGeneration(input(caps)));
      expect(JSON.stringify(compileGeneration(structuredClone(input(caps))))).toBe(once);
      expect(Object.keys(compileGeneration(input(caps)).spec)[0]).toBe('model');
    }
  });
});
