/**
 * Continuity rules: how a take's probed media compares with what the plan and the project expect
 * (size, shape, frame rate, length), and how alike its frames are to the anchors and the previous
 * shot. Each result says what was measured, what was expected and the threshold, in a producer's words.
 */
import type { ContinuityResult, GenerationProjectSettings } from '@backlot/contracts';
import { parseRational } from '../media/ffmpeg.plans.ts';

/** The tolerance within which two picture shapes are the same: 1% of the ratio (2.39:1 is 1920×804 or 1920×800). */
export const ASPECT_TOLERANCE = 0.01;

/** What the technical checks read: the original's probe, the proxy's frame count, and what was expected. */
export interface TechnicalCheckInput {
  /** The original clip, as probed (display size, its own rate, decoded frames). */
  probe: { width: number; height: number; frameRate: string; frames: number };
  /** Frames of the review proxy, which is on the project's grid. */
  proxyFrames: number;
  /** The project's size and rate, the plan's (or project's) aspect like '16:9' or '2.39:1', and the frames the plan asks for. */
  expected: { width: number; height: number; aspect: string; fpsNum: number; fpsDen: number; frames: number };
  settings: Pick<GenerationProjectSettings, 'durationToleranceFrames'>;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** An aspect like '16:9', '2.39:1' or '2.39' as width ÷ height; null when it is not one. */
export function parseAspect(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:[:/x×]\s*(\d+(?:\.\d+)?))?\s*$/.exec(text);
  if (!m) return null;
  const w = Number(m[1]);
  const h = m[2] === undefined ? 1 : Number(m[2]);
  return w > 0 && h > 0 ? w / h : null;
}

/** Whether two width ÷ height ratios are the same shape, within ASPECT_TOLERANCE. */
function sameShape(a: number, b: number): boolean {
  return Math.abs(a / b - 1) <= ASPECT_TOLERANCE;
}

/** A picture's shape as people write it: '16:9', '9:16', '4:3' for small ratios, else '2.39:1'. */
export function describeAspect(width: number, height: number): string {
  const g = gcd(width, height);
  const [w, h] = [width / g, height / g];
  if (w <= 32 && h <= 32) return `${w}:${h}`;
  return width >= height ? `${(width / height).toFixed(2)}:1` : `1:${(height / width).toFixed(2)}`;
}

/** A rate as people say it, with the exact rational: '23.976 fps (24000/1001)', '24 fps (24/1)'. */
export function describeRate(num: number, den: number): string {
  const fps = Number((num / den).toFixed(3));
  return `${fps} fps (${num}/${den})`;
}

/** Frames and their length at the project's rate: '120 frames (5.00 s)'. */
export function describeFrames(frames: number, fpsNum: number, fpsDen: number): string {
  // Hundredths counted from the exact fraction and rounded half up (toFixed on the float would turn
  // 120 frames at 23.976, exactly 5.005 s, into 5.00 one time and 5.01 another).
  const hundredths = Math.round((frames * fpsDen * 100) / fpsNum);
  return `${frames} ${frames === 1 ? 'frame' : 'frames'} (${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')} s)`;
}

/** The size check: the project's size passes; the same shape at another size warns (it scales cleanly); another shape fails. */
function resolutionCheck({ probe, expected }: TechnicalCheckInput): ContinuityResult {
  const same = probe.width === expected.width && probe.height === expected.height;
  const result = same ? 'pass' : sameShape(probe.width / probe.height, expected.width / expected.height) ? 'warn' : 'fail';
  return {
    check: 'resolution',
    result,
    measured: `${probe.width}×${probe.height}`,
    expected: `${expected.width}×${expected.height}`,
    threshold: 'the project’s size passes; the same shape at another size warns; another shape fails',
  };
}

/** The shape check: within 1% of the expected aspect passes, anything else fails. */
function aspectCheck({ probe, expected }: TechnicalCheckInput): ContinuityResult {
  const want = parseAspect(expected.aspect);
  const have = probe.width / probe.height;
  return {
    check: 'aspect',
    result: want !== null && sameShape(have, want) ? 'pass' : 'fail',
    measured: `${describeAspect(probe.width, probe.height)} (${probe.width}×${probe.height})`,
    expected: expected.aspect,
    threshold: `within ${ASPECT_TOLERANCE * 100}% of ${expected.aspect} passes; any other shape fails`,
  };
}

/**
 * The rate check: the project's rate passes; another rate warns, because the proxy is conformed
 * frame for frame (nothing is lost, but motion and sound play faster or slower than generated).
 */
function frameRateCheck({ probe, expected }: TechnicalCheckInput): ContinuityResult {
  const have = parseRational(probe.frameRate);
  const projectRate = describeRate(expected.fpsNum, expected.fpsDen);
  const threshold = 'the project’s rate passes; another rate warns (the proxy plays every frame at the project’s rate)';
  if (!have) return { check: 'frame_rate', result: 'warn', measured: `unknown (${probe.frameRate || 'none'})`, expected: projectRate, threshold };
  const same = have.num * expected.fpsDen === expected.fpsNum * have.den;
  const speed = (expected.fpsNum * have.den) / (expected.fpsDen * have.num);
  return {
    check: 'frame_rate',
    result: same ? 'pass' : 'warn',
    measured: same ? describeRate(have.num, have.den) : `${describeRate(have.num, have.den)}, conformed: plays at ${(speed * 100).toFixed(1)}% speed`,
    expected: projectRate,
    threshold,
  };
}

/** The length check, on the project's grid: within the tolerance passes, within twice it warns, beyond fails. */
function durationCheck({ proxyFrames, expected, settings }: TechnicalCheckInput): ContinuityResult {
  const tolerance = settings.durationToleranceFrames;
  const off = proxyFrames - expected.frames;
  const distance = Math.abs(off);
  const result = distance <= tolerance ? 'pass' : distance <= 2 * tolerance ? 'warn' : 'fail';
  const by = off === 0 ? '' : `, ${distance} ${distance === 1 ? 'frame' : 'frames'} ${off < 0 ? 'short' : 'long'}`;
  const within = (n: number) => `within ${n} ${n === 1 ? 'frame' : 'frames'}`;
  return {
    check: 'duration',
    result,
    measured: `${describeFrames(proxyFrames, expected.fpsNum, expected.fpsDen)}${by}`,
    expected: describeFrames(expected.frames, expected.fpsNum, expected.fpsDen),
    threshold: tolerance === 0 ? 'exactly the planned length passes; any other fails' : `${within(tolerance)} passes, ${within(2 * tolerance)} warns`,
  };
}

/** The technical checks of a take, in a fixed order: resolution, aspect, frame rate, duration. */
export function technicalChecks(input: TechnicalCheckInput): ContinuityResult[] {
  return [resolutionCheck(input), aspectCheck(input), frameRateCheck(input), durationCheck(input)];
}

/** The frame comparisons: which of the take's frames is compared with what. */
export type SsimCheckName = 'start_frame' | 'end_frame' | 'previous_shot';

const SSIM_EXPECTED: Record<SsimCheckName, (label: string) => string> = {
  start_frame: (label) => `first frame like ${label}`,
  end_frame: (label) => `last frame like ${label}`,
  previous_shot: (label) => `first frame continues from ${label}`,
};

/**
 * A frame comparison's result: SSIM at or above `ssimPass` passes, at or above `ssimWarn` warns,
 * below fails. `frames` names the two pictures compared (stored blobs) and what the reference is.
 */
export function ssimCheck(
  check: SsimCheckName,
  ssim: number,
  settings: Pick<GenerationProjectSettings, 'ssimPass' | 'ssimWarn'>,
  frames: { take: string; reference: string; referenceLabel: string },
): ContinuityResult {
  const measurable = Number.isFinite(ssim);
  const result = !measurable ? 'fail' : ssim >= settings.ssimPass ? 'pass' : ssim >= settings.ssimWarn ? 'warn' : 'fail';
  // Shown cut (not rounded) to three places, so a failing 0.7996 never reads as a passing 0.800
  // (the 1e-9 keeps 0.912 × 1000 = 911.99… from showing as 0.911).
  const shown = measurable ? (Math.floor(Math.min(1, Math.max(0, ssim)) * 1000 + 1e-9) / 1000).toFixed(3) : 'not measurable';
  return {
    check,
    result,
    measured: `SSIM ${shown}`,
    expected: SSIM_EXPECTED[check](frames.referenceLabel),
    threshold: `SSIM ≥ ${settings.ssimPass.toFixed(2)} passes, ≥ ${settings.ssimWarn.toFixed(2)} warns`,
    frames,
  };
}
