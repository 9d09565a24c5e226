/** Scenes, shots and shot plans on the wire: the pre-production vocabulary a first AD would use. */
import { z } from 'zod';

import { Id } from './schemas.ts';
import { text as storedText } from './text.ts';

/** Shot sizes, widest to closest, with the crew's abbreviations as values. */
export const SHOT_SIZES = ['EWS', 'WS', 'MWS', 'MS', 'MCU', 'CU', 'ECU', 'INSERT'] as const;
export const SHOT_SIZE_NAMES: Record<(typeof SHOT_SIZES)[number], string> = {
  EWS: 'extreme wide',
  WS: 'wide',
  MWS: 'medium wide',
  MS: 'medium',
  MCU: 'medium close-up',
  CU: 'close-up',
  ECU: 'extreme close-up',
  INSERT: 'insert',
};
export const CAMERA_ANGLES = ['eye-level', 'low', 'high', 'overhead', 'dutch', 'over-the-shoulder', 'pov'] as const;
export const CAMERA_HEIGHTS = ['ground', 'knee', 'waist', 'shoulder', 'eye', 'overhead'] as const;
export const CAMERA_MOVES = ['static', 'push-in', 'pull-out', 'pan', 'tilt', 'truck', 'dolly', 'crane', 'handheld', 'steadicam'] as const;
export const LENS_FEELS = ['ultra-wide', 'wide', 'normal', 'long', 'telephoto', 'macro'] as const;
export const PACES = ['slow', 'measured', 'brisk', 'frantic'] as const;
export const SHOT_STATUSES = ['planned', 'locked', 'in_progress', 'approved', 'omitted'] as const;

const text = (max: number) => storedText().trim().max(max);
const list = (maxItems: number) => z.array(storedText().trim().min(1).max(300)).max(maxItems);

/** The camera of a shot plan. Empty strings are "not decided yet". */
export const Camera = z.strictObject({
  size: z.enum(SHOT_SIZES).nullable().default(null),
  angle: z.enum(CAMERA_ANGLES).nullable().default(null),
  height: z.enum(CAMERA_HEIGHTS).nullable().default(null),
  movement: z.enum(CAMERA_MOVES).nullable().default(null),
  lensFeel: z.enum(LENS_FEELS).nullable().default(null),
  pace: z.enum(PACES).nullable().default(null),
});
export type Camera = z.infer<typeof Camera>;

/** A shot plan: what the shot is for and how it is shot. Every saved edit is a new version. */
export const ShotPlan = z.strictObject({
  scenePurpose: text(2000).default(''),
  job: text(1000).default(''),
  subjectAction: text(2000).default(''),
  camera: Camera.default({ size: null, angle: null, height: null, movement: null, lensFeel: null, pace: null }),
  environment: text(2000).default(''),
  constraints: z.strictObject({ mustNotAppear: list(50).default([]), mustNotDrift: list(50).default([]) }).default({ mustNotAppear: [], mustNotDrift: [] }),
  reviewCriteria: list(50).default([]),
  /** Target duration in frames at the project's rate (frame-accurate, never float seconds). */
  targetFrames: z.number().int().min(1).max(100_000).nullable().default(null),
  /** Picture aspect, e.g. "16:9"; null means the project's. */
  aspect: storedText()
    .regex(/^\d{1,5}:\d{1,5}$/, { message: 'must look like 16:9' })
    .nullable()
    .default(null),
});
export type ShotPlan = z.output<typeof ShotPlan>;
export type ShotPlanInput = z.input<typeof ShotPlan>;

/** What a plan still lacks before it may be generated from. */
export const PlanCompleteness = z.object({ complete: z.boolean(), missing: z.array(z.string()) });

// --- scenes -------------------------------------------------------------------

/** Scene numbers as screenplays write them: 12, 12A, A12, I-1-A, 1. (letters, digits, dashes, periods). */
export const SceneNumber = storedText()
  .trim()
  .regex(/^(?=.*[0-9])[0-9A-Za-z][0-9A-Za-z.-]{0,11}$/, { message: 'must be a scene number like 12 or 12A' });

/** What one script revision did to a scene: added it, changed some of its parts, or omitted it. */
export const SceneRevisionMark = z.object({
  revision: z.number().int(),
  colour: z.string(),
  at: z.string(),
  change: z.enum(['added', 'changed', 'omitted']),
  /** For a change: heading, action, dialogue, number, text (layout only) or restored. */
  parts: z.array(z.string()),
});
export type SceneRevisionMark = z.infer<typeof SceneRevisionMark>;

export const Scene = z.object({
  id: Id,
  number: z.string(),
  heading: z.string(),
  beat: z.string(),
  excerpt: z.string(),
  characters: z.array(z.string()),
  position: z.number().int(),
  omitted: z.boolean(),
  shotCount: z.number().int(),
  updatedAt: z.string(),
  /** Imported from a screenplay, or added by hand (a re-import never omits those). */
  origin: z.enum(['imported', 'manual']),
  /** The script revisions that added, changed or omitted this scene, oldest first. */
  revisions: z.array(SceneRevisionMark),
});
export type Scene = z.infer<typeof Scene>;
export const SceneList = z.object({ scenes: z.array(Scene) });

/** The most items one page of a long list may hold, and how many when the caller does not say. */
export const PAGE_LIMIT = { default: 500, max: 1000 };
/** Paging of long lists: `limit` items from `offset` (0 is the first). */
const PageQuery = {
  limit: z.coerce.number().int().min(1).max(PAGE_LIMIT.max).default(PAGE_LIMIT.default),
  offset: z.coerce.number().int().min(0).default(0),
};
/** What a page adds to its items: how many there are in all, and the offset of the next page (null on the last). */
const PageInfo = { total: z.number().int(), next: z.number().int().nullable() };
export const SceneListQuery = z.strictObject(PageQuery);
export const ScenePage = SceneList.extend(PageInfo);
export const CreateSceneInput = z.strictObject({
  number: SceneNumber.optional(),
  heading: text(200).min(1, { message: 'is required' }),
  beat: text(2000).default(''),
  excerpt: text(100_000).default(''),
  characters: list(100).default([]),
  /** Insert after this scene; at the end when absent. */
  afterSceneId: Id.optional(),
});
export const UpdateSceneInput = z.strictObject({
  number: SceneNumber.optional(),
  heading: text(200).min(1, { message: 'is required' }).optional(),
  beat: text(2000).optional(),
  excerpt: text(100_000).optional(),
  characters: list(100).optional(),
  omitted: z.boolean().optional(),
});
export const ReorderInput = z.strictObject({ ids: z.array(Id).min(1).max(2000) });
export const SceneParams = z.strictObject({ projectId: Id, sceneId: Id });

// --- shots ----------------------------------------------------------------------

export const ShotCode = storedText()
  .trim()
  .regex(/^[A-Z0-9][A-Z0-9_-]{1,31}$/, { message: 'must be 2–32 upper-case letters, digits, _ or -, like SC012_SH030' });

export const Shot = z.object({
  id: Id,
  sceneId: Id,
  sceneNumber: z.string(),
  code: z.string(),
  position: z.number().int(),
  status: z.enum(SHOT_STATUSES),
  planVersion: z.number().int(),
  locked: z.boolean(),
  lockedBy: z.string().nullable(),
  lockedAt: z.string().nullable(),
  plan: ShotPlan,
  completeness: PlanCompleteness,
  /** From the references of the current plan: at risk (and why), and notes (unlocked, not cleared yet). */
  rights: z.object({ atRisk: z.boolean(), reasons: z.array(z.string()), notes: z.array(z.string()) }),
  /** The shot's approved take when the references it was made with are at risk now, and why. */
  approvedTakeRisk: z.object({ takeId: Id, code: z.string(), reasons: z.array(z.string()) }).nullable(),
  /** Ready only when the plan is complete, no reference is at risk and the approved take is not at risk; else every reason. */
  readiness: z.object({ ready: z.boolean(), reasons: z.array(z.string()) }),
  updatedAt: z.string(),
});
export type Shot = z.infer<typeof Shot>;
export const ShotList = z.object({ shots: z.array(Shot) });
export const ShotListQuery = z.strictObject({ sceneId: Id.optional(), ...PageQuery });
export const ShotPage = ShotList.extend(PageInfo);
export const CreateShotInput = z.strictObject({
  code: ShotCode.optional(),
  plan: ShotPlan.optional(),
  /** Insert after this shot of the scene; at the end when absent. */
  afterShotId: Id.optional(),
});
export const UpdateShotInput = z.strictObject({
  code: ShotCode.optional(),
  status: z.enum(['planned', 'in_progress', 'omitted']).optional(),
});
export const SavePlanInput = z.strictObject({
  plan: ShotPlan,
  /** The version the edit was made on; a newer saved version refuses it (no lost edits). */
  baseVersion: z.number().int().min(1),
  note: text(300).optional(),
});
export const ShotParams = z.strictObject({ projectId: Id, shotId: Id });

export const PlanVersion = z.object({
  version: z.number().int(),
  author: z.object({ id: Id.nullable(), name: z.string() }),
  at: z.string(),
  note: z.string().nullable(),
  changed: z.array(z.string()),
});
export const PlanVersionList = z.object({ versions: z.array(PlanVersion) });
export const PlanDiffQuery = z.strictObject({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) });
export const PlanFieldChange = z.object({ field: z.string(), label: z.string(), from: z.string(), to: z.string() });
export type PlanFieldChange = z.infer<typeof PlanFieldChange>;
export const PlanDiff = z.object({ from: z.number().int(), to: z.number().int(), changes: z.array(PlanFieldChange) });

// --- screenplay import, coverage, shot lists ---------------------------------------

export const ImportFountainInput = z.strictObject({
  text: storedText().max(5_000_000),
  fileName: storedText().max(255).optional(),
  /** The token of the preview the user confirmed: the import is refused (409 screenplay.preview_stale) when the scenes changed since. */
  previewToken: storedText()
    .trim()
    .regex(/^[0-9a-f]{64}$/, { message: 'must be the previewToken a preview returned' })
    .optional(),
});
export const ImportPreviewInput = ImportFountainInput.omit({ previewToken: true });
export const ImportReport = z.object({
  title: z.string().nullable(),
  /** The revision this import is (or, in a preview, will be): 1 white, 2 blue, 3 pink, …; null when it changes no scene. */
  revision: z.object({ number: z.number().int(), colour: z.string() }).nullable(),
  added: z.array(z.object({ number: z.string(), heading: z.string() })),
  /** `parts` says what changed as a reader sees it: heading, action, dialogue, number, text (layout only), restored. */
  changed: z.array(z.object({ number: z.string(), heading: z.string(), fields: z.array(z.string()), parts: z.array(z.string()) })),
  unchanged: z.array(z.object({ number: z.string(), heading: z.string() })),
  omitted: z.array(z.object({ number: z.string(), heading: z.string() })),
  characters: z.object({ added: z.array(z.string()), existing: z.array(z.string()) }),
});
export type ImportReport = z.infer<typeof ImportReport>;
/** What an import would do, and the token that applies exactly this. */
export const ImportPreview = ImportReport.extend({ previewToken: z.string() });
export type ImportPreview = z.infer<typeof ImportPreview>;

/** Whether a project's scene numbers are locked (new scenes get 50A, cut ones stay as OMITTED). */
export const SceneNumbering = z.object({
  locked: z.boolean(),
  lockedBy: z.object({ id: z.string().nullable(), name: z.string() }).nullable(),
  lockedAt: z.string().nullable(),
});
export type SceneNumbering = z.infer<typeof SceneNumbering>;
export const SceneNumberingInput = z.strictObject({ locked: z.boolean() });

/** One applied import: a dated revision with its colour and the scenes it touched. */
export const ScriptRevision = z.object({
  number: z.number().int(),
  colour: z.string(),
  at: z.string(),
  fileName: z.string().nullable(),
  title: z.string().nullable(),
  author: z.object({ id: z.string().nullable(), name: z.string() }),
  added: z.number().int(),
  changed: z.number().int(),
  omitted: z.number().int(),
  scenes: z.array(z.object({ sceneId: z.string(), number: z.string(), heading: z.string(), change: z.enum(['added', 'changed', 'omitted']), parts: z.array(z.string()) })),
});
export type ScriptRevision = z.infer<typeof ScriptRevision>;
export const ScriptRevisionList = z.object({ revisions: z.array(ScriptRevision), numbering: SceneNumbering });

/** A suggested shot for a scene: accept, edit or drop it. */
export const CoverageDraft = z.object({
  label: z.string(),
  reason: z.string(),
  plan: ShotPlan,
});
export type CoverageDraft = z.infer<typeof CoverageDraft>;
export const CoverageResult = z.object({
  source: z.enum(['rules', 'assistant']),
  notice: z.string().nullable(),
  drafts: z.array(CoverageDraft),
});
export const CoverageInput = z.strictObject({ useAssistant: z.boolean().default(false) });

export const ShotListFormat = z.enum(['csv', 'json']);
export const ShotListExportQuery = z.strictObject({ format: ShotListFormat.default('json'), sceneId: Id.optional() });
export const ShotListExport = z.object({ format: ShotListFormat, fileName: z.string(), content: z.string() });
export const ShotListImportInput = z.strictObject({ format: ShotListFormat, content: storedText().max(5_000_000) });
export const ShotListImportReport = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), field: z.string().nullable(), message: z.string() })),
});

export const Character = z.object({ id: Id, name: z.string(), status: z.string(), clearance: z.string(), scenes: z.array(z.string()) });
export const CharacterList = z.object({ characters: z.array(Character) });
