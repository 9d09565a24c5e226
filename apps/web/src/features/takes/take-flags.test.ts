/** A take's card flags say why a request waits for sign-off, and why one was refused. */
import type { Take } from '@backlot/contracts';
import { describe, expect, it } from 'vitest';
import { takeFlags } from './take-flags.tsx';

const take = (over: Partial<Take>): Take =>
  ({
    id: 't',
    shotId: 's',
    shotCode: 'SC001_SH010',
    number: 4,
    code: 'TK004',
    status: 'queued',
    progress: null,
    providerStatus: null,
    error: null,
    review: 'unreviewed',
    media: null,
    marks: { in: null, out: null },
    updatedAt: '2026-12-01T00:00:00Z',
    ...over,
  }) as Take;

describe('sign-off flags', () => {
  it('flags a take waiting for sign-off with its estimate', () => {
    const flags = takeFlags(take({ status: 'awaiting_approval', cost: { currency: 'USD', estimated: '6.00', reserved: '0.00', actual: null, detail: '', price: 'list' } }));
    expect(flags).toEqual([
      {
        key: 'sign-off',
        label: 'waiting for sign-off',
        why: "The request (6.00 USD a take) is over the project's sign-off threshold: waiting for a producer to sign it off. Nothing is reserved yet.",
        tone: 'warn',
      },
    ]);
  });

  it('flags a refused request with who refused and why', () => {
    const flags = takeFlags(take({ status: 'canceled', signOff: { decision: 'refused', by: 'Pia Producer', at: '2026-12-01T10:00:00Z', reason: 'Two takes are enough' } }));
    expect(flags.map((f) => [f.label, f.why, f.tone])).toEqual([['sign-off refused', 'Pia Producer refused to sign it off: Two takes are enough', 'bad']]);
  });

  it('flags nothing for a take signed off and queued', () => {
    expect(takeFlags(take({ status: 'queued', signOff: { decision: 'signed_off', by: 'Pia Producer', at: '2026-12-01T10:00:00Z', reason: null } }))).toEqual([]);
  });
});
