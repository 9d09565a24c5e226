import { REVIEW_STATES, type ReviewState } from '@backlot/contracts';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { assertCriteria, assertMarks, assertReasonGiven, assertReviewChange, assertRiskOverride, bestTake, canChangeReview, decisionOf, reviewChangeKind, type BestCandidate } from './review.rules.ts';

function errorOf(run: () => unknown): DomainError {
  try {
    run();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('review state machine', () => {
  it.each<[ReviewState, ReviewState, boolean]>([
    ['unreviewed', 'rejected', true],
    ['unreviewed', 'maybe', true],
    ['unreviewed', 'selected', true],
    ['unreviewed', 'approved', false],
    ['rejected', 'maybe', true],
    ['rejected', 'selected', true],
    ['rejected', 'approved', false],
    ['rejected', 'unreviewed', false],
    ['maybe', 'rejected', true],
    ['maybe', 'selected', true],
    ['maybe', 'approved', false],
    ['selected', 'rejected', true],
    ['selected', 'maybe', true],
    ['selected', 'approved', true],
    ['selected', 'unreviewed', false],
    ['approved', 'selected', true],
    ['approved', 'rejected', false],
    ['approved', 'maybe', false],
    ['approved', 'unreviewed', false],
    ['selected', 'selected', true],
  ])('%s → %s: %s', (from, to, allowed) => {
    expect(canChangeReview(from, to)).toBe(allowed);
  });

  it('never returns a take to unreviewed, and reaches approved only from selected', () => {
    for (const from of REVIEW_STATES.filter((s) => s !== 'unreviewed')) expect(canChangeReview(from, 'unreviewed')).toBe(false);
    expect(REVIEW_STATES.filter((from) => from !== 'approved' && canChangeReview(from, 'approved'))).toEqual(['selected']);
  });

  it.each<[ReviewState, ReviewState, string]>([
    ['selected', 'selected', 'none'],
    ['unreviewed', 'maybe', 'decide'],
    ['selected', 'approved', 'approve'],
    ['approved', 'selected', 'revoke'],
  ])('%s → %s is a change of kind %s', (from, to, kind) => {
    expect(reviewChangeKind(from, to)).toBe(kind);
  });

  it('refuses a change the machine does not allow, saying what to do instead', () => {
    const early = errorOf(() => assertReviewChange({ from: 'maybe', to: 'approved', canApprove: true, takeCode: 'TK002' }));
    expect(early).toMatchObject({ code: 'review.invalid_transition', field: 'state' });
    expect(early.message).toBe('TK002 is maybe; only a selected take can be approved — select it first.');
    const skip = errorOf(() => assertReviewChange({ from: 'approved', to: 'rejected', canApprove: true, takeCode: 'TK002' }));
    expect(skip.message).toMatch(/revoke the approval first/);
    expect(errorOf(() => assertReviewChange({ from: 'maybe', to: 'unreviewed', canApprove: true, takeCode: 'TK002' })).code).toBe('review.invalid_transition');
  });

  it('needs approval power to approve or revoke, and none to triage', () => {
    expect(errorOf(() => assertReviewChange({ from: 'selected', to: 'approved', canApprove: false, takeCode: 'TK001' })).code).toBe('permission.denied');
    expect(errorOf(() => assertReviewChange({ from: 'approved', to: 'selected', canApprove: false, takeCode: 'TK001' })).code).toBe('permission.denied');
    expect(assertReviewChange({ from: 'unreviewed', to: 'selected', canApprove: false, takeCode: 'TK001' })).toBe('decide');
    expect(assertReviewChange({ from: 'selected', to: 'approved', canApprove: true, takeCode: 'TK001' })).toBe('approve');
    expect(assertReviewChange({ from: 'approved', to: 'selected', canApprove: true, takeCode: 'TK001' })).toBe('revoke');
  });
});

describe('best take of a shot', () => {
  const take = (number: number, review: ReviewState, rating: number | null, verdict = ''): BestCandidate => ({ id: `t${number}`, code: `TK00${number}`, number, review, rating, verdict });

  it.each<[string, BestCandidate[], { takeId: string; why: string } | null]>([
    ['nothing reviewed or rated', [take(1, 'unreviewed', null), take(2, 'maybe', null)], null],
    ['the approved take, whatever the ratings', [take(1, 'selected', 5), take(2, 'approved', 3, 'Holds the silhouette')], { takeId: 't2', why: 'TK002 is the approved take — “Holds the silhouette”' }],
    ['the best-rated selected take', [take(1, 'selected', 4), take(2, 'selected', 3), take(3, 'maybe', 5)], { takeId: 't1', why: 'TK001 is the best of 2 selected takes, rated 4/5' }],
    ['the later of two equally rated selected takes', [take(1, 'selected', 4), take(2, 'selected', 4)], { takeId: 't2', why: 'TK002 is the best of 2 selected takes, rated 4/5' }],
    ['a single selected take not rated yet', [take(1, 'selected', null), take(2, 'maybe', 5)], { takeId: 't1', why: 'TK001 is the only selected take, not rated yet' }],
    [
      'the best rating when nothing is selected, rejected takes aside',
      [take(1, 'rejected', 5), take(2, 'maybe', 3), take(3, 'unreviewed', 4)],
      { takeId: 't3', why: 'TK003 has the best rating so far (4/5); no take is selected yet' },
    ],
  ])('%s', (_, takes, expected) => {
    expect(bestTake(takes)).toEqual(expected);
  });
});

describe('in and out marks', () => {
  it.each<[number | null, number | null, number, string | null]>([
    [0, 23, 24, null],
    [null, null, 24, null],
    [5, null, 24, null],
    [12, 12, 24, null],
    [0, 24, 24, 'out'],
    [-1, 3, 24, 'in'],
    [10, 4, 24, 'in'],
    [null, 30, 24, 'out'],
  ])('in %s, out %s on %s frames → %s', (inFrame, out, frames, field) => {
    if (field === null) expect(() => assertMarks({ in: inFrame, out }, frames, 'TK001')).not.toThrow();
    else expect(errorOf(() => assertMarks({ in: inFrame, out }, frames, 'TK001'))).toMatchObject({ code: 'review.marks_invalid', field });
  });

  it('says which frames the take has', () => {
    expect(errorOf(() => assertMarks({ in: 0, out: 24 }, 24, 'TK007')).message).toBe('out: frame 24 is outside TK007, whose frames are 0 to 23.');
  });
});

describe('criteria of a take', () => {
  const plan = ['Mara readable in silhouette', 'No logo on the shutter'];

  it('accepts the plan criteria, each once', () => {
    expect(() => assertCriteria([{ criterion: 'No logo on the shutter' }], plan)).not.toThrow();
    expect(() => assertCriteria([], plan)).not.toThrow();
  });

  it('names a criterion the plan does not have, and one checked twice', () => {
    const unknown = errorOf(() => assertCriteria([{ criterion: 'Mara readable in silhouette' }, { criterion: 'Rain on the lens' }], plan));
    expect(unknown).toMatchObject({ code: 'review.criterion_invalid', field: 'results.1.criterion' });
    expect(unknown.message).toMatch(/“Rain on the lens” is not a review criterion/);
    expect(errorOf(() => assertCriteria([{ criterion: plan[0] }, { criterion: plan[0] }], plan)).message).toMatch(/checked twice/);
  });
});

describe('reasons a project asks for', () => {
  it.each<[ReviewState, ReviewState, string | null]>([
    ['unreviewed', 'rejected', 'reject'],
    ['selected', 'maybe', 'maybe'],
    ['maybe', 'selected', 'select'],
    ['selected', 'approved', 'approve'],
    ['approved', 'selected', 'revoke'],
    ['maybe', 'maybe', null],
  ])('%s → %s is the decision %s', (from, to, decision) => {
    expect(decisionOf(reviewChangeKind(from, to), to)).toBe(decision);
  });

  it('refuses a decision the project asks a reason for when none is given, naming the field', () => {
    const e = errorOf(() => assertReasonGiven('revoke', ['reject', 'revoke'], null, 'TK002'));
    expect(e.code).toBe('request.invalid');
    expect(e.field).toBe('reason');
    expect(e.message).toMatch(/revoking an approval.*TK002/);
  });

  it('lets through a decision with a reason, one the project does not ask about, and a change that changes nothing', () => {
    expect(() => assertReasonGiven('revoke', ['revoke'], 'Logo shows', 'TK002')).not.toThrow();
    expect(() => assertReasonGiven('select', ['reject', 'revoke'], null, 'TK002')).not.toThrow();
    expect(() => assertReasonGiven(null, ['reject', 'maybe', 'select', 'approve', 'revoke'], null, 'TK002')).not.toThrow();
  });
});

describe('references at risk, overridden', () => {
  const base = {
    risks: ['BRASS KEY is restricted'],
    override: false,
    reason: null,
    role: 'editor' as const,
    mayOverride: false,
    subject: 'PROJ_SC002_SH010_TK001',
    done: 'handed off',
    doIt: 'hand it off',
    doing: 'hand off',
    codes: { atRisk: 'handoff.at_risk' as const, denied: 'handoff.override_denied' as const },
  };
  const error = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return { code: (e as { code: string }).code, message: (e as Error).message };
    }
    return null;
  };

  it('passes when nothing is at risk, saying no override was used', () => {
    expect(assertRiskOverride({ ...base, risks: [] })).toBe(false);
  });
  it('refuses naming the asset when not overridden', () => {
    expect(error(() => assertRiskOverride(base))).toEqual({
      code: 'handoff.at_risk',
      message: 'PROJ_SC002_SH010_TK001 cannot be handed off: BRASS KEY is restricted. An owner or producer may hand it off anyway, with a reason.',
    });
  });
  it('refuses an override by a role that may not', () => {
    expect(error(() => assertRiskOverride({ ...base, override: true, reason: 'Reshoot booked', role: 'director' }))).toEqual({
      code: 'handoff.override_denied',
      message: 'A director may not hand off a take whose references are at risk (BRASS KEY is restricted); ask an owner or producer.',
    });
  });
  it('asks for a reason, then lets an owner or producer through', () => {
    expect(error(() => assertRiskOverride({ ...base, override: true, role: 'producer', mayOverride: true }))?.code).toBe('request.invalid');
    expect(assertRiskOverride({ ...base, override: true, reason: 'Renewal signed', role: 'producer', mayOverride: true })).toBe(true);
  });
});
