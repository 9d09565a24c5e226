/** Likeness rules as tables of cases: the covering consent, asset references and refusals, and the spec with assets in place of faces. */
import { describe, expect, it } from 'vitest';
import { ASSET_PENDING, coveringConsent, likenessAssetRefs, withLikenessAssets, type LikenessReference } from './likeness.rules.ts';

const TODAY = '2026-12-06';
const ref = (over: Partial<LikenessReference> = {}): LikenessReference => ({
  assetId: 'a1',
  name: 'MARA',
  sha256: 'f'.repeat(64),
  consents: [{ id: 'c1', person: 'Mara Quinn', expiresOn: '2027-06-30' }],
  assets: [],
  ...over,
});

describe('coveringConsent', () => {
  it.each([
    ['none', [], null],
    ['expired yesterday', [{ id: 'c1', person: 'M', expiresOn: '2026-12-05' }], null],
    ['the expiry day itself', [{ id: 'c1', person: 'M', expiresOn: '2026-12-06' }], 'c1'],
    [
      'the one that runs longest',
      [
        { id: 'c1', person: 'M', expiresOn: '2027-01-01' },
        { id: 'c2', person: 'M', expiresOn: '2028-01-01' },
        { id: 'c3', person: 'M', expiresOn: '2026-01-01' },
      ],
      'c2',
    ],
  ])('%s', (_name, consents, id) => {
    expect(coveringConsent(consents, TODAY)?.id ?? null).toBe(id);
  });
});

describe('likenessAssetRefs', () => {
  const active = { consentId: 'c1', provider: 'seedance', imageSha256: 'f'.repeat(64), state: 'active', assetId: 'asset-7', failure: null };
  it.each([
    ['an active asset is named', ref({ assets: [active] }), 'generate', 'asset://asset-7', null],
    ['an asset of an earlier picture does not stand for a new one', ref({ assets: [{ ...active, imageSha256: 'e'.repeat(64) }] }), 'generate', undefined, 'consent.asset_unavailable'],
    ['an asset of another provider does not count', ref({ assets: [{ ...active, provider: 'kling' }] }), 'generate', undefined, 'consent.asset_unavailable'],
    [
      'an asset of a withdrawn consent does not count',
      ref({ consents: [{ id: 'c2', person: 'Mara Quinn', expiresOn: '2027-06-30' }], assets: [active] }),
      'generate',
      undefined,
      'consent.asset_unavailable',
    ],
    ['not registered yet: the preview shows it pending', ref(), 'preview', ASSET_PENDING, null],
    ['not registered yet: generating refuses', ref(), 'generate', undefined, 'consent.asset_unavailable'],
    [
      'refused at the provider: refused in the preview too',
      ref({ assets: [{ ...active, state: 'failed', assetId: 'asset-7', failure: 'no match' }] }),
      'preview',
      undefined,
      'consent.asset_unavailable',
    ],
    ['no covering consent: left to the consent rules', ref({ consents: [{ id: 'c1', person: 'Mara Quinn', expiresOn: '2026-01-01' }], assets: [active] }), 'generate', undefined, null],
  ] as const)('%s', (_name, r, mode, expected, refusal) => {
    const out = likenessAssetRefs([r], 'seedance', 'Seedance', TODAY, mode);
    expect(out.refs.get(r.sha256!)).toBe(expected);
    expect(out.refusals[0]?.code ?? null).toBe(refusal);
    if (refusal) expect(out.refusals[0]).toMatchObject({ assetId: 'a1', assetName: 'MARA' });
  });

  it('names the person, the reference and the provider reason in a refusal', () => {
    const out = likenessAssetRefs(
      [ref({ assets: [{ consentId: 'c1', provider: 'seedance', imageSha256: 'f'.repeat(64), state: 'failed', assetId: 'x', failure: 'no match' }] })],
      'seedance',
      'Seedance',
      TODAY,
      'generate',
    );
    expect(out.refusals[0].message).toBe(
      "Seedance refused to register Mara Quinn's likeness MARA in its asset library: no match. Seedance takes real faces only from its asset library; remove MARA from the plan or use another provider.",
    );
  });
});

describe('withLikenessAssets', () => {
  it('puts the asset in place of the face wherever the face goes, and leaves other pictures alone', () => {
    const face = { kind: 'blob' as const, sha256: 'f'.repeat(64), mediaType: 'image/png' };
    const set = { kind: 'blob' as const, sha256: 'e'.repeat(64), mediaType: 'image/png' };
    const spec = withLikenessAssets({ model: 'm', prompt: 'p', firstFrame: face, referenceImages: [set, face] }, new Map([[face.sha256, 'asset://asset-7']]));
    expect(spec.firstFrame).toEqual({ kind: 'provider', ref: 'asset://asset-7' });
    expect(spec.referenceImages).toEqual([set, { kind: 'provider', ref: 'asset://asset-7' }]);
  });
});
