import { describe, expect, it } from 'vitest';
import { consentEdits, pastExpiryProblem, splitConsents } from './consent.rules.ts';

const terms = { person: 'Anna Berg', scope: 'Likeness in previs', expiresOn: '2027-06-30' };

describe('consent edits', () => {
  it('keeps only the terms that really change, each from → to', () => {
    expect(consentEdits(terms, { person: 'Anna Berg', scope: 'Previs and trailer', expiresOn: '2027-12-31' })).toEqual([
      { field: 'scope', from: 'Likeness in previs', to: 'Previs and trailer' },
      { field: 'expiresOn', from: '2027-06-30', to: '2027-12-31' },
    ]);
  });
  it('changes nothing when every term sent is the current one, or none is sent', () => {
    expect(consentEdits(terms, { person: 'Anna Berg' })).toEqual([]);
    expect(consentEdits(terms, {})).toEqual([]);
  });
});

describe('a past expiry', () => {
  it.each([
    ['yesterday, unconfirmed', '2026-11-26', false, true],
    ['yesterday, confirmed', '2026-11-26', true, false],
    ['today (the last day is still covered)', '2026-11-27', false, false],
    ['next year', '2027-11-27', false, false],
  ])('%s', (_what, expiresOn, confirmed, refused) => {
    const problem = pastExpiryProblem(expiresOn, '2026-11-27', confirmed);
    if (refused)
      expect(problem).toBe(`expiresOn: ${expiresOn} is in the past, so this consent covers nothing from today (2026-11-27). Check the date, or confirm that you mean to record an expired consent.`);
    else expect(problem).toBeNull();
  });
});

describe('consents as rights count them', () => {
  it('keeps consents in force apart from withdrawals, newest withdrawal first, by its day', () => {
    expect(
      splitConsents([
        { person: 'Anna Berg', expiresOn: '2027-06-30', withdrawnAt: '2026-11-20T10:00:00.000Z', withdrawalReason: 'Asked by her agent' },
        { person: 'Anna Berg', expiresOn: '2026-01-31', withdrawnAt: null, withdrawalReason: null },
        { person: 'Anna Berg', expiresOn: '2027-12-31', withdrawnAt: '2026-11-25T23:59:00.000Z', withdrawalReason: 'Campaign cancelled' },
      ]),
    ).toEqual({
      consents: [{ person: 'Anna Berg', expiresOn: '2026-01-31' }],
      withdrawn: [
        { person: 'Anna Berg', withdrawnOn: '2026-11-25', reason: 'Campaign cancelled' },
        { person: 'Anna Berg', withdrawnOn: '2026-11-20', reason: 'Asked by her agent' },
      ],
    });
  });
});
