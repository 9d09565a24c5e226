/**
 * Whether a shot is ready, in one place, so no list says "ready" beside "at risk": a shot is ready
 * when its plan is complete, no reference of its plan is at risk, and its approved take (if any)
 * was not made with references that went at risk since.
 */

export interface ShotReadinessInput {
  completeness: { complete: boolean; missing: string[] };
  rights: { atRisk: boolean; reasons: string[] };
  /** The shot's approved take when its own references are at risk now (null: none, or not at risk). */
  approvedTakeRisk: { code: string; reasons: string[] } | null;
}

/** Ready or not, and every reason it is not, in words. */
export function shotReadiness(input: ShotReadinessInput): { ready: boolean; reasons: string[] } {
  const reasons: string[] = [];
  if (!input.completeness.complete) reasons.push(`plan missing: ${input.completeness.missing.join(', ')}`);
  for (const r of input.rights.reasons) reasons.push(`at risk: ${r}`);
  if (input.approvedTakeRisk) reasons.push(`approved ${input.approvedTakeRisk.code} at risk: ${input.approvedTakeRisk.reasons.join('; ')}`);
  return { ready: reasons.length === 0, reasons };
}

/** The rights of one take from the risk of each asset it was made with (reasons without repeats, in reference order). */
export function takeRights(assetIds: readonly string[], riskOf: (assetId: string) => { atRisk: boolean; reasons: string[] } | undefined): { atRisk: boolean; reasons: string[] } {
  const reasons: string[] = [];
  for (const id of assetIds) for (const r of riskOf(id)?.reasons ?? []) if (!reasons.includes(r)) reasons.push(r);
  return { atRisk: reasons.length > 0, reasons };
}
