/** Review in the crew's words: the keys that decide, what each criterion result reads as, and which refusals an owner may override. */
import type { ReviewDecision, ReviewState } from '@backlot/contracts';
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

/** The decision a change of state makes, as a project's review settings name it (approved → selected revokes); null when nothing changes. */
export function decisionOf(from: ReviewState, to: ReviewState): ReviewDecision | null {
  if (from === to) return null;
  if (to === 'approved') return 'approve';
  if (from === 'approved') return 'revoke';
  return to === 'rejected' ? 'reject' : to === 'maybe' ? 'maybe' : 'select';
}

/** Each decision as a verb, for buttons and dialogs ("Reject TK002"). */
export const DECISION_VERBS: Record<ReviewDecision, string> = { reject: 'Reject', maybe: 'Maybe', select: 'Select', approve: 'Approve', revoke: 'Revoke approval' };
