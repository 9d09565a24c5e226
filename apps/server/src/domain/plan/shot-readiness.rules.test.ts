import { describe, expect, it } from 'vitest';
import { shotReadiness, takeRights } from './shot-readiness.rules.ts';

const complete = { complete: true, missing: [] };
const clear = { atRisk: false, reasons: [] };

describe('shot readiness', () => {
  it.each([
    ['a complete plan, nothing at risk', { completeness: complete, rights: clear, approvedTakeRisk: null }, []],
    ['a plan missing its job', { completeness: { complete: false, missing: ['shot job', 'camera size'] }, rights: clear, approvedTakeRisk: null }, ['plan missing: shot job, camera size']],
    ['a complete plan with a reference at risk', { completeness: complete, rights: { atRisk: true, reasons: ['ANNA is restricted'] }, approvedTakeRisk: null }, ['at risk: ANNA is restricted']],
    [
      'a complete plan whose approved take went at risk',
      { completeness: complete, rights: clear, approvedTakeRisk: { code: 'TK002', reasons: ['Anna Berg withdrew consent for ANNA on 2026-11-20: Campaign cancelled'] } },
      ['approved TK002 at risk: Anna Berg withdrew consent for ANNA on 2026-11-20: Campaign cancelled'],
    ],
  ])('%s', (_what, input, reasons) => {
    expect(shotReadiness(input)).toEqual({ ready: reasons.length === 0, reasons });
  });
});

describe('the rights of a take', () => {
  it('gathers the reasons of every asset it was made with, once each', () => {
    const risk = new Map([
      ['anna', { atRisk: true, reasons: ['ANNA is restricted'] }],
      ['yard', clear],
    ]);
    expect(takeRights(['anna', 'yard', 'anna'], (id) => risk.get(id))).toEqual({ atRisk: true, reasons: ['ANNA is restricted'] });
    expect(takeRights(['yard'], (id) => risk.get(id))).toEqual(clear);
    expect(takeRights([], (id) => risk.get(id))).toEqual(clear);
  });
});
