/** Shot plan rules: when a plan is complete, how two versions differ, and how shot codes are made. */
import { SHOT_SIZE_NAMES, type PlanFieldChange, type ShotPlan } from '@backlot/contracts';

/** What a plan needs before anything may be generated from it. */
export function planCompleteness(plan: ShotPlan): { complete: boolean; missing: string[] } {
  const missing: string[] = [];
  if (!plan.job.trim()) missing.push('shot job');
  if (!plan.subjectAction.trim()) missing.push('subject and action');
  if (!plan.camera.size) missing.push('camera size');
  if (!plan.camera.movement) missing.push('camera movement');
  if (plan.reviewCriteria.length === 0) missing.push('a review criterion');
  return { complete: missing.length === 0, missing };
}

/** Each field of a plan with the words a crew uses for it, in the order the editor shows them. */
const FIELDS: { field: string; label: string; get: (p: ShotPlan) => unknown }[] = [
  { field: 'scenePurpose', label: 'Scene purpose', get: (p) => p.scenePurpose },
  { field: 'job', label: 'Shot job', get: (p) => p.job },
  { field: 'subjectAction', label: 'Subject and action', get: (p) => p.subjectAction },
  { field: 'camera.size', label: 'Camera size', get: (p) => p.camera.size },
  { field: 'camera.angle', label: 'Camera angle', get: (p) => p.camera.angle },
  { field: 'camera.height', label: 'Camera height', get: (p) => p.camera.height },
  { field: 'camera.movement', label: 'Camera movement', get: (p) => p.camera.movement },
  { field: 'camera.lensFeel', label: 'Lens feel', get: (p) => p.camera.lensFeel },
  { field: 'camera.pace', label: 'Pace', get: (p) => p.camera.pace },
  { field: 'environment', label: 'Environment', get: (p) => p.environment },
  { field: 'constraints.mustNotAppear', label: 'Must not appear', get: (p) => p.constraints.mustNotAppear },
  { field: 'constraints.mustNotDrift', label: 'Must not drift', get: (p) => p.constraints.mustNotDrift },
  { field: 'reviewCriteria', label: 'Review criteria', get: (p) => p.reviewCriteria },
  { field: 'targetFrames', label: 'Target duration (frames)', get: (p) => p.targetFrames },
  { field: 'aspect', label: 'Aspect', get: (p) => p.aspect },
];

function show(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.join(' · ') : '—';
  if (field === 'camera.size') return `${value} (${SHOT_SIZE_NAMES[value as keyof typeof SHOT_SIZE_NAMES]})`;
  return String(value);
}

/** Field-by-field changes from one plan version to another, readable as they stand. */
export function diffPlans(from: ShotPlan, to: ShotPlan): PlanFieldChange[] {
  const changes: PlanFieldChange[] = [];
  for (const f of FIELDS) {
    const a = show(f.field, f.get(from));
    const b = show(f.field, f.get(to));
    if (a !== b) changes.push({ field: f.field, label: f.label, from: a, to: b });
  }
  return changes;
}

/** "SC012" for scene 12, "SC012A" for 12A; other numbers (A12, I-1-A) keep their letters and digits. */
export function sceneCodeOf(sceneNumber: string): string {
  const upper = sceneNumber.toUpperCase();
  const m = /^(\d+)([A-Z]*)$/.exec(upper);
  return m ? `SC${m[1].padStart(3, '0')}${m[2]}` : `SC${upper.replace(/[^A-Z0-9]/g, '')}`;
}

/** The default code of a scene's shots, in steps of ten so inserts fit: SC012_SH010, SC012_SH020, … */
export function nextShotCode(sceneNumber: string, taken: ReadonlySet<string>): string {
  const scene = sceneCodeOf(sceneNumber);
  for (let n = 10; ; n += 10) {
    const code = `${scene}_SH${String(n).padStart(3, '0')}`;
    if (!taken.has(code)) return code;
  }
}

/** The next free whole scene number after the highest one used ("12A" counts as 12). */
export function nextSceneNumber(numbers: readonly string[]): string {
  const highest = numbers.reduce((max, n) => Math.max(max, Number.parseInt(n, 10) || 0), 0);
  return String(highest + 1);
}
