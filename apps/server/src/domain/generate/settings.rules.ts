/**
 * Generation settings against what a model can do. Settings a member typed are checked strictly
 * and refused with the field and the problem in words; what the plan or the project supplies by
 * default is adapted by the prompt compiler instead, and reported there. Also the small frame,
 * aspect and resolution helpers both share.
 */
import type { GenerationSettings, ModelCapabilities, ResolutionName } from '@backlot/contracts';

/** A frame rate as the project holds it. */
export interface ProjectRate {
  fpsNum: number;
  fpsDen: number;
}

/** Lines (the short side) of each resolution name. */
export const RESOLUTION_LINES: Record<ResolutionName, number> = { '480p': 480, '540p': 540, '720p': 720, '1080p': 1080, '4k': 2160 };

/** Seconds that `frames` last at the project's rate (a float; used only to compare and to show). */
export function secondsOf(frames: number, rate: ProjectRate): number {
  return (frames * rate.fpsDen) / rate.fpsNum;
}

/** Frames that `seconds` fill on the project's grid, rounded to the nearest whole frame (integer math). */
export function framesOf(seconds: number, rate: ProjectRate): number {
  const twice = 2 * seconds * rate.fpsNum;
  return Math.floor((twice + rate.fpsDen) / (2 * rate.fpsDen));
}

/** The allowed duration nearest `seconds`; on a tie the longer one (an editor can trim, not extend). Null when none is listed. */
export function nearestDuration(seconds: number, allowed: readonly number[]): number | null {
  let best: number | null = null;
  for (const d of allowed) {
    if (best === null) best = d;
    const diff = Math.abs(d - seconds);
    const bestDiff = Math.abs(best - seconds);
    if (diff < bestDiff || (diff === bestDiff && d > best)) best = d;
  }
  return best;
}

/** "16:9" → 16/9; null for text that is not a ratio (a provider's "adaptive"). */
export function aspectValue(aspect: string): number | null {
  const m = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(aspect.trim());
  if (!m) return null;
  const w = Number(m[1]);
  const h = Number(m[2]);
  return w > 0 && h > 0 ? w / h : null;
}

/**
 * The project's frame fitted to an aspect: the largest even-sized picture of that shape inside it
 * (1920×1080 at 21:9 is 1920×822). Previs renders this size, and continuity checks a take against it.
 */
export function frameForAspect(width: number, height: number, aspect: string): { width: number; height: number } {
  const v = aspectValue(aspect);
  if (v === null || Math.abs(v - width / height) < 1e-9) return { width, height };
  const even = (n: number) => Math.max(2, 2 * Math.round(n / 2));
  return v >= width / height ? { width, height: even(width / v) } : { width: even(height * v), height };
}

/** The entry of `offered` that is the same picture shape as `aspect` ("32:18" is "16:9"), if any. */
export function matchingAspect(aspect: string, offered: readonly string[]): string | null {
  if (offered.includes(aspect)) return aspect;
  const value = aspectValue(aspect);
  if (value === null) return null;
  return (
    offered.find((a) => {
      const v = aspectValue(a);
      return v !== null && Math.abs(v - value) < 1e-9;
    }) ?? null
  );
}

/** The offered aspect nearest in shape (by ratio on a log scale, so 2:1 and 1:2 are as far from 1:1); the first on a tie. */
export function nearestAspect(aspect: string, offered: readonly string[]): string | null {
  const target = aspectValue(aspect);
  let best: { a: string; d: number } | null = null;
  for (const a of offered) {
    const v = aspectValue(a);
    if (v === null || target === null) continue;
    const d = Math.abs(Math.log(v / target));
    if (!best || d < best.d - 1e-12) best = { a, d };
  }
  return best?.a ?? null;
}

/** The largest offered resolution not above `lines` (a picture's short side), else the smallest offered. */
export function resolutionForLines(lines: number, offered: readonly ResolutionName[]): ResolutionName {
  const byLines = [...offered].sort((a, b) => RESOLUTION_LINES[a] - RESOLUTION_LINES[b]);
  const fitting = byLines.filter((r) => RESOLUTION_LINES[r] <= lines);
  return fitting.length ? fitting[fitting.length - 1] : byLines[0];
}

/** "5 or 10", "4, 6 or 8", "2–10" (a run of whole seconds). */
export function describeDurations(durations: readonly number[]): string {
  const sorted = [...new Set(durations)].sort((a, b) => a - b);
  if (sorted.length >= 3 && sorted.every((d, i) => i === 0 || d === sorted[i - 1] + 1)) return `${sorted[0]}–${sorted[sorted.length - 1]}`;
  return listWords(sorted.map(String), 'or');
}

/** "a, b and c" / "a, b or c". */
export function listWords(items: readonly string[], last: 'and' | 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}

/** Seconds to three decimals at most, without trailing zeros: 5.005, 5, 4.17. */
export function showSeconds(seconds: number): string {
  return String(Math.round(seconds * 1000) / 1000);
}

/** One problem with a setting: the field at fault and what is wrong, in plain words. */
export interface SettingsProblem {
  field: string;
  problem: string;
}

/**
 * Problems with the settings a member gave for a model, empty when the model can honour them all.
 * A model without a key is reported on `model`; a duration is refused only when it is more than
 * half a second from every duration the model renders (nearer ones are rounded and reported).
 */
export function validateSettings(settings: GenerationSettings, caps: ModelCapabilities, project: ProjectRate): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  const name = caps.model;
  if (!caps.available) {
    problems.push({ field: 'model', problem: `${caps.label} is not available: no ${caps.provider} key is configured. An owner can add one in the provider keys.` });
  }
  if (settings.durationFrames !== undefined && caps.durationsSec.length > 0) {
    const seconds = secondsOf(settings.durationFrames, project);
    const nearest = nearestDuration(seconds, caps.durationsSec) as number;
    if (Math.abs(nearest - seconds) > 0.5) {
      problems.push({
        field: 'settings.durationFrames',
        problem: `${settings.durationFrames} frames last ${showSeconds(seconds)} s at ${project.fpsNum}/${project.fpsDen}; ${name} renders ${describeDurations(caps.durationsSec)} s`,
      });
    }
  }
  if (settings.aspectRatio !== undefined && matchingAspect(settings.aspectRatio, caps.aspectRatios) === null) {
    problems.push({ field: 'settings.aspectRatio', problem: `${name} does not render ${settings.aspectRatio}; it offers ${caps.aspectRatios.join(', ') || 'no choice of aspect'}` });
  }
  if (settings.resolution !== undefined && !caps.resolutions.includes(settings.resolution)) {
    problems.push({ field: 'settings.resolution', problem: `${name} does not render ${settings.resolution}; it offers ${caps.resolutions.join(', ') || 'no choice of resolution'}` });
  }
  if (settings.seed !== undefined && !caps.seed) {
    problems.push({ field: 'settings.seed', problem: `${name} does not take a seed; leave it empty (its takes cannot be repeated exactly)` });
  }
  if (settings.generateAudio === true && !caps.audio) {
    problems.push({ field: 'settings.generateAudio', problem: `${name} makes silent video; it cannot generate audio` });
  }
  if (settings.promptAddition !== undefined && settings.promptAddition.length > caps.maxPromptChars) {
    problems.push({ field: 'settings.promptAddition', problem: `is ${settings.promptAddition.length} characters; ${name} takes a prompt of at most ${caps.maxPromptChars}` });
  }
  if (settings.draft && !caps.draft) problems.push({ field: 'settings.draft', problem: `${name} has no draft mode` });
  if (settings.draft && settings.resolution !== undefined && settings.resolution !== '480p') {
    problems.push({ field: 'settings.resolution', problem: `a draft is rendered at 480p; ${settings.resolution} is for the final` });
  }
  if (settings.draft && settings.finalOf !== undefined) problems.push({ field: 'settings.finalOf', problem: 'a final cannot itself be a draft' });
  return problems;
}
