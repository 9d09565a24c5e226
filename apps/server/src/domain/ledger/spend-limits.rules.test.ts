import { describe, expect, it } from 'vitest';
import { capsFor, dayStart, spendLimitRefusals } from './spend-limits.rules.ts';

describe('spend limits', () => {
  const caps = [
    { subjectKind: 'role' as const, subject: 'director', period: 'day' as const, amountMicros: 50_000_000 },
    { subjectKind: 'role' as const, subject: 'director', period: 'project' as const, amountMicros: 500_000_000 },
    { subjectKind: 'member' as const, subject: 'acc-dana', period: 'day' as const, amountMicros: 80_000_000 },
  ];

  it("binds a member by their own cap where one is set for the period, else by their role's", () => {
    expect(capsFor(caps, 'acc-dana', 'director').map((c) => [c.period, c.subjectKind, c.amountMicros])).toEqual([
      ['day', 'member', 80_000_000],
      ['project', 'role', 500_000_000],
    ]);
    expect(capsFor(caps, 'acc-dev', 'director').map((c) => [c.period, c.subjectKind])).toEqual([
      ['day', 'role'],
      ['project', 'role'],
    ]);
    expect(capsFor(caps, 'acc-pia', 'producer')).toEqual([]);
  });

  it('refuses each limit the estimate would pass, naming it, and lets one it exactly meets through', () => {
    const limits = [
      { kind: 'scene' as const, label: 'Scene 12', limitMicros: 100_000_000, usedMicros: 80_000_000 },
      { kind: 'cap' as const, label: 'The daily cap for directors', limitMicros: 50_000_000, usedMicros: 45_000_000, period: 'day' as const },
      { kind: 'cap' as const, label: 'Your own project cap', limitMicros: 500_000_000, usedMicros: 0, period: 'project' as const },
    ];
    // 5.00 brings the daily cap to exactly 50.00 and the scene to 85.00: allowed.
    expect(spendLimitRefusals(5_000_000, 'USD', limits)).toEqual([]);
    expect(spendLimitRefusals(5_000_001, 'USD', limits).map((r) => r.code)).toEqual(['cap.exceeded']);
    expect(spendLimitRefusals(20_000_000, 'USD', limits).map((r) => r.code)).toEqual(['cap.exceeded']);
    expect(spendLimitRefusals(30_000_000, 'EUR', limits)).toEqual([
      { code: 'budget.exceeded', message: "Scene 12's budget is 100.00 EUR: 80.00 EUR is spent or held, and this asks 30.00 EUR. Ask for fewer takes, a cheaper model, or a bigger scene budget." },
      { code: 'cap.exceeded', message: 'The daily cap for directors is 50.00 EUR: you have 45.00 EUR spent or held today (UTC), and this asks 30.00 EUR. A producer or owner can raise the cap.' },
    ]);
  });

  it('never refuses a free request, even past a limit', () => {
    expect(spendLimitRefusals(0, 'USD', [{ kind: 'cap', label: 'Your own daily cap', limitMicros: 0, usedMicros: 10, period: 'day' }])).toEqual([]);
  });

  it('counts a day from midnight UTC', () => {
    expect(dayStart(new Date('2026-12-06T23:59:59.999Z'))).toBe('2026-12-06T00:00:00.000Z');
    expect(dayStart(new Date('2026-12-07T00:00:00.000Z'))).toBe('2026-12-07T00:00:00.000Z');
  });
});
