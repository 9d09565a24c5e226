/** One plan across several providers, as pure rules: each pair's settings, its errors placed at the pair, and the batch counted against budget and limits. */
import { describe, expect, it } from 'vitest';
import { batchRefusals, pairError, settingsForTarget } from './across.rules.ts';

describe('settingsForTarget', () => {
  it('gives each pair the shared settings with its own over them, leaving what neither sets unset', () => {
    expect(settingsForTarget({ resolution: '720p', seed: 42 }, { seed: 7, promptAddition: 'dusk' })).toEqual({ resolution: '720p', seed: 7, promptAddition: 'dusk' });
    expect(settingsForTarget(undefined, undefined)).toEqual({});
  });
});

describe('pairError', () => {
  it("names the pair in the message and places a setting's field at the pair in the request", () => {
    expect(pairError(2, 'Runway Gen-4.5 (runway/gen4.5)', { code: 'settings.unsupported', message: 'settings.resolution: gen4.5 does not render 1080p', field: 'settings.resolution' })).toEqual({
      code: 'settings.unsupported',
      message: 'Runway Gen-4.5 (runway/gen4.5): settings.resolution: gen4.5 does not render 1080p',
      field: 'targets.2.settings.resolution',
    });
  });

  it('lists every field at fault when there are several, and leaves fields of the whole request alone', () => {
    const e = pairError(0, 'Seedance 2.0 (seedance/x)', {
      code: 'settings.unsupported',
      message: 'settings.seed: a; settings.draft: b',
      field: 'settings.seed',
      problems: [
        { field: 'settings.seed', message: 'a' },
        { field: 'settings.draft', message: 'b' },
      ],
    });
    expect(e.problems).toEqual([
      { field: 'targets.0.settings.seed', message: 'Seedance 2.0 (seedance/x): a' },
      { field: 'targets.0.settings.draft', message: 'Seedance 2.0 (seedance/x): b' },
    ]);
    expect(pairError(1, 'P', { code: 'request.invalid', message: 'parentTakeId: no such take', field: 'parentTakeId' }).field).toBe('parentTakeId');
  });
});

describe('batchRefusals', () => {
  const base = { currency: 'USD', limits: [] };
  it('refuses a pair the budget holds alone but not after the pairs before it, saying how much those ask', () => {
    expect(batchRefusals({ ...base, totalMicros: 600_000, aheadMicros: 772_250, remainingMicros: 1_000_000 })).toEqual([
      {
        code: 'budget.exceeded',
        message:
          'The models above ask 0.77225 USD first. This one is estimated at 0.60 USD, and only 0.22775 USD of the budget would remain after them. Drop a model, pick a cheaper one, or raise the budget.',
      },
    ]);
  });

  it('refuses nothing for the first pair, a free pair, or one that still fits exactly', () => {
    expect(batchRefusals({ ...base, totalMicros: 600_000, aheadMicros: 0, remainingMicros: 100 })).toEqual([]);
    expect(batchRefusals({ ...base, totalMicros: 0, aheadMicros: 900_000, remainingMicros: 1_000_000 })).toEqual([]);
    expect(batchRefusals({ ...base, totalMicros: 100_000, aheadMicros: 900_000, remainingMicros: 1_000_000 })).toEqual([]);
  });

  it("counts the pairs ahead against the scene's budget and the member's caps, but not a limit the pair already passes alone", () => {
    const limits = [
      { kind: 'scene' as const, label: 'Scene 1', limitMicros: 2_000_000, usedMicros: 1_000_000 },
      { kind: 'cap' as const, label: 'The daily cap for directors', limitMicros: 500_000, usedMicros: 0, period: 'day' as const },
    ];
    const refusals = batchRefusals({ currency: 'USD', limits, totalMicros: 600_000, aheadMicros: 500_000, remainingMicros: 100_000_000 });
    expect(refusals).toEqual([
      {
        code: 'budget.exceeded',
        message:
          "The models above ask 0.50 USD first. Scene 1's budget is 2.00 USD: 1.50 USD is spent or held, and this asks 0.60 USD. Ask for fewer takes, a cheaper model, or a bigger scene budget.",
      },
    ]);
  });
});
