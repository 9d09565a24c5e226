import { describe, expect, it } from 'vitest';
import { checkGenerationPolicy, type PolicyInput, type PolicyReference } from './generation-policy.ts';

const mara: PolicyReference = { assetId: 'a-mara', name: 'MARA (front)', version: 2, lockedVersion: 2, clearance: 'cleared', flags: [], everCleared: true, consents: [] };
const warehouse: PolicyReference = { ...mara, assetId: 'a-wh', name: 'WAREHOUSE' };

const ok: PolicyInput = {
  mayGenerate: true,
  role: 'director',
  planComplete: { complete: true, missing: [] },
  planLocked: true,
  references: [mara, warehouse],
  provider: 'kling',
  requireLocked: true,
  today: '2026-11-27',
  cost: { totalMicros: 2_000_000, remainingMicros: 10_000_000, currency: 'USD' },
  priceMissing: false,
};

const codes = (input: Partial<PolicyInput>) => checkGenerationPolicy({ ...ok, ...input }).map((r) => [r.code, r.assetName ?? null]);
const message = (input: Partial<PolicyInput>, code: string) => checkGenerationPolicy({ ...ok, ...input }).find((r) => r.code === code)?.message;

describe('generation policy', () => {
  it('allows a complete, locked, cleared, affordable request', () => {
    expect(checkGenerationPolicy(ok)).toEqual([]);
  });

  it.each<[string, Partial<PolicyInput>, (string | null)[][]]>([
    ['a member who may not generate', { mayGenerate: false, role: 'editor' }, [['generation.not_allowed', null]]],
    ['an incomplete plan', { planComplete: { complete: false, missing: ['shot job', 'camera size'] } }, [['plan.incomplete', null]]],
    ['an unlocked plan', { planLocked: false }, [['plan.not_locked', null]]],
    ['an unlocked plan for previs', { planLocked: false, provider: 'previs' }, []],
    ['an unlocked plan where locking is not required', { planLocked: false, requireLocked: false }, []],
    ['a reference never cleared', { references: [{ ...mara, clearance: 'pending', everCleared: false }] }, [['reference.uncleared', 'MARA (front)']]],
    [
      'a reference that lost its clearance',
      { references: [{ ...mara, clearance: 'uncleared' }] },
      [
        ['reference.uncleared', 'MARA (front)'],
        ['reference.at_risk', 'MARA (front)'],
      ],
    ],
    ['a restricted reference', { references: [{ ...mara, clearance: 'restricted' }] }, [['reference.restricted', 'MARA (front)']]],
    ['a likeness without consent', { references: [{ ...mara, flags: ['likeness'] }] }, [['consent.missing', 'MARA (front)']]],
    [
      'a likeness not cleared and without consent',
      { references: [{ ...mara, flags: ['likeness'], clearance: 'pending', everCleared: false }] },
      [
        ['reference.uncleared', 'MARA (front)'],
        ['consent.missing', 'MARA (front)'],
      ],
    ],
    ['a likeness with valid consent', { references: [{ ...mara, flags: ['likeness'], consents: [{ person: 'Mara Lind', expiresOn: '2026-11-27' }] }] }, []],
    ['a likeness whose consent expired', { references: [{ ...mara, flags: ['likeness'], consents: [{ person: 'Mara Lind', expiresOn: '2026-11-26' }] }] }, [['consent.expired', 'MARA (front)']]],
    ['a reference off its locked version', { references: [mara, { ...warehouse, version: 1 }] }, [['reference.not_locked_version', 'WAREHOUSE']]],
    ['a reference with no locked version', { references: [{ ...warehouse, lockedVersion: null }] }, [['reference.not_locked_version', 'WAREHOUSE']]],
    ['off its locked version, but previs', { provider: 'previs', references: [{ ...warehouse, lockedVersion: null }] }, []],
    ['no price for the model', { cost: null, priceMissing: true }, [['price.missing', null]]],
    ['no cost to check (previs)', { cost: null, provider: 'previs' }, []],
    ['over the budget', { cost: { totalMicros: 10_000_001, remainingMicros: 10_000_000, currency: 'USD' } }, [['budget.exceeded', null]]],
    ['exactly the budget', { cost: { totalMicros: 10_000_000, remainingMicros: 10_000_000, currency: 'USD' } }, []],
    ['free takes on an overspent budget', { cost: { totalMicros: 0, remainingMicros: -5, currency: 'USD' } }, []],
  ])('%s', (_what, input, expected) => {
    expect(codes(input)).toEqual(expected);
  });

  it('refuses a likeness whose consent was withdrawn, saying who withdrew it, when and why', () => {
    const refusals = checkGenerationPolicy({ ...ok, references: [{ ...mara, flags: ['likeness'], withdrawn: [{ person: 'Mara Lind', withdrawnOn: '2026-11-20', reason: 'Campaign cancelled' }] }] });
    expect(refusals.map((r) => [r.code, r.assetId ?? null])).toEqual([['consent.missing', 'a-mara']]);
    expect(refusals[0].message).toBe('Mara Lind withdrew consent for MARA (front) on 2026-11-20: Campaign cancelled. Record a new consent in the reference library or remove it from the plan.');
  });

  it('returns every refusal, in order: permission, plan, references in plan order, money', () => {
    const refusals = checkGenerationPolicy({
      ...ok,
      mayGenerate: false,
      planComplete: { complete: false, missing: ['a review criterion'] },
      planLocked: false,
      references: [
        { ...warehouse, clearance: 'restricted', version: 3 },
        {
          ...mara,
          flags: ['likeness'],
          consents: [
            { person: 'Mara Lind', expiresOn: '2025-01-01' },
            { person: 'Mara Lind', expiresOn: '2026-06-30' },
          ],
        },
      ],
      cost: { totalMicros: 12_500_000, remainingMicros: 3_250_000, currency: 'EUR' },
    });
    expect(refusals.map((r) => [r.code, r.assetId ?? null])).toEqual([
      ['generation.not_allowed', null],
      ['plan.incomplete', null],
      ['plan.not_locked', null],
      ['reference.restricted', 'a-wh'],
      ['reference.not_locked_version', 'a-wh'],
      ['consent.expired', 'a-mara'],
      ['budget.exceeded', null],
    ]);
  });

  it('says what is wrong and what to do, naming the asset', () => {
    expect(message({ mayGenerate: false, role: 'editor' }, 'generation.not_allowed')).toBe('A member with the editor role may not generate takes in this project. Ask an owner, producer or director.');
    expect(message({ planComplete: { complete: false, missing: ['shot job', 'camera size'] } }, 'plan.incomplete')).toBe(
      "The plan is not complete: it still needs shot job, camera size. Fill it in on the shot's plan.",
    );
    expect(message({ references: [{ ...mara, clearance: 'pending', everCleared: false }] }, 'reference.uncleared')).toBe(
      'MARA (front) is not cleared (pending). Clear it in the reference library or remove it from the plan.',
    );
    expect(message({ references: [{ ...mara, clearance: 'uncleared' }] }, 'reference.at_risk')).toBe(
      'MARA (front) is no longer cleared (now uncleared), so shots using it are at risk. Clear it in the reference library or remove it from the plan.',
    );
    expect(
      message(
        {
          references: [
            {
              ...mara,
              flags: ['likeness'],
              consents: [
                { person: 'Mara Lind', expiresOn: '2025-01-01' },
                { person: 'Mara Lind', expiresOn: '2026-06-30' },
              ],
            },
          ],
        },
        'consent.expired',
      ),
    ).toBe("Mara Lind's consent for MARA (front) expired on 2026-06-30. Record a renewed consent in the reference library or remove it from the plan.");
    expect(message({ references: [{ ...warehouse, version: 1 }] }, 'reference.not_locked_version')).toBe('WAREHOUSE v1 is not its locked version (v2). Put v2 on the plan, or lock v1.');
    expect(message({ cost: { totalMicros: 12_500_000, remainingMicros: 3_250_000, currency: 'EUR' } }, 'budget.exceeded')).toBe(
      'The estimate is 12.50 EUR but only 3.25 EUR of the budget remains. Ask for fewer takes, a cheaper model, or a bigger budget.',
    );
    expect(message({ cost: null, priceMissing: true }, 'price.missing')).toBe(
      "There is no price for this kling model in the project's currency, so Backlot cannot reserve its cost. Add one to the price catalog.",
    );
  });
});
