/**
 * Real faces at providers that take them only from their asset library (PROVIDERS.md §1.3.2): which
 * consent covers a likeness reference today, and how a request names it — `asset://<id>` in place of
 * the picture, never the picture itself. A likeness whose asset is not usable is refused by name.
 */
import type { Refusal } from '@backlot/contracts';
import { consentValid } from '../assets/rights.rules.ts';
import type { GenerationSpec, MediaRef } from './generation-spec.ts';

/** A consent in force (not withdrawn), as the likeness rules read it. */
export interface LikenessConsent {
  id: string;
  person: string;
  expiresOn: string;
}

/** A likeness reference of the plan: its picture, its consents in force and their provider assets. */
export interface LikenessReference {
  assetId: string;
  name: string;
  /** The picture the plan sends for it (null: nothing to send). */
  sha256: string | null;
  consents: LikenessConsent[];
  /** Registered pictures: an asset stands for the picture it was made from only. */
  assets: { consentId: string; provider: string; imageSha256: string; state: string; assetId: string | null; failure: string | null }[];
}

/** What the request preview shows for a likeness that is registered when the take is generated. */
export const ASSET_PENDING = 'asset://(registered in the asset library when you generate)';

/** The consent that covers the likeness today: the one in force that runs longest. */
export function coveringConsent(consents: readonly LikenessConsent[], today: string): LikenessConsent | null {
  return [...consents].filter((c) => consentValid(c.expiresOn, today)).sort((a, b) => (a.expiresOn < b.expiresOn ? 1 : a.expiresOn > b.expiresOn ? -1 : 0))[0] ?? null;
}

/**
 * For each likeness with a covering consent: its asset reference at the provider, or a refusal
 * naming it (failed at the provider, or not registered). Likenesses without a covering consent are
 * left to the consent rules (generation-policy.ts). `preview` shows a likeness not registered yet as
 * ASSET_PENDING instead of refusing it: generating registers it first.
 */
export function likenessAssetRefs(
  refs: readonly LikenessReference[],
  provider: string,
  label: string,
  today: string,
  mode: 'preview' | 'generate',
): { refs: Map<string, string>; refusals: Refusal[] } {
  const out = new Map<string, string>();
  const refusals: Refusal[] = [];
  for (const ref of refs) {
    const consent = coveringConsent(ref.consents, today);
    if (!consent || !ref.sha256) continue;
    const asset = ref.assets.find((a) => a.consentId === consent.id && a.provider === provider && a.imageSha256 === ref.sha256);
    const about = { assetId: ref.assetId, assetName: ref.name };
    if (asset?.state === 'active' && asset.assetId) out.set(ref.sha256, `asset://${asset.assetId}`);
    else if (asset?.state === 'failed') {
      refusals.push({
        code: 'consent.asset_unavailable',
        message: `${label} refused to register ${consent.person}'s likeness ${ref.name} in its asset library${asset.failure ? `: ${asset.failure}` : ''}. ${label} takes real faces only from its asset library; remove ${ref.name} from the plan or use another provider.`,
        ...about,
      });
    } else if (mode === 'preview') out.set(ref.sha256, ASSET_PENDING);
    else {
      refusals.push({
        code: 'consent.asset_unavailable',
        message: `${consent.person}'s likeness ${ref.name} is not registered in ${label}'s asset library yet, and ${label} takes real faces only from there. Try again in a minute.`,
        ...about,
      });
    }
  }
  return { refs: out, refusals };
}

/** The spec with every picture named in `refs` (by hash) replaced by its provider asset. */
export function withLikenessAssets(spec: GenerationSpec, refs: ReadonlyMap<string, string>): GenerationSpec {
  if (refs.size === 0) return spec;
  const swap = (m: MediaRef): MediaRef => (m.kind === 'blob' && refs.has(m.sha256) ? { kind: 'provider', ref: refs.get(m.sha256)! } : m);
  const list = (l: MediaRef[] | undefined) => l?.map(swap);
  return {
    ...spec,
    firstFrame: spec.firstFrame && swap(spec.firstFrame),
    lastFrame: spec.lastFrame && swap(spec.lastFrame),
    referenceImages: list(spec.referenceImages),
    referenceVideos: list(spec.referenceVideos),
    referenceAudio: list(spec.referenceAudio),
  };
}
