/**
 * References made from drawn stills: a picture is drawn locally, uploaded as a version of a
 * reference (the one of that kind and name, or a new one), cleared with a reason and locked —
 * each step through the asset and rights services, so each is audited like a member's own.
 */
import type { AssetKind } from '@backlot/contracts';
import type { Staging } from '../../ports/staging.ts';
import type { StillRenderer, StillSpec } from '../../ports/stills.ts';
import type { Actor } from '../audit/audit-append.ts';
import type { AssetsService } from '../assets/assets.service.ts';
import type { RightsService } from '../assets/rights.service.ts';

/** The asset and rights services it goes through, the renderer, and staging for the drawn file. */
export interface StillReferencesDeps {
  assets: Pick<AssetsService, 'list' | 'create' | 'update' | 'addVersion' | 'lock'>;
  rights: Pick<RightsService, 'setClearance'>;
  stills: StillRenderer;
  staging: Staging;
}

/** A reference to draw: what it is, why it may be used, and the picture. */
export interface StillReferenceRequest {
  kind: AssetKind;
  name: string;
  notes: string;
  tags: string[];
  /** Kept in the clearance history. */
  clearanceReason: string;
  still: StillSpec;
}

/** The version made, as a plan references it. */
export interface MadeReference {
  assetId: string;
  name: string;
  version: number;
}

/** Makes cleared, locked references from drawn stills. */
export function createStillReferences(deps: StillReferencesDeps) {
  /** The reference of this kind and name (e.g. a character drafted from the script), or a new one. */
  async function referenceFor(actor: Actor, projectId: string, r: StillReferenceRequest) {
    const [found] = (await deps.assets.list(projectId, { kind: r.kind, q: r.name })).filter((x) => x.asset.name.toLowerCase() === r.name.toLowerCase());
    if (!found) return deps.assets.create(actor, projectId, { kind: r.kind, name: r.name, notes: r.notes, tags: r.tags, rightsSource: 'original', flags: [] });
    return deps.assets.update(actor, projectId, found.asset.id, { notes: r.notes, tags: r.tags, rightsSource: 'original' });
  }

  return {
    /** Draws the still, uploads it as a new version, clears the reference and locks that version. */
    async make(actor: Actor, projectId: string, r: StillReferenceRequest): Promise<MadeReference> {
      const asset = await referenceFor(actor, projectId, r);
      const path = deps.staging.scratchPath('.png');
      try {
        const { size } = await deps.stills.renderStill(path, r.still);
        const originalName = `${r.name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '')}.png`;
        const { version } = await deps.assets.addVersion(actor, projectId, asset.id, [{ view: 'main', staged: { path, size, originalName } }], 'drawn by Backlot');
        await deps.rights.setClearance(actor, projectId, asset.id, 'cleared', r.clearanceReason);
        await deps.assets.lock(actor, projectId, asset.id, version);
        return { assetId: asset.id, name: asset.name, version };
      } finally {
        await deps.staging.remove(path);
      }
    },
  };
}

/** The still-references maker, as the sample project uses it. */
export type StillReferences = ReturnType<typeof createStillReferences>;
