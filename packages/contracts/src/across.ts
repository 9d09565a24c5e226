/**
 * One plan across several providers: the same shot plan sent to two to four provider/model pairs
 * at once (one take each, for a side-by-side test in compare), each checked against its own
 * model. The preview shows every model's request, what it will drop or adapt and its estimate,
 * and the combined estimate against the budget; generating reports each pair's outcome on its own.
 */
import { z } from 'zod';
import { GenerationPreview, GenerationSettings, PROVIDERS, Take } from './takes.ts';
import { text } from './text.ts';

/** Compare shows four takes side by side: the most models one request may name. */
export const ACROSS_MAX_MODELS = 4;

/** One provider/model pair, with settings for it alone over the shared ones. */
export const AcrossTarget = z.strictObject({
  provider: z.enum(PROVIDERS),
  model: text().trim().min(1, { message: 'is required' }).max(200),
  settings: GenerationSettings.default({}),
});
export type AcrossTarget = z.input<typeof AcrossTarget>;

export const AcrossInput = z
  .strictObject({
    targets: z
      .array(AcrossTarget)
      .min(2, { message: 'pick at least 2 models' })
      .max(ACROSS_MAX_MODELS, { message: `pick at most ${ACROSS_MAX_MODELS} models (compare shows ${ACROSS_MAX_MODELS} side by side)` }),
    /** Settings every model gets (a target's own win). */
    settings: GenerationSettings.default({}),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.targets.forEach((t, i) => {
      const key = `${t.provider}/${t.model.trim()}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['targets', i, 'model'], message: `${key} is picked twice; pick each model once` });
      seen.add(key);
      if (t.settings?.finalOf) ctx.addIssue({ code: 'custom', path: ['targets', i, 'settings', 'finalOf'], message: 'a draft is rendered as a final from its own page, not across providers' });
    });
    if (v.settings?.finalOf) ctx.addIssue({ code: 'custom', path: ['settings', 'finalOf'], message: 'a draft is rendered as a final from its own page, not across providers' });
  });
export type AcrossInput = z.input<typeof AcrossInput>;

/** Why one pair cannot be (or was not) asked for: the rule or the field, naming the provider and model. */
export const AcrossError = z.object({
  code: z.string(),
  message: z.string(),
  /** The field at fault, within the request (`targets.1.settings.resolution`). */
  field: z.string().optional(),
  problems: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
export type AcrossError = z.infer<typeof AcrossError>;

export const AcrossModelPreview = z.object({
  provider: z.enum(PROVIDERS),
  model: z.string(),
  label: z.string(),
  /** What this model would be sent and cost, what it cannot honour, and its refusals (the batch's budget included); null when its settings are refused. */
  preview: GenerationPreview.nullable(),
  /** Settings this model refuses, or a model Backlot does not offer. */
  error: AcrossError.nullable(),
});
export type AcrossModelPreview = z.infer<typeof AcrossModelPreview>;

export const AcrossPreview = z.object({
  planVersion: z.number().int().nullable(),
  models: z.array(AcrossModelPreview),
  /** How many of the models would be queued (or wait for sign-off) as things stand. */
  sendable: z.number().int(),
  /** The combined estimate of the models that would be sent, against what the budget has left; absent for members who may not read spend. */
  estimate: z.object({ total: z.string(), currency: z.string(), remaining: z.string() }).optional(),
});
export type AcrossPreview = z.infer<typeof AcrossPreview>;

export const AcrossOutcome = z.object({
  provider: z.enum(PROVIDERS),
  model: z.string(),
  label: z.string(),
  /** The take asked for (queued, or waiting for sign-off); empty when refused. */
  takes: z.array(Take),
  error: AcrossError.nullable(),
});
export type AcrossOutcome = z.infer<typeof AcrossOutcome>;

export const AcrossResult = z.object({ outcomes: z.array(AcrossOutcome) });
export type AcrossResult = z.infer<typeof AcrossResult>;
