import { describe, expect, it } from 'vitest';
import { referenceNotes, rightsStatus } from './rights.rules.ts';

const base = { name: 'ANNA (front)', clearance: 'cleared' as const, flags: [] as string[], consents: [] as { person: string; expiresOn: string }[], everCleared: true };

describe('rights status', () => {
  it.each([
    ['a cleared prop', base, []],
    ['a restricted asset', { ...base, clearance: 'restricted' as const }, ['ANNA (front) is restricted']],
    ['an asset whose clearance was withdrawn', { ...base, clearance: 'uncleared' as const }, ['ANNA (front) is no longer cleared (now uncleared)']],
    ['an asset never cleared yet', { ...base, clearance: 'pending' as const, everCleared: false }, []],
    ['a cleared likeness without consent', { ...base, flags: ['likeness'] }, ['ANNA (front) shows a real person and has no consent on record']],
    ['a likeness with valid consent', { ...base, flags: ['likeness'], consents: [{ person: 'Anna Berg', expiresOn: '2026-12-31' }] }, []],
    ['a likeness on its consent’s last day', { ...base, flags: ['likeness'], consents: [{ person: 'Anna Berg', expiresOn: '2026-11-27' }] }, []],
    [
      'a likeness whose consents all expired',
      {
        ...base,
        flags: ['likeness'],
        consents: [
          { person: 'Anna Berg', expiresOn: '2026-01-31' },
          { person: 'Anna Berg', expiresOn: '2026-11-26' },
        ],
      },
      ["Anna Berg's consent for ANNA (front) expired on 2026-11-26"],
    ],
    [
      'a cleared likeness whose only consent was withdrawn',
      { ...base, flags: ['likeness'], withdrawn: [{ person: 'Anna Berg', withdrawnOn: '2026-11-20', reason: 'Campaign cancelled' }] },
      ['Anna Berg withdrew consent for ANNA (front) on 2026-11-20: Campaign cancelled'],
    ],
    [
      'a likeness never cleared whose consent was withdrawn',
      { ...base, clearance: 'pending' as const, everCleared: false, flags: ['likeness'], withdrawn: [{ person: 'Anna Berg', withdrawnOn: '2026-11-20', reason: 'Campaign cancelled' }] },
      ['Anna Berg withdrew consent for ANNA (front) on 2026-11-20: Campaign cancelled'],
    ],
    [
      'a likeness with one consent withdrawn and another still valid',
      { ...base, flags: ['likeness'], consents: [{ person: 'Anna Berg', expiresOn: '2026-12-31' }], withdrawn: [{ person: 'Anna Berg', withdrawnOn: '2026-11-20', reason: 'Replaced' }] },
      [],
    ],
    [
      'a likeness with one consent withdrawn and the other expired',
      { ...base, flags: ['likeness'], consents: [{ person: 'Anna Berg', expiresOn: '2026-01-31' }], withdrawn: [{ person: 'Anna Berg', withdrawnOn: '2026-11-20', reason: 'Campaign cancelled' }] },
      ['Anna Berg withdrew consent for ANNA (front) on 2026-11-20: Campaign cancelled', "Anna Berg's consent for ANNA (front) expired on 2026-01-31"],
    ],
  ])('%s', (_what, asset, reasons) => {
    expect(rightsStatus(asset, '2026-11-27')).toEqual({ atRisk: reasons.length > 0, reasons });
  });
});

describe('reference notes on a plan', () => {
  it('names an unlocked, not-yet-cleared reference', () => {
    expect(referenceNotes({ name: 'WAREHOUSE', version: 2, lockedVersion: null, clearance: 'pending' }, { atRisk: false, reasons: [] })).toEqual([
      'WAREHOUSE has no locked version',
      'WAREHOUSE is not cleared yet (pending)',
    ]);
    expect(referenceNotes({ name: 'WAREHOUSE', version: 2, lockedVersion: 3, clearance: 'cleared' }, { atRisk: false, reasons: [] })).toEqual(['WAREHOUSE v2 is not its locked version (v3)']);
    expect(referenceNotes({ name: 'WAREHOUSE', version: 3, lockedVersion: 3, clearance: 'cleared' }, { atRisk: false, reasons: [] })).toEqual([]);
  });
});
