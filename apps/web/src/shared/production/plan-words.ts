/** The crew's words for each choice of a shot plan's camera, and an empty plan to start from. */
import { CAMERA_ANGLES, CAMERA_HEIGHTS, CAMERA_MOVES, LENS_FEELS, PACES, SHOT_SIZE_NAMES, SHOT_SIZES, type SHOT_STATUSES, type Camera, type Shot, type ShotPlan } from '@backlot/contracts';

export type CameraKey = keyof Camera;

/** One camera setting: its label and its choices with readable names, in the order a crew thinks of them. */
export interface CameraChoice {
  key: CameraKey;
  label: string;
  options: readonly { value: string; name: string }[];
}

const named = (values: readonly string[], names: Record<string, string> = {}) => values.map((value) => ({ value, name: names[value] ?? value.replace(/-/g, ' ') }));

export const CAMERA_CHOICES: CameraChoice[] = [
  { key: 'size', label: 'Size', options: SHOT_SIZES.map((value) => ({ value, name: `${value} — ${SHOT_SIZE_NAMES[value]}` })) },
  { key: 'angle', label: 'Angle', options: named(CAMERA_ANGLES, { 'eye-level': 'eye level', dutch: 'dutch (canted)', pov: 'point of view (POV)' }) },
  { key: 'height', label: 'Height', options: named(CAMERA_HEIGHTS, { ground: 'ground level', knee: 'knee height', waist: 'waist height', shoulder: 'shoulder height', eye: 'eye height' }) },
  { key: 'movement', label: 'Movement', options: named(CAMERA_MOVES) },
  { key: 'lensFeel', label: 'Lens feel', options: named(LENS_FEELS) },
  { key: 'pace', label: 'Pace', options: named(PACES) },
];

/** The readable name of a camera value, e.g. size "MCU" → "MCU — medium close-up", angle "pov" → "point of view (POV)". */
export function cameraName(key: CameraKey, value: string | null | undefined): string {
  if (!value) return '—';
  return CAMERA_CHOICES.find((c) => c.key === key)?.options.find((o) => o.value === value)?.name ?? value;
}

/** A short camera line for tables and frames: "MCU · push in · low · long lens". */
export function cameraLine(camera: Camera): string {
  const parts = [
    camera.size,
    camera.movement ? cameraName('movement', camera.movement) : null,
    camera.angle ? cameraName('angle', camera.angle) : null,
    camera.height ? cameraName('height', camera.height) : null,
    camera.lensFeel ? `${cameraName('lensFeel', camera.lensFeel)} lens` : null,
    camera.pace ? `${camera.pace} pace` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'camera not decided';
}

export const STATUS_NAMES: Record<(typeof SHOT_STATUSES)[number], string> = {
  planned: 'planned',
  locked: 'locked',
  in_progress: 'in progress',
  approved: 'approved',
  omitted: 'omitted',
};

export function statusName(status: Shot['status']): string {
  return STATUS_NAMES[status] ?? status;
}

/** A plan with nothing decided, as the server's defaults have it. */
export function emptyPlan(): ShotPlan {
  return {
    scenePurpose: '',
    job: '',
    subjectAction: '',
    camera: { size: null, angle: null, height: null, movement: null, lensFeel: null, pace: null },
    environment: '',
    constraints: { mustNotAppear: [], mustNotDrift: [] },
    reviewCriteria: [],
    targetFrames: null,
    aspect: null,
  };
}

/** Common picture aspects offered before "other". */
export const ASPECTS = [
  { value: '16:9', name: '16:9 — widescreen' },
  { value: '9:16', name: '9:16 — vertical' },
  { value: '1:1', name: '1:1 — square' },
  { value: '4:5', name: '4:5 — portrait' },
  { value: '4:3', name: '4:3 — academy' },
  { value: '21:9', name: '21:9 — scope' },
] as const;
