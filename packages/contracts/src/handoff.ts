/** Editorial handoff: what a package holds before it is written, how it is asked for, and an editor's cut read back. */
import { z } from 'zod';
import { Id } from './schemas.ts';
import { text } from './text.ts';

export const HANDOFF_FORMATS = ['otio', 'otioz', 'edl', 'fcpxml', 'mlt'] as const;
export type HandoffFormat = (typeof HANDOFF_FORMATS)[number];
export const HANDOFF_FCPXML_VERSIONS = ['1.9', '1.10', '1.11', '1.12', '1.13'] as const;

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
/** A comma-separated query value as its items. */
const commaList = () =>
  text().transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

/**
 * What to hand off, as query parameters (the download is a plain link). Without `scenes` the whole
 * project; `takes=selected` hands the selected takes of each shot instead of its approved one.
 */
export const HandoffQuery = z.strictObject({
  scenes: commaList()
    .pipe(z.array(Id).min(1, { message: 'name at least one scene, or leave scenes out for the whole project' }))
    .optional(),
  takes: z.enum(['approved', 'selected']).default('approved'),
  handles: z.coerce
    .number({ message: 'must be a whole number of frames' })
    .int({ message: 'must be a whole number of frames' })
    .min(0, { message: 'must be 0 or more frames' })
    .max(1000, { message: 'must be at most 1000 frames' })
    .default(0),
  formats: commaList()
    .pipe(z.array(z.enum(HANDOFF_FORMATS, { message: `each must be one of ${HANDOFF_FORMATS.join(', ')}` })).min(1, { message: 'name at least one format' }))
    .default(['otio', 'edl', 'fcpxml', 'mlt']),
  fcpxmlVersion: z.enum(HANDOFF_FCPXML_VERSIONS, { message: `must be one of ${HANDOFF_FCPXML_VERSIONS.join(', ')}` }).default('1.11'),
  proxies: flag.default(false),
  /** "true" with a reason: hand off takes whose references are at risk (owner or producer only; audited). */
  override: flag.default(false),
  reason: text().trim().max(2000).optional(),
});
export type HandoffQuery = z.infer<typeof HandoffQuery>;
export type HandoffQueryInput = z.input<typeof HandoffQuery>;

export const HandoffFile = z.object({ path: z.string(), bytes: z.number().int() });

export const HandoffClipView = z.object({
  name: z.string(),
  reel: z.string(),
  takeId: Id,
  shotId: Id,
  sceneNumber: z.string(),
  shotCode: z.string(),
  takeCode: z.string(),
  review: z.string(),
  /** Half-open, on the media (project grid). */
  sourceIn: z.number().int(),
  sourceOut: z.number().int(),
  frames: z.number().int(),
  recordIn: z.string().describe('record timecode of the clip’s first frame'),
  /** The media the timeline points at (`media/NAME.mp4`) and whether it is the proxy conformed to the project's rate (the original is at another rate). */
  media: z.object({ path: z.string(), frames: z.number().int(), conformed: z.boolean() }),
  markers: z.number().int(),
});

export const HandoffPreview = z.object({
  name: z.string(),
  projectCode: z.string(),
  rate: z.string(),
  timecode: z.enum(['ndf', 'df']),
  recordStart: z.string(),
  /** Total length of the timeline in frames, and as a timecode duration. */
  frames: z.number().int(),
  duration: z.string(),
  clips: z.array(HandoffClipView),
  /** Every file the package will hold, in writing order, with its size. */
  files: z.array(HandoffFile),
  bytes: z.number().int(),
  /** Takes refused because their references are at risk, each naming the assets and why. */
  refusals: z.array(z.object({ takeId: Id, name: z.string(), shotCode: z.string(), takeCode: z.string(), reasons: z.array(z.string()) })),
  /** Whether the asker may override the refusals (owner, producer). */
  canOverride: z.boolean(),
  /** Shots of the scope left out, and why (no approved take, nothing rendered…). */
  skipped: z.array(z.object({ shotId: Id, shotCode: z.string(), why: z.string() })),
  /** The zip's name: `PROJ_handoff_SC001.zip`. */
  fileName: z.string(),
});
export type HandoffPreview = z.infer<typeof HandoffPreview>;

/** An editor's cut sent back: its file name (which tells the format) and its text. */
export const CutInput = z.strictObject({
  fileName: text().trim().min(1, { message: 'is required' }).max(255),
  content: text().max(20_000_000),
});
export const CutApplyInput = CutInput.extend({
  /** The `reportHash` of the report the user confirmed: apply refuses (cut.changed) when the report is not that one any more. */
  reportHash: text().regex(/^[0-9a-f]{64}$/, { message: 'must be the reportHash of the report shown' }),
});

const Range = z.object({ sourceIn: z.number().int(), sourceOut: z.number().int() });

/** What an editor's cut changes against the project's current handoff, in words and in data. */
export const CutReport = z.object({
  format: z.enum(['otio', 'edl', 'fcpxml']),
  name: z.string(),
  orderChanged: z.boolean(),
  /** Scenes whose shot order the cut changes: each scene's shots in the new order. */
  reorders: z.array(z.object({ sceneId: Id, sceneNumber: z.string(), before: z.array(z.string()), after: z.array(z.string()) })),
  trims: z.array(z.object({ shotId: Id, takeId: Id, clipName: z.string(), before: Range, after: Range, marks: z.object({ in: z.number().int(), out: z.number().int() }) })),
  omitted: z.array(z.object({ shotId: Id, clipName: z.string() })),
  swaps: z.array(z.object({ shotId: Id, clipName: z.string(), fromTakeCode: z.string(), toTakeCode: z.string() })),
  unmatched: z.array(z.object({ name: z.string(), recordIn: z.number().int() })),
  notApplied: z.array(z.object({ kind: z.string(), description: z.string() })),
  /** One sentence per change, in the order shown. */
  lines: z.array(z.string()),
  /** Whether applying would change anything (shot order or marks). */
  changes: z.boolean(),
  /** The SHA-256 of this report: apply names it to apply exactly what was shown. */
  reportHash: z.string(),
});
export type CutReport = z.infer<typeof CutReport>;
export const CutApplied = CutReport.extend({ applied: z.boolean() });
