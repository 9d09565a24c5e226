/**
 * A member's home: what needs them across their projects — notes that mention them, new notes on
 * takes they made, takes waiting for a decision, failed or refused generations, shots newly at
 * risk, requests waiting for a producer's sign-off, and sign-offs decided on one's own requests —
 * each read or unread. An item carries only what its reader may see (DESIGN.md §8): a take's code,
 * shot and poster, a note's words and author; never a prompt or a seed, and a cost only in the
 * sign-off, budget and spend items, which reach only those who may manage spend.
 */
import { z } from 'zod';
import { Id } from './schemas.ts';
import { text } from './text.ts';

export const HOME_KINDS = ['mention', 'note_on_my_take', 'awaiting_decision', 'generation_failed', 'shot_at_risk', 'awaiting_sign_off', 'sign_off_decided', 'budget_alert', 'spend_today'] as const;
export type HomeKind = (typeof HOME_KINDS)[number];

export const HomeItem = z.object({
  /** Stable while the item means the same thing; what POST /home/read marks. */
  key: z.string(),
  kind: z.enum(HOME_KINDS),
  /** When it happened. */
  at: z.string(),
  read: z.boolean(),
  /** One line in the crew's words: "Dana mentioned you on SC001_SH010 TK002". */
  title: z.string(),
  /** The note's words, the failure in plain words, or why the shot is at risk. */
  detail: z.string(),
  project: z.object({ id: Id, code: z.string(), name: z.string() }),
  take: z.object({ id: Id, code: z.string(), shotCode: z.string(), poster: z.string().nullable() }).optional(),
  shot: z.object({ id: Id, code: z.string() }).optional(),
  note: z.object({ id: Id, authorName: z.string(), frame: z.number().int().nullable() }).optional(),
});
export type HomeItem = z.infer<typeof HomeItem>;

export const HomeFeed = z.object({
  /** Newest first. */
  items: z.array(HomeItem),
  unread: z.number().int(),
});
export type HomeFeed = z.infer<typeof HomeFeed>;

/** Marks items read: some by key, or every item home shows now. */
export const HomeReadInput = z
  .strictObject({
    keys: z.array(text().min(1).max(300)).max(1000).optional(),
    all: z.literal(true).optional(),
  })
  .refine((v) => (v.keys !== undefined) !== (v.all !== undefined), { message: 'give either keys or all: true', path: ['keys'] });
export type HomeReadInput = z.input<typeof HomeReadInput>;
export const HomeUnread = z.object({ unread: z.number().int() });
