/** Review in the crew's words: the keys that decide, what each criterion result reads as, and which refusals an owner may override. */
import type { ReviewState } from '@backlot/contracts';
import { ApiError } from '@backlot/contracts/client';

/** The decision each key makes (UI.md: R/M/S/A). */
export const DECISION_KEYS: Record<string, Exclude<ReviewState, 'unreviewed'>> = { r: 'rejected', m: 'maybe', s: 'selected', a: 'approved' };

export const CRITERION_WORDS = {
  pass: { icon: '✓', word: 'pass' },
  fail: { icon: '✕', word: 'fail' },
  unsure: { icon: '?', word: 'unsure' },
} as const;

/**
 * Whether the server refused an approval because a reference of the take is at risk (clearance
 * lost, consent missing or expired): the one refusal an owner or producer may override with a reason.
 */
export function isAtRiskRefusal(error: unknown): error is ApiError {
  if (!(error instanceof ApiError)) return false;
  return /at_risk|^consent\./.test(error.code);
}

/** "TK003", "TK001–TK004" or "3 takes" for a set of take codes in grid order. */
export function codesLabel(codes: string[]): string {
  if (codes.length <= 2) return codes.join(' and ');
  return `${codes.length} takes`;
}
