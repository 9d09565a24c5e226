import { describe, expect, it } from 'vitest';
import { decisionOf } from './review-words.ts';

describe('the decision a key or button makes, as the project settings name it', () => {
  it.each([
    ['unreviewed', 'rejected', 'reject'],
    ['rejected', 'maybe', 'maybe'],
    ['maybe', 'selected', 'select'],
    ['selected', 'approved', 'approve'],
    // S on an approved take takes the approval back.
    ['approved', 'selected', 'revoke'],
    ['selected', 'selected', null],
  ] as const)('%s → %s is %s', (from, to, decision) => {
    expect(decisionOf(from, to)).toBe(decision);
  });
});
