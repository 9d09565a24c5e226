import type { ModelCapabilities } from '@backlot/contracts';
import { describe, expect, it } from 'vitest';
import { describeDurations, frameForAspect, framesOf, matchingAspect, nearestDuration, secondsOf, validateSettings } from './settings.rules.ts';

const previs: ModelCapabilities = {
  provider: 'previs',
  model: 'previs-animatic',
  label: 'Previs animatic',
  durationsSec: Array.from({ length: 60 }, (_, i) => i + 1),
  aspectRatios: ['16:9', '9:16', '1:1'],
  resolutions: ['720p', '1080p'],
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
const kling: ModelCapabilities = { ...previs, provider: 'kling', model: 'kling-v2-6', label: 'Kling 2.6', durationsSec: [5, 10], seed: false, audio: true, maxPromptChars: 2500 };
const film = { fpsNum: 24000, fpsDen: 1001 };

describe('settings against a model', () => {
  it.each<[string, Parameters<typeof validateSettings>[0], ModelCapabilities, { field: string; problem: string }[]]>([
    ['nothing asked', {}, kling, []],
    ['everything the model can do', { durationFrames: 240, aspectRatio: '9:16', resolution: '1080p', generateAudio: true, promptAddition: 'more rain' }, kling, []],
    ['an aspect the model does not render', { aspectRatio: '239:100' }, previs, [{ field: 'settings.aspectRatio', problem: 'previs-animatic does not render 239:100; it offers 16:9, 9:16, 1:1' }]],
    ['the same shape written differently', { aspectRatio: '32:18' }, previs, []],
    ['a resolution not offered', { resolution: '4k' }, kling, [{ field: 'settings.resolution', problem: 'kling-v2-6 does not render 4k; it offers 720p, 1080p' }]],
    ['a seed for a model without seeds', { seed: 7 }, kling, [{ field: 'settings.seed', problem: 'kling-v2-6 does not take a seed; leave it empty (its takes cannot be repeated exactly)' }]],
    ['audio from a silent model', { generateAudio: true }, previs, [{ field: 'settings.generateAudio', problem: 'previs-animatic makes silent video; it cannot generate audio' }]],
    ['no audio from a silent model', { generateAudio: false }, previs, []],
    ['a duration near an allowed one (5.4 s)', { durationFrames: 130 }, kling, []],
    [
      'a duration far from every allowed one (7.5 s)',
      { durationFrames: 180 },
      kling,
      [{ field: 'settings.durationFrames', problem: '180 frames last 7.508 s at 24000/1001; kling-v2-6 renders 5 or 10 s' }],
    ],
    ['too long for a range of seconds', { durationFrames: 2000 }, previs, [{ field: 'settings.durationFrames', problem: '2000 frames last 83.417 s at 24000/1001; previs-animatic renders 1–60 s' }]],
    [
      'a prompt addition longer than the model reads',
      { promptAddition: 'x'.repeat(2501) },
      kling,
      [{ field: 'settings.promptAddition', problem: 'is 2501 characters; kling-v2-6 takes a prompt of at most 2500' }],
    ],
    ['a model without a key', {}, { ...kling, available: false }, [{ field: 'model', problem: 'Kling 2.6 is not available: no kling key is configured. An owner can add one in the provider keys.' }]],
  ])('%s', (_what, settings, caps, problems) => {
    expect(validateSettings(settings, caps, film)).toEqual(problems);
  });

  it('reports every problem at once', () => {
    expect(validateSettings({ seed: 1, aspectRatio: '4:3', durationFrames: 1 }, { ...kling, available: false }, film).map((p) => p.field)).toEqual([
      'model',
      'settings.durationFrames',
      'settings.aspectRatio',
      'settings.seed',
    ]);
  });
});

describe('frame and duration helpers', () => {
  it('converts on the project grid', () => {
    expect(secondsOf(120, film)).toBeCloseTo(5.005, 9);
    expect(framesOf(5, film)).toBe(120);
    expect(framesOf(10, film)).toBe(240);
    expect(framesOf(5, { fpsNum: 25, fpsDen: 1 })).toBe(125);
    expect(framesOf(6, { fpsNum: 30000, fpsDen: 1001 })).toBe(180);
  });
  it('picks the nearest allowed duration, the longer on a tie', () => {
    expect(nearestDuration(5.005, [5, 10])).toBe(5);
    expect(nearestDuration(7.5, [5, 10])).toBe(10);
    expect(nearestDuration(9, [4, 6, 8])).toBe(8);
    expect(nearestDuration(3, [])).toBeNull();
  });
  it('describes durations and aspect matches', () => {
    expect(describeDurations([10, 5])).toBe('5 or 10');
    expect(describeDurations([4, 6, 8])).toBe('4, 6 or 8');
    expect(describeDurations([2, 3, 4, 5])).toBe('2–5');
    expect(matchingAspect('42:18', ['16:9', '21:9', 'adaptive'])).toBe('21:9');
    expect(matchingAspect('4:3', ['16:9', 'adaptive'])).toBeNull();
  });
});

describe('the frame of an aspect inside the project frame', () => {
  it.each([
    [1920, 1080, '16:9', 1920, 1080],
    [1920, 1080, '21:9', 1920, 822],
    [1920, 1080, '9:16', 608, 1080],
    [1920, 1080, '1:1', 1080, 1080],
    [1920, 1080, '4:3', 1440, 1080],
    [1080, 1920, '16:9', 1080, 608],
    [1920, 1080, 'adaptive', 1920, 1080],
  ])('%i×%i at %s is %i×%i', (w, h, aspect, width, height) => {
    expect(frameForAspect(w, h, aspect)).toEqual({ width, height });
  });
});
