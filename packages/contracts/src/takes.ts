/**
 * Takes on the wire: what each model can do, a generation request and its preview, the take with
 * its exact request, cost, media and continuity results, and the events that announce changes.
 */
import { z } from 'zod';
import { REFERENCE_ROLES } from './assets.ts';
import { Id } from './schemas.ts';
import { text } from './text.ts';

/** Video providers Backlot knows; `previs` is the built-in generator (no key, no cost). */
export const PROVIDERS = ['previs', 'seedance', 'runway', 'luma', 'kling', 'higgsfield', 'fal', 'replicate', 'comfyui'] as const;
export type ProviderName = (typeof PROVIDERS)[number];

/** Generation status of a take (DESIGN.md §2). Terminal: succeeded, failed, canceled. */
export const GENERATION_STATUSES = ['awaiting_approval', 'queued', 'submitted', 'running', 'cancel_requested', 'succeeded', 'failed', 'canceled'] as const;
export type GenerationStatus = (typeof GENERATION_STATUSES)[number];
export const TERMINAL_STATUSES: readonly GenerationStatus[] = ['succeeded', 'failed', 'canceled'];

/** Review state of a take (DESIGN.md §2); changed by review, which arrives with dailies. */
export const REVIEW_STATES = ['unreviewed', 'rejected', 'maybe', 'selected', 'approved'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export const RESOLUTIONS = ['480p', '540p', '720p', '1080p', '4k'] as const;
export type ResolutionName = (typeof RESOLUTIONS)[number];

/** Where a reference of a plan goes in a model's request. */
export const REFERENCE_SLOTS = ['firstFrame', 'lastFrame', 'referenceImages', 'referenceVideos', 'referenceAudio'] as const;
export type ReferenceSlot = (typeof REFERENCE_SLOTS)[number];

/** What one model accepts: the generate panel and the settings check read this. */
export const ModelCapabilities = z.object({
  provider: z.enum(PROVIDERS),
  model: z.string(),
  label: z.string(),
  /** Durations in whole seconds the model renders (a plan's frames are rounded to the nearest allowed one, and the change is reported). */
  durationsSec: z.array(z.number().int().min(1)),
  aspectRatios: z.array(z.string()),
  resolutions: z.array(z.enum(RESOLUTIONS)),
  /** Reference slots: which plan roles each takes and how many. */
  slots: z.array(z.object({ slot: z.enum(REFERENCE_SLOTS), roles: z.array(z.enum(REFERENCE_ROLES)), media: z.enum(['image', 'video', 'audio']), max: z.number().int().min(1) })),
  audio: z.boolean(),
  seed: z.boolean(),
  negativePrompt: z.boolean(),
  cameraControls: z.boolean(),
  maxPromptChars: z.number().int(),
  /** Whether the provider can stop a task once it has started. */
  cancelRunning: z.boolean(),
  /** Whether a key is configured (previs needs none). */
  available: z.boolean(),
  /** Unit the provider charges in, e.g. "generations", "seconds", "tokens". */
  priceUnit: z.string(),
  /** Whether the model makes cheap drafts that can be rendered as finals later. */
  draft: z.boolean().optional(),
  /** The provider's list price, used where the project's price catalog has no entry in that currency. */
  listPrice: z.object({ currency: z.string(), perQuantity: z.number(), priceMicros: z.number().int(), source: z.string() }).optional(),
  /** Retired by this instance's operator (BACKLOT_RETIRED_MODELS): still listed, takes made with it kept, no new takes. */
  retired: z.boolean().optional(),
});
export type ModelCapabilities = z.infer<typeof ModelCapabilities>;
export const ModelList = z.object({ models: z.array(ModelCapabilities) });

/** Settings of a generation, each optional: the plan and the project fill what is not given. */
export const GenerationSettings = z.strictObject({
  /** Length in frames at the project's rate; the plan's target when absent. */
  durationFrames: z.number().int().min(1).max(100_000).optional(),
  aspectRatio: text()
    .regex(/^\d{1,5}:\d{1,5}$/, { message: 'must look like 16:9' })
    .optional(),
  resolution: z.enum(RESOLUTIONS).optional(),
  /** A fixed seed; when absent each take gets its own. */
  seed: z.number().int().min(0).max(2_147_483_647).optional(),
  generateAudio: z.boolean().optional(),
  /** Words added to the compiled prompt (a tweak when regenerating). */
  promptAddition: text().trim().max(2000).optional(),
  /** A cheap draft (480p) the model can later render as a final, where it has a draft mode. */
  draft: z.boolean().optional(),
  /** Render this draft take as the final: the draft's prompt, inputs, duration, ratio and seed, at `resolution` (1080p unless said). */
  finalOf: Id.optional(),
});
export type GenerationSettings = z.infer<typeof GenerationSettings>;

export const GenerateInput = z.strictObject({
  provider: z.enum(PROVIDERS),
  model: text().trim().min(1, { message: 'is required' }).max(200),
  settings: GenerationSettings.default({}),
  count: z.number().int().min(1, { message: 'must be at least 1' }).max(12, { message: 'must be at most 12' }).default(1),
  /** The take this one regenerates (same shot). */
  parentTakeId: Id.optional(),
  /** The note this generation answers; the new takes link to it. */
  noteId: Id.optional(),
});
export type GenerateInput = z.input<typeof GenerateInput>;

/** Exactly what is sent to the provider (credentials redacted), stored on the take before sending. */
export const CompiledRequest = z.object({
  method: z.literal('POST'),
  url: z.string(),
  headers: z.record(z.string(), z.string()),
  body: z.unknown(),
});
export type CompiledRequest = z.infer<typeof CompiledRequest>;

/** Something in the plan the model cannot honour, and what was done about it. */
export const Adaptation = z.object({ what: z.string(), action: z.enum(['dropped', 'adapted']), why: z.string() });
export type Adaptation = z.infer<typeof Adaptation>;

/** A policy refusal: the rule broken and the reference (if any) that broke it. */
export const Refusal = z.object({
  code: z.string(),
  message: z.string(),
  assetId: Id.optional(),
  assetName: z.string().optional(),
});
export type Refusal = z.infer<typeof Refusal>;

export const GenerationPreview = z.object({
  provider: z.enum(PROVIDERS),
  model: z.string(),
  planVersion: z.number().int(),
  prompt: z.string(),
  negativePrompt: z.string().nullable(),
  /** The request of the first take; later takes differ only in seed. */
  request: CompiledRequest,
  adaptations: z.array(Adaptation),
  seeds: z.array(z.number().int()),
  /** Per take and in all, in the project's currency (decimal strings); absent for members who may not read spend. */
  estimate: z.object({ perTake: z.string(), total: z.string(), currency: z.string(), detail: z.string() }).optional(),
  budget: z.object({ remaining: z.string(), currency: z.string() }).optional(),
  /** Empty when the request would be queued. */
  refusals: z.array(Refusal),
  /** Set when the estimate is over the project's sign-off threshold: the takes would wait for a producer's sign-off. */
  signOff: z.object({ threshold: z.string(), currency: z.string() }).nullable().optional(),
});
export type GenerationPreview = z.infer<typeof GenerationPreview>;

export const CONTINUITY_CHECKS = ['resolution', 'aspect', 'frame_rate', 'duration', 'start_frame', 'end_frame', 'previous_shot'] as const;
export type ContinuityCheckName = (typeof CONTINUITY_CHECKS)[number];
export const ContinuityResult = z.object({
  check: z.enum(CONTINUITY_CHECKS),
  result: z.enum(['pass', 'warn', 'fail']),
  measured: z.string(),
  expected: z.string(),
  /** The threshold in words, e.g. "SSIM ≥ 0.80 passes, ≥ 0.60 warns". */
  threshold: z.string(),
  /** The two pictures compared, for the SSIM checks. */
  frames: z.object({ take: z.string(), reference: z.string(), referenceLabel: z.string() }).optional(),
});
export type ContinuityResult = z.infer<typeof ContinuityResult>;

export const TakeMedia = z.object({
  original: z.string(),
  proxy: z.string(),
  poster: z.string(),
  filmstrip: z.object({
    url: z.string(),
    frames: z.number().int(),
    columns: z.number().int(),
    tileWidth: z.number().int(),
    tileHeight: z.number().int(),
    /** Frame number (project grid) of each tile. */ frameNumbers: z.array(z.number().int()),
  }),
  /** Probed from the original. */
  width: z.number().int(),
  height: z.number().int(),
  frameRate: z.string(),
  frames: z.number().int(),
  durationUs: z.number().int(),
  videoCodec: z.string().nullable(),
  /** Frames of the proxy (project rate). */
  proxyFrames: z.number().int(),
});
export type TakeMedia = z.infer<typeof TakeMedia>;

export const TakeReference = z.object({ assetId: Id, name: z.string(), kind: z.string(), version: z.number().int(), role: z.enum(REFERENCE_ROLES), thumbnailUrl: z.string().nullable() });

/**
 * A take. Fields a member may not read are absent for them (DESIGN.md §8): request, prompt, seed
 * and settings for those who may not read every take, cost for those who may not read spend, and
 * for a viewer everything but the picture, the take's code and state (no references, plan version,
 * model, continuity, criteria, rating, verdict, lineage, who asked for it or timings).
 */
export const Take = z.object({
  id: Id,
  shotId: Id,
  shotCode: z.string(),
  number: z.number().int(),
  /** `TK004`. */
  code: z.string(),
  provider: z.string().optional(),
  model: z.string().optional(),
  external: z.boolean().optional(),
  status: z.enum(GENERATION_STATUSES),
  /** Provider progress 0..1 while running. */
  progress: z.number().nullable(),
  providerStatus: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string(), category: z.string() }).nullable(),
  review: z.enum(REVIEW_STATES),
  planVersion: z.number().int().optional(),
  references: z.array(TakeReference).optional(),
  /** From the reference versions the take was made with, as of today: at risk, and why (absent for a viewer). */
  rights: z.object({ atRisk: z.boolean(), reasons: z.array(z.string()) }).optional(),
  settings: z.record(z.string(), z.unknown()).optional(),
  seed: z.number().int().nullable().optional(),
  prompt: z.string().optional(),
  request: CompiledRequest.nullable().optional(),
  adaptations: z.array(Adaptation).optional(),
  providerTaskId: z.string().nullable().optional(),
  cost: z
    .object({
      currency: z.string(),
      estimated: z.string(),
      reserved: z.string(),
      actual: z.string().nullable(),
      detail: z.string(),
      /** The price it was estimated at: `catalog:<entry id>` (the project's price catalog), `instance`, `list` (the provider's list price) or `free`. */
      price: z.string().nullable(),
    })
    .optional(),
  media: TakeMedia.nullable(),
  /** Set once retention purged the take's media: its poster stays, its original, proxy and filmstrip are gone. */
  mediaPurged: z.object({ at: z.string(), bytes: z.number().int(), poster: z.string() }).nullable().optional(),
  continuity: z.array(ContinuityResult).optional(),
  parentTakeId: Id.nullable().optional(),
  /** The note this take was generated from ("regenerate from this note"). */
  sourceNoteId: Id.nullable().optional(),
  /** A producer's decision on a take asked for over the sign-off threshold (only to those who generate). */
  signOff: z
    .object({ decision: z.enum(['signed_off', 'refused']), by: z.string(), at: z.string(), reason: z.string().nullable() })
    .nullable()
    .optional(),
  /** The shot's review criteria as checked on this take, its rating (1–5) and one-line verdict. */
  criteria: z.array(z.object({ criterion: z.string(), result: z.enum(['pass', 'fail', 'unsure']) })).optional(),
  rating: z.number().int().nullable().optional(),
  verdict: z.string().optional(),
  /** In and out marks on the project's frame grid (out inclusive). */
  marks: z.object({ in: z.number().int().nullable(), out: z.number().int().nullable() }),
  requestedBy: z.string().optional(),
  attempts: z.number().int().optional(),
  timings: z
    .object({
      requestedAt: z.string(),
      submittedAt: z.string().nullable(),
      finishedAt: z.string().nullable(),
      /** Milliseconds spent storing, probing and making the proxy, poster and filmstrip. */
      ingestMs: z.number().int().nullable(),
    })
    .optional(),
  updatedAt: z.string(),
});
export type Take = z.infer<typeof Take>;
export const TakeList = z.object({
  takes: z.array(Take),
  /** The best take of the shot so far, and why (approved, else selected, else best rated). */
  best: z.object({ takeId: Id, why: z.string() }).nullable().optional(),
});
/** Selected and approved takes whose references are at risk now, each with the reasons. */
export const TakesAtRisk = z.object({
  takes: z.array(z.object({ takeId: Id, code: z.string(), shotId: Id, shotCode: z.string(), review: z.enum(['selected', 'approved']), reasons: z.array(z.string()) })),
});
export const GenerateResult = z.object({ takes: z.array(Take), preview: GenerationPreview });

export const TakeParams = z.strictObject({ projectId: Id, takeId: Id });

/** A producer's decision on a take waiting for sign-off: sign it off (it is reserved and queued) or refuse it, saying why. */
export const SignOffInput = z
  .strictObject({
    decision: z.enum(['sign_off', 'refuse'], { message: 'must be sign_off or refuse' }),
    reason: text().trim().max(1000, { message: 'must be at most 1,000 characters' }).optional(),
  })
  .refine((v) => v.decision === 'sign_off' || (v.reason !== undefined && v.reason.length > 0), { message: 'is required when refusing: say why, for the person who asked', path: ['reason'] });
export type SignOffInput = z.infer<typeof SignOffInput>;
export const TakeListQuery = z.strictObject({ status: z.enum(GENERATION_STATUSES).optional() });

/** The most takes one page of the project's grid holds, and how many when the caller does not say. */
export const TAKE_PAGE_LIMIT = { default: 60, max: 200 };
/** How the project's takes grid may be ordered: scene and shot order (newest take of a shot first), newest or oldest request first, or dearest first (for those who may read spend). */
export const TAKE_SORTS = ['scene', 'newest', 'oldest', 'cost'] as const;
/** A day (2026-03-01) or an instant with its offset (2026-03-01T18:00:00Z). */
const DayOrInstant = text()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/, { message: 'must be a date (2026-03-01) or a date and time with its offset (2026-03-01T18:00:00Z)' })
  .refine(
    (v) => {
      const [y, m, d] = v.slice(0, 10).split('-').map(Number);
      const day = new Date(Date.UTC(y, m - 1, d));
      return !Number.isNaN(Date.parse(v)) && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
    },
    { message: 'is not a real date' },
  );
/** What a take search says: prompt words, provider, model, seed, status, review state, who asked, scene, shot and when (the part a saved filter keeps). */
export const TakeFilterFields = {
  /** Prompt words: every word must appear in the prompt; the last may be the start of a word. */
  q: text().trim().max(200, { message: 'must be at most 200 characters' }).optional(),
  provider: text().trim().min(1, { message: 'must not be empty' }).max(100).optional(),
  model: text().trim().min(1, { message: 'must not be empty' }).max(200).optional(),
  seed: z.coerce.number({ message: 'must be a whole number' }).int({ message: 'must be a whole number' }).min(0, { message: 'must be zero or more' }).max(Number.MAX_SAFE_INTEGER).optional(),
  status: z.enum(GENERATION_STATUSES, { message: `must be one of ${GENERATION_STATUSES.join(', ')}` }).optional(),
  state: z.enum(REVIEW_STATES, { message: `must be one of ${REVIEW_STATES.join(', ')}` }).optional(),
  /** The account that asked for the take. */
  requestedBy: Id.optional(),
  sceneId: Id.optional(),
  shotId: Id.optional(),
  /** Requested on or after (a day: from its start, UTC). */
  from: DayOrInstant.optional(),
  /** Requested on or before (a day: to its end, UTC). */
  to: DayOrInstant.optional(),
  sort: z.enum(TAKE_SORTS, { message: `must be one of ${TAKE_SORTS.join(', ')}` }).optional(),
};
/** The project's takes: searched and filtered, sorted, a page at a time by cursor (?cursor= from the last page's nextCursor) or by offset. */
export const ProjectTakesQuery = z.strictObject({
  ...TakeFilterFields,
  limit: z.coerce.number().int().min(1).max(TAKE_PAGE_LIMIT.max).default(TAKE_PAGE_LIMIT.default),
  offset: z.coerce.number().int().min(0).default(0),
  cursor: text().trim().min(1).max(500).optional(),
});
export type ProjectTakesQuery = z.input<typeof ProjectTakesQuery>;
/** The picture that stands for a shot: its approved take's poster, else its best take's, else its newest rendered take's. */
export const ShotPoster = z.object({
  shotId: Id,
  sceneId: Id,
  takeId: Id,
  takeCode: z.string(),
  review: z.enum(REVIEW_STATES),
  /** The poster's address (through the take, so its visibility rules apply). */
  poster: z.string(),
  /** Why this take: "approved", "best" (selected or best rated) or "latest" (nothing reviewed yet). */
  why: z.enum(['approved', 'best', 'latest']),
});
export type ShotPoster = z.infer<typeof ShotPoster>;
/** In scene and shot order. */
export const ShotPosterList = z.object({ posters: z.array(ShotPoster) });
export const ShotPostersQuery = z.strictObject({ sceneId: Id.optional() });

/** A shot that has takes the member may see, for the grid's filters and its cards (scene number and shot code only). */
export const TakeGridShot = z.object({ id: Id, code: z.string(), sceneId: Id, sceneNumber: z.string() });
export const ProjectTakePage = z.object({
  /** In scene and shot order, newest take of a shot first. */
  takes: z.array(Take),
  /** Every shot with takes the member may see (whatever the filters), in scene and shot order. */
  shots: z.array(TakeGridShot),
  total: z.number().int(),
  /** The offset of the next page (paging by offset), or null. */
  next: z.number().int().nullable(),
  /** The cursor of the next page (send it as ?cursor=), or null on the last page. */
  nextCursor: z.string().nullable(),
});
export type ProjectTakePage = z.infer<typeof ProjectTakePage>;
/** One of a take's files, by its content hash. */
export const TakeMediaParams = z.strictObject({ projectId: Id, takeId: Id, sha256: text().regex(/^[0-9a-f]{64}$/, { message: 'must be a SHA-256' }) });
/** A provider's callback address: the take and its own secret. */
export const WebhookParams = z.strictObject({ takeId: Id, secret: text().min(16).max(200) });

/** Save a frame of a take (or the whole take) as a new version of a reference. */
export const SaveTakeAsAssetInput = z
  .strictObject({
    /** Frame number on the project grid; absent saves the whole take as video. */
    frame: z.number().int().min(0).optional(),
    /** A new version of this reference… */
    assetId: Id.optional(),
    /** …or a new reference with this name and kind. */
    name: text().trim().min(1).max(200).optional(),
    kind: z.enum(['character', 'wardrobe', 'location', 'prop', 'frame-anchor', 'reference-video', 'style']).optional(),
    note: text().trim().max(500).optional(),
  })
  .refine((v) => Boolean(v.assetId) !== Boolean(v.name), { message: 'give either assetId or name (with kind)', path: ['assetId'] });

/** An external take's details (multipart fields beside the file). */
export const ExternalTakeFields = z.strictObject({
  provider: text().trim().min(1, { message: 'is required' }).max(100),
  model: text().trim().min(1, { message: 'is required' }).max(200),
  prompt: text().trim().max(20_000).default(''),
  /** What it cost, in the project's currency (decimal string). */
  cost: text()
    .regex(/^\d{1,12}(\.\d{1,6})?$/, { message: 'must be a decimal amount like 12.50' })
    .default('0'),
  seed: z.coerce.number().int().min(0).optional(),
});

/** An event on a project's live stream. */
export const TakeEvent = z.object({
  type: z.literal('take.changed'),
  projectId: Id,
  takeId: Id,
  shotId: Id,
  status: z.enum(GENERATION_STATUSES),
  progress: z.number().nullable(),
  at: z.string(),
});
export type TakeEvent = z.infer<typeof TakeEvent>;

/** The sample project, built for a new user to see the whole flow. */
export const DemoResult = z.object({ projectId: Id, code: z.string(), takeIds: z.array(Id) });

/** A member's saved search of a project's takes: a name and the query it stands for. */
export const TakeFilterQuery = z.strictObject(TakeFilterFields);
export type TakeFilterQuery = z.infer<typeof TakeFilterQuery>;
export const TakeFilterInput = z.strictObject({
  name: text().trim().min(1, { message: 'is required' }).max(100, { message: 'must be at most 100 characters' }),
  query: TakeFilterQuery,
});
export type TakeFilterInput = z.infer<typeof TakeFilterInput>;
export const TakeFilter = z.object({ id: Id, name: z.string(), query: TakeFilterQuery, createdAt: z.string() });
export type TakeFilter = z.infer<typeof TakeFilter>;
export const TakeFilterList = z.object({ filters: z.array(TakeFilter) });
export const TakeFilterParams = z.strictObject({ projectId: Id, filterId: Id });
