/**
 * One plan across several providers, as pure rules: each pair's settings (the shared ones, its
 * own over them), an error of one pair named by its provider and model and placed at its field in
 * the request (`targets.1.settings.resolution`), and what the models earlier in a batch hold
 * against the budget and limits a later one is checked against.
 */
import type { AcrossError, GenerationSettings, Refusal } from '@backlot/contracts';
import { spendLimitRefusals, type SpendLimit } from '../ledger/spend-limits.rules.ts';
import { formatAmount } from '../project/project.rules.ts';

/** The settings one pair is generated with: the shared ones, with the pair's own over them. */
export function settingsForTarget(shared: GenerationSettings | undefined, own: GenerationSettings | undefined): GenerationSettings {
  const out: Record<string, unknown> = { ...(shared ?? {}) };
  for (const [k, v] of Object.entries(own ?? {})) if (v !== undefined) out[k] = v;
  return out as GenerationSettings;
}

/** How a pair is named in messages: "Runway Gen-4 Turbo (runway/gen4_turbo)". */
export function pairName(label: string, provider: string, model: string): string {
  return `${label} (${provider}/${model})`;
}

/** Fields of one generation that belong to a pair of the batch, rather than to the whole request. */
const PAIR_FIELD = /^(settings(\..+)?|provider|model|count)$/;

/**
 * A pair's error as the batch reports it: its message names the pair, and its fields are placed
 * at the pair in the request (`settings.seed` of the second pair is `targets.1.settings.seed`).
 */
export function pairError(index: number, name: string, error: { code: string; message: string; field?: string; problems?: readonly { field: string; message: string }[] }): AcrossError {
  const at = (field: string) => (PAIR_FIELD.test(field) ? `targets.${index}.${field}` : field);
  return {
    code: error.code,
    message: `${name}: ${error.message}`,
    ...(error.field ? { field: at(error.field) } : {}),
    ...(error.problems && error.problems.length > 1 ? { problems: error.problems.map((p) => ({ field: at(p.field), message: `${name}: ${p.message}` })) } : {}),
  };
}

/**
 * What a pair's estimate passes once the pairs before it in the batch (`aheadMicros`, those that
 * would be reserved) are counted: the project's budget, the scene's budget and the member's caps.
 * Nothing when nothing is ahead (the pair's own preview already checked it alone) or it is free.
 */
export function batchRefusals(q: { totalMicros: number; aheadMicros: number; remainingMicros: number; currency: string; limits: readonly SpendLimit[] }): Refusal[] {
  if (q.aheadMicros <= 0 || q.totalMicros <= 0) return [];
  const money = (micros: number) => `${formatAmount(Math.max(0, micros))} ${q.currency}`;
  const before = `The models above ask ${money(q.aheadMicros)} first.`;
  const out: Refusal[] = [];
  if (q.totalMicros <= q.remainingMicros && q.aheadMicros + q.totalMicros > q.remainingMicros) {
    out.push({
      code: 'budget.exceeded',
      message: `${before} This one is estimated at ${money(q.totalMicros)}, and only ${money(q.remainingMicros - q.aheadMicros)} of the budget would remain after them. Drop a model, pick a cheaper one, or raise the budget.`,
    });
  }
  // Limits this pair passes only together with the pairs ahead (alone, its own preview refused it already).
  const together = q.limits.filter((l) => l.usedMicros + q.totalMicros <= l.limitMicros).map((l) => ({ ...l, usedMicros: l.usedMicros + q.aheadMicros }));
  for (const r of spendLimitRefusals(q.totalMicros, q.currency, together)) out.push({ ...r, message: `${before} ${r.message}` });
  return out;
}
