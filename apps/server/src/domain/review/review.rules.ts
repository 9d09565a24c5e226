/**
 * Review rules (DESIGN.md §2): the review state machine of a take, which changes need approval
 * power, the best take of a shot and why, and in/out marks on the project's frame grid.
 */
import type { ErrorCode, ReviewDecision, ReviewState, Role } from '@backlot/contracts';
import { fail } from '../errors.ts';

/** What a review change is: nothing, a triage decision, an approval or the revocation of one. */
export type ReviewChangeKind = 'none' | 'decide' | 'approve' | 'revoke';

/** The triage states a take moves freely among once it has been looked at. */
const TRIAGE: readonly ReviewState[] = ['rejected', 'maybe', 'selected'];

/** Where each review state may go next; `approved` is reached from `selected` only and leaves only for it. */
const NEXT: Record<ReviewState, readonly ReviewState[]> = {
  unreviewed: TRIAGE,
  rejected: ['maybe', 'selected'],
  maybe: ['rejected', 'selected'],
  selected: ['rejected', 'maybe', 'approved'],
  approved: ['selected'],
};

/** Whether a take's review state may move from `from` to `to` (staying put is always allowed: it changes nothing). */
export function canChangeReview(from: ReviewState, to: ReviewState): boolean {
  return from === to || NEXT[from].includes(to);
}

/** What a change from `from` to `to` is, when it is allowed at all. */
export function reviewChangeKind(from: ReviewState, to: ReviewState): ReviewChangeKind {
  if (from === to) return 'none';
  if (to === 'approved') return 'approve';
  if (from === 'approved') return 'revoke';
  return 'decide';
}

/**
 * Fails unless the change is allowed for someone with (or without) approval power, with a
 * sentence that says what to do instead; returns what kind of change it is.
 */
export function assertReviewChange(change: { from: ReviewState; to: ReviewState; canApprove: boolean; takeCode: string }): ReviewChangeKind {
  const { from, to, canApprove, takeCode } = change;
  if (to === 'unreviewed' && from !== 'unreviewed') fail('review.invalid_transition', `${takeCode} has been reviewed and cannot go back to unreviewed; mark it rejected, maybe or selected.`, 'state');
  if (!canChangeReview(from, to)) {
    if (to === 'approved') fail('review.invalid_transition', `${takeCode} is ${from}; only a selected take can be approved — select it first.`, 'state');
    if (from === 'approved') fail('review.invalid_transition', `${takeCode} is approved; revoke the approval first (approved → selected), then mark it ${to}.`, 'state');
    fail('review.invalid_transition', `${takeCode} cannot go from ${from} to ${to}.`, 'state');
  }
  const kind = reviewChangeKind(from, to);
  if ((kind === 'approve' || kind === 'revoke') && !canApprove) {
    fail('permission.denied', kind === 'approve' ? 'Only an owner, producer or director may approve a take.' : "Only an owner, producer or director may revoke a take's approval.");
  }
  return kind;
}

/** The decision a change makes, as a project's review settings name it; null when it changes nothing. */
export function decisionOf(kind: ReviewChangeKind, to: ReviewState): ReviewDecision | null {
  if (kind === 'none') return null;
  if (kind === 'approve' || kind === 'revoke') return kind;
  return to === 'rejected' ? 'reject' : to === 'maybe' ? 'maybe' : 'select';
}

const DECISION_WORDS: Record<ReviewDecision, string> = { reject: 'rejecting', maybe: 'marking maybe', select: 'selecting', approve: 'approving', revoke: 'revoking an approval' };

/** Fails (naming the field `reason`) when the project asks a reason for this decision and none was given. */
export function assertReasonGiven(decision: ReviewDecision | null, required: readonly ReviewDecision[], reason: string | null, takeCode: string): void {
  if (decision && required.includes(decision) && !reason) {
    fail('request.invalid', `reason: this project asks for a reason when ${DECISION_WORDS[decision]} a take; say why for ${takeCode}.`, 'reason');
  }
}

/** What the best-take rule needs of a take. */
export interface BestCandidate {
  id: string;
  code: string;
  review: ReviewState;
  rating: number | null;
  verdict: string;
  /** Take number: among equals, the later take wins (it usually answers the notes on the earlier ones). */
  number: number;
}

const byRatingThenNewest = (a: BestCandidate, b: BestCandidate) => (b.rating ?? 0) - (a.rating ?? 0) || b.number - a.number;
const verdictOf = (t: BestCandidate) => (t.verdict ? ` — “${t.verdict}”` : '');

/**
 * The best take of a shot so far, and why in words: the approved take; else the selected take
 * with the best rating; else the best-rated take not rejected. Null when nothing qualifies.
 */
export function bestTake(takes: readonly BestCandidate[]): { takeId: string; why: string } | null {
  const approved = takes.find((t) => t.review === 'approved');
  if (approved) return { takeId: approved.id, why: `${approved.code} is the approved take${verdictOf(approved)}` };
  const selected = takes.filter((t) => t.review === 'selected').sort(byRatingThenNewest);
  if (selected.length) {
    const t = selected[0];
    const rated = t.rating === null ? 'not rated yet' : `rated ${t.rating}/5`;
    const among = selected.length === 1 ? 'the only selected take' : `the best of ${selected.length} selected takes`;
    return { takeId: t.id, why: `${t.code} is ${among}, ${rated}${verdictOf(t)}` };
  }
  const rated = takes.filter((t) => t.review !== 'rejected' && t.rating !== null).sort(byRatingThenNewest);
  if (rated.length) {
    const t = rated[0];
    return { takeId: t.id, why: `${t.code} has the best rating so far (${t.rating}/5); no take is selected yet${verdictOf(t)}` };
  }
  return null;
}

/**
 * Fails unless the marks fall on the take's frames on the project grid (0 to `frames` − 1, the
 * proxy's frame count) and in ≤ out; either may be null (cleared).
 */
export function assertMarks(marks: { in: number | null; out: number | null }, frames: number, takeCode: string): void {
  const last = frames - 1;
  for (const [field, value] of [
    ['in', marks.in],
    ['out', marks.out],
  ] as const) {
    if (value !== null && (value < 0 || value > last)) fail('review.marks_invalid', `${field}: frame ${value} is outside ${takeCode}, whose frames are 0 to ${last}.`, field);
  }
  if (marks.in !== null && marks.out !== null && marks.in > marks.out) fail('review.marks_invalid', `in: the in mark (frame ${marks.in}) is after the out mark (frame ${marks.out}).`, 'in');
}

/**
 * Fails unless every criterion is one of the shot plan's review criteria, each checked at most
 * once; names the first that is not.
 */
export function assertCriteria(results: readonly { criterion: string }[], planCriteria: readonly string[]): void {
  const seen = new Set<string>();
  results.forEach((r, i) => {
    if (!planCriteria.includes(r.criterion)) {
      const known = planCriteria.length ? `the shot's criteria are: ${planCriteria.map((c) => `“${c}”`).join(', ')}` : 'the shot has no review criteria in its plan';
      fail('review.criterion_invalid', `results.${i}.criterion: “${r.criterion}” is not a review criterion of this shot's plan; ${known}.`, `results.${i}.criterion`);
    }
    if (seen.has(r.criterion)) fail('review.criterion_invalid', `results.${i}.criterion: “${r.criterion}” is checked twice.`, `results.${i}.criterion`);
    seen.add(r.criterion);
  });
}

/** What overriding a rights risk is asked for: approving a take, or handing takes off to editorial. */
export interface RiskOverride {
  /** Why the references are at risk, each naming its asset; nothing to override when empty. */
  risks: readonly string[];
  override: boolean;
  reason: string | null;
  role: Role;
  /** Whether the role may override (owner, producer: `review.override`). */
  mayOverride: boolean;
  /** What is refused, as the subject of the sentence: `TK004`, `PROJ_SC001_SH010_TK004`. */
  subject: string;
  /** The verb as a past participle, as said of the thing, and bare: `approved` / `approve it` / `approve`, `handed off` / `hand it off` / `hand off`. */
  done: string;
  doIt: string;
  doing: string;
  codes: { atRisk: ErrorCode; denied: ErrorCode };
}

/**
 * The one rule for references at risk: refused naming each asset and why, unless an owner or
 * producer overrides with a reason. Answers whether an override was used (to audit it).
 */
export function assertRiskOverride(r: RiskOverride): boolean {
  if (!r.risks.length) return false;
  const risks = r.risks.join('; ');
  if (!r.override) fail(r.codes.atRisk, `${r.subject} cannot be ${r.done}: ${risks}. An owner or producer may ${r.doIt} anyway, with a reason.`);
  if (!r.mayOverride) fail(r.codes.denied, `A ${r.role} may not ${r.doing} a take whose references are at risk (${risks}); ask an owner or producer.`);
  if (!r.reason) fail('request.invalid', `reason: say why this take is ${r.done} although its references are at risk`, 'reason');
  return true;
}
