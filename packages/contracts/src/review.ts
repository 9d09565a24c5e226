/**
 * Review on the wire: decisions on takes (rejected / maybe / selected / approved) with their
 * history, criteria results, rating and verdict, in/out marks on the project's frame grid, notes
 * at frames with drawings, and comparisons of takes.
 */
import { z } from 'zod';
import { REVIEW_STATES } from './takes.ts';
import { Id } from './schemas.ts';
import { text } from './text.ts';

/** A review decision; `approved` and revoking one need approval power (owner, producer, director). */
export const ReviewInput = z.strictObject({
  state: z.enum(REVIEW_STATES).refine((s) => s !== 'unreviewed', { message: 'a take cannot go back to unreviewed' }),
  reason: text().trim().max(1000).optional(),
  /** Approve a take whose references are at risk anyway: owners and producers only, with a reason. */
  override: z.boolean().optional(),
  /** The dailies session the decision is made in: kept with it and shown in the session's log. */
  sessionId: Id.optional(),
});
export type ReviewInput = z.infer<typeof ReviewInput>;

/** One review decision; who made it, why and whether it overrode a rights risk are absent for a viewer (DESIGN.md §8). */
export const ReviewEvent = z.object({
  id: Id,
  from: z.enum(REVIEW_STATES),
  to: z.enum(REVIEW_STATES),
  by: z.string().optional(),
  at: z.string(),
  reason: z.string().nullable().optional(),
  override: z.boolean().optional(),
});
export type ReviewEvent = z.infer<typeof ReviewEvent>;
export const ReviewHistory = z.object({ events: z.array(ReviewEvent) });

export const CRITERION_RESULTS = ['pass', 'fail', 'unsure'] as const;
/** The shot's review criteria checked on one take, with a rating and a one-line verdict. */
export const CriteriaInput = z.strictObject({
  results: z.array(z.strictObject({ criterion: text().trim().min(1).max(300), result: z.enum(CRITERION_RESULTS) })).max(50),
  rating: z.number().int().min(1, { message: 'must be 1 to 5' }).max(5, { message: 'must be 1 to 5' }).nullable(),
  verdict: text().trim().max(200).default(''),
});
export type CriteriaInput = z.infer<typeof CriteriaInput>;

/** In and out marks in frames on the project's grid (out inclusive); null clears one. */
export const MarksInput = z.strictObject({
  in: z.number().int().min(0).nullable(),
  out: z.number().int().min(0).nullable(),
});
export type MarksInput = z.infer<typeof MarksInput>;

/** A point in the frame's own pixel coordinates (the proxy's width × height). */
const Point = z.tuple([z.number().min(-10_000).max(100_000), z.number().min(-10_000).max(100_000)]);
const Colour = text().regex(/^#[0-9a-fA-F]{6}$/, { message: 'must be a colour like #ff3b30' });
export const Shape = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('stroke'), points: z.array(Point).min(2).max(2000), colour: Colour, width: z.number().min(1).max(50) }),
  z.strictObject({ type: z.literal('arrow'), from: Point, to: Point, colour: Colour, width: z.number().min(1).max(50) }),
  z.strictObject({ type: z.literal('box'), x: z.number(), y: z.number(), w: z.number().min(0), h: z.number().min(0), colour: Colour, width: z.number().min(1).max(50) }),
]);
export type Shape = z.infer<typeof Shape>;
/** A drawing on one frame, in that frame's coordinates, so it scales with the player. */
export const Drawing = z.strictObject({ width: z.number().int().min(1).max(16384), height: z.number().int().min(1).max(16384), shapes: z.array(Shape).min(1).max(200) });
export type Drawing = z.infer<typeof Drawing>;

export const NOTE_VISIBILITIES = ['internal', 'client'] as const;

export const CreateNoteInput = z.strictObject({
  body: text().trim().min(1, { message: 'is required' }).max(10_000),
  /** A frame on the project grid, or the first frame of a range… */
  frame: z.number().int().min(0).nullable().default(null),
  /** …and its last frame (inclusive). */
  frameEnd: z.number().int().min(0).nullable().default(null),
  drawing: Drawing.nullable().default(null),
  /** Internal (the default) or visible to clients; viewers may only write client-visible notes. */
  visibility: z.enum(NOTE_VISIBILITIES).default('internal'),
  /** Replying to this note (a thread has one level of replies). */
  parentId: Id.optional(),
  /** The dailies session the note is made in: kept with it and shown in the session's log. */
  sessionId: Id.optional(),
});
export type CreateNoteInput = z.input<typeof CreateNoteInput>;

export const UpdateNoteInput = z.strictObject({
  resolved: z.boolean().optional(),
  body: text().trim().min(1, { message: 'is required' }).max(10_000).optional(),
});

export const Note = z.object({
  id: Id,
  takeId: Id,
  parentId: Id.nullable(),
  author: z.object({ id: Id.nullable(), name: z.string() }),
  body: z.string(),
  frame: z.number().int().nullable(),
  frameEnd: z.number().int().nullable(),
  /** The frame (or range) as timecode in the project's mode. */
  timecode: z.string().nullable(),
  drawing: Drawing.nullable(),
  visibility: z.enum(NOTE_VISIBILITIES),
  resolved: z.boolean(),
  resolvedBy: z.string().nullable(),
  /** Members named with @ in the body. */
  mentions: z.array(z.object({ id: Id, name: z.string() })),
  /** Takes generated from this note. */
  ledTo: z.array(z.object({ id: Id, code: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Note = z.infer<typeof Note>;
export const NoteList = z.object({ notes: z.array(Note) });

export const NoteParams = z.strictObject({ projectId: Id, noteId: Id });

/** Two to four takes side by side: what differs between them. */
export const CompareQuery = z.strictObject({
  ids: text()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(Id).min(2, { message: 'compare at least 2 takes' }).max(4, { message: 'compare at most 4 takes' })),
});
export const TakeComparison = z.object({
  takeIds: z.array(Id),
  /** Each field that differs, with its value per take (in the order asked). */
  differences: z.array(z.object({ field: z.string(), label: z.string(), values: z.array(z.string()) })),
});
export type TakeComparison = z.infer<typeof TakeComparison>;
