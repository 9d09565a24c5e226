import { describe, expect, it } from 'vitest';
import { describeAspect, describeFrames, describeRate, parseAspect, ssimCheck, technicalChecks, type TechnicalCheckInput } from './continuity.rules.ts';

const SETTINGS = { requireLocked: true, ssimPass: 0.8, ssimWarn: 0.6, durationToleranceFrames: 2 };

/** A 1080p 23.976 project asking for 120 frames, and a take that matches it exactly. */
const BASE: TechnicalCheckInput = {
  probe: { width: 1920, height: 1080, frameRate: '24000/1001', frames: 120 },
  proxyFrames: 120,
  expected: { width: 1920, height: 1080, aspect: '16:9', fpsNum: 24000, fpsDen: 1001, frames: 120 },
  settings: SETTINGS,
};

/** Changes to BASE, field by field. */
type Change = Partial<Omit<TechnicalCheckInput, 'probe' | 'expected'>> & { probe?: Partial<TechnicalCheckInput['probe']>; expected?: Partial<TechnicalCheckInput['expected']> };

function checkOf(input: Change, name: string) {
  const merged = { ...BASE, ...input, probe: { ...BASE.probe, ...input.probe }, expected: { ...BASE.expected, ...input.expected } };
  const found = technicalChecks(merged).find((r) => r.check === name);
  if (!found) throw new Error(`no ${name} check`);
  return found;
}

describe('technicalChecks', () => {
  it('gives the four checks in order, all passing for a take that matches', () => {
    expect(technicalChecks(BASE)).toEqual([
      { check: 'resolution', result: 'pass', measured: '1920×1080', expected: '1920×1080', threshold: 'the project’s size passes; the same shape at another size warns; another shape fails' },
      { check: 'aspect', result: 'pass', measured: '16:9 (1920×1080)', expected: '16:9', threshold: 'within 1% of 16:9 passes; any other shape fails' },
      {
        check: 'frame_rate',
        result: 'pass',
        measured: '23.976 fps (24000/1001)',
        expected: '23.976 fps (24000/1001)',
        threshold: 'the project’s rate passes; another rate warns (the proxy plays every frame at the project’s rate)',
      },
      { check: 'duration', result: 'pass', measured: '120 frames (5.01 s)', expected: '120 frames (5.01 s)', threshold: 'within 2 frames passes, within 4 frames warns' },
    ]);
  });

  it.each([
    ['the project’s size', { width: 1920, height: 1080 }, 'pass'],
    ['720p: the same shape, smaller', { width: 1280, height: 720 }, 'warn'],
    ['4K UHD: the same shape, larger', { width: 3840, height: 2160 }, 'warn'],
    ['1920×1088: padded by the encoder, within 1%', { width: 1920, height: 1088 }, 'warn'],
    ['vertical 1080×1920', { width: 1080, height: 1920 }, 'fail'],
    ['square 1024×1024', { width: 1024, height: 1024 }, 'fail'],
  ])('resolution: %s → %s', (_name, probe, result) => {
    const r = checkOf({ probe }, 'resolution');
    expect(r.result).toBe(result);
    expect(r.measured).toBe(`${probe.width}×${probe.height}`);
  });

  it.each([
    ['1920×1080 against 16:9', { width: 1920, height: 1080 }, '16:9', 'pass', '16:9 (1920×1080)'],
    ['1280×720 against 16:9', { width: 1280, height: 720 }, '16:9', 'pass', '16:9 (1280×720)'],
    ['1920×804 against 2.39:1', { width: 1920, height: 804 }, '2.39:1', 'pass', '2.39:1 (1920×804)'],
    ['1920×800 (2.40) against 2.39:1, within 1%', { width: 1920, height: 800 }, '2.39:1', 'pass', '12:5 (1920×800)'],
    ['1920×1080 against 2.39:1', { width: 1920, height: 1080 }, '2.39:1', 'fail', '16:9 (1920×1080)'],
    ['1080×1920 against 9:16', { width: 1080, height: 1920 }, '9:16', 'pass', '9:16 (1080×1920)'],
    ['1080×1920 against 16:9', { width: 1080, height: 1920 }, '16:9', 'fail', '9:16 (1080×1920)'],
    ['1440×1080 against 4:3', { width: 1440, height: 1080 }, '4:3', 'pass', '4:3 (1440×1080)'],
    ['1998×1080 (1.85) against 1.85:1', { width: 1998, height: 1080 }, '1.85:1', 'pass', '1.85:1 (1998×1080)'],
    ['1920×1080 against 1.85:1 (4% off)', { width: 1920, height: 1080 }, '1.85:1', 'fail', '16:9 (1920×1080)'],
    ['anything against an aspect that is not one', { width: 1920, height: 1080 }, 'wide', 'fail', '16:9 (1920×1080)'],
  ])('aspect: %s → %s', (_name, probe, aspect, result, measured) => {
    const r = checkOf({ probe, expected: { aspect } }, 'aspect');
    expect(r).toMatchObject({ result, measured, expected: aspect });
  });

  it.each([
    ['23.976 into 23.976', '24000/1001', 24000, 1001, 'pass', '23.976 fps (24000/1001)', '23.976 fps (24000/1001)'],
    ['24 into 24', '24/1', 24, 1, 'pass', '24 fps (24/1)', '24 fps (24/1)'],
    ['24 into 23.976', '24/1', 24000, 1001, 'warn', '24 fps (24/1), conformed: plays at 99.9% speed', '23.976 fps (24000/1001)'],
    ['30 into 23.976', '30/1', 24000, 1001, 'warn', '30 fps (30/1), conformed: plays at 79.9% speed', '23.976 fps (24000/1001)'],
    ['24 into 30', '24/1', 30, 1, 'warn', '24 fps (24/1), conformed: plays at 125.0% speed', '30 fps (30/1)'],
    ['29.97 into 25', '30000/1001', 25, 1, 'warn', '29.97 fps (30000/1001), conformed: plays at 83.4% speed', '25 fps (25/1)'],
    ['an unreadable rate', '0/0', 24, 1, 'warn', 'unknown (0/0)', '24 fps (24/1)'],
  ])('frame rate: %s → %s', (_name, frameRate, fpsNum, fpsDen, result, measured, expected) => {
    expect(checkOf({ probe: { frameRate }, expected: { fpsNum, fpsDen } }, 'frame_rate')).toMatchObject({ result, measured, expected });
  });

  it.each([
    // proxy frames, expected frames, tolerance, result, measured
    [120, 120, 2, 'pass', '120 frames (5.01 s)'],
    [118, 120, 2, 'pass', '118 frames (4.92 s), 2 frames short'],
    [122, 120, 2, 'pass', '122 frames (5.09 s), 2 frames long'],
    [117, 120, 2, 'warn', '117 frames (4.88 s), 3 frames short'],
    [124, 120, 2, 'warn', '124 frames (5.17 s), 4 frames long'],
    [125, 120, 2, 'fail', '125 frames (5.21 s), 5 frames long'],
    [96, 120, 2, 'fail', '96 frames (4.00 s), 24 frames short'],
    [121, 120, 0, 'fail', '121 frames (5.05 s), 1 frame long'],
    [120, 120, 0, 'pass', '120 frames (5.01 s)'],
    [1, 120, 2, 'fail', '1 frame (0.04 s), 119 frames short'],
  ])('duration: %i frames for %i, tolerance %i → %s', (proxyFrames, frames, durationToleranceFrames, result, measured) => {
    const r = checkOf({ proxyFrames, expected: { frames }, settings: { ...SETTINGS, durationToleranceFrames } }, 'duration');
    expect(r).toMatchObject({ result, measured, expected: describeFrames(frames, 24000, 1001) });
  });

  it('counts the length on the proxy, which is on the project grid, not the original', () => {
    // A 30 fps original of 150 frames is 5 s; conformed to 24 it is 150 frames of 6.25 s, which is what the cut sees.
    const r = checkOf({ probe: { frameRate: '30/1', frames: 150 }, proxyFrames: 150, expected: { fpsNum: 24, fpsDen: 1, frames: 120 } }, 'duration');
    expect(r).toMatchObject({ result: 'fail', measured: '150 frames (6.25 s), 30 frames long', expected: '120 frames (5.00 s)' });
  });

  it('states the threshold in frames, and an exact rule when there is no tolerance', () => {
    expect(checkOf({ settings: { ...SETTINGS, durationToleranceFrames: 1 } }, 'duration').threshold).toBe('within 1 frame passes, within 2 frames warns');
    expect(checkOf({ settings: { ...SETTINGS, durationToleranceFrames: 0 } }, 'duration').threshold).toBe('exactly the planned length passes; any other fails');
  });
});

describe('ssimCheck', () => {
  const frames = { take: 'sha-take', reference: 'sha-ref', referenceLabel: 'the start-frame anchor “Kitchen wide” v3' };

  it.each([
    ['start_frame', 1, 'pass', 'SSIM 1.000'],
    ['start_frame', 0.912, 'pass', 'SSIM 0.912'],
    ['start_frame', 0.8, 'pass', 'SSIM 0.800'],
    ['end_frame', 0.7996, 'warn', 'SSIM 0.799'],
    ['end_frame', 0.6, 'warn', 'SSIM 0.600'],
    ['previous_shot', 0.5999, 'fail', 'SSIM 0.599'],
    ['previous_shot', 0.1, 'fail', 'SSIM 0.100'],
    ['previous_shot', Number.NaN, 'fail', 'SSIM not measurable'],
  ] as const)('%s at %s → %s', (check, ssim, result, measured) => {
    expect(ssimCheck(check, ssim, SETTINGS, frames)).toMatchObject({ check, result, measured, threshold: 'SSIM ≥ 0.80 passes, ≥ 0.60 warns', frames });
  });

  it.each([
    ['start_frame', 'first frame like the start-frame anchor “Kitchen wide” v3'],
    ['end_frame', 'last frame like the start-frame anchor “Kitchen wide” v3'],
    ['previous_shot', 'first frame continues from the start-frame anchor “Kitchen wide” v3'],
  ] as const)('%s says what was expected', (check, expected) => {
    expect(ssimCheck(check, 0.9, SETTINGS, frames).expected).toBe(expected);
  });

  it('follows the project’s thresholds', () => {
    const strict = { ssimPass: 0.95, ssimWarn: 0.9 };
    expect(ssimCheck('start_frame', 0.93, strict, frames)).toMatchObject({ result: 'warn', threshold: 'SSIM ≥ 0.95 passes, ≥ 0.90 warns' });
  });
});

describe('wording', () => {
  it.each([
    ['16:9', 16 / 9],
    ['2.39:1', 2.39],
    ['2.39', 2.39],
    ['4/3', 4 / 3],
    ['9:16', 9 / 16],
    ['0:9', null],
    ['wide', null],
  ])('parseAspect(%j)', (text, ratio) => {
    const got = parseAspect(text);
    if (ratio === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(ratio, 12);
  });

  it.each([
    [1920, 1080, '16:9'],
    [1080, 1920, '9:16'],
    [1920, 804, '2.39:1'],
    [804, 1920, '1:2.39'],
    [2048, 858, '2.39:1'],
    [1000, 1000, '1:1'],
  ])('describeAspect(%i, %i) = %s', (w, h, text) => {
    expect(describeAspect(w, h)).toBe(text);
  });

  it.each([
    [24000, 1001, '23.976 fps (24000/1001)'],
    [30000, 1001, '29.97 fps (30000/1001)'],
    [60000, 1001, '59.94 fps (60000/1001)'],
    [25, 1, '25 fps (25/1)'],
  ])('describeRate(%i, %i) = %s', (num, den, text) => {
    expect(describeRate(num, den)).toBe(text);
  });
});
