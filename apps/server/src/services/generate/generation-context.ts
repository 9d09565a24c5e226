/** Everything a generation of one shot is decided from, read in one place: project, shot and plan, scene, references with their files, rights and consents. */
import { splitConsents } from '../../domain/assets/consent.rules.ts';
import { fail } from '../../domain/errors.ts';
import type { CompilerReference } from '../../domain/generate/prompt-compiler.ts';
import type { PolicyReference } from '../../domain/generate/generation-policy.ts';
import type { LikenessReference } from '../../domain/generate/likeness.rules.ts';
import type { AssetFileRecord } from '../../ports/asset-store.ts';
import type { SceneRecord, ShotView } from '../../ports/plan-store.ts';
import type { ProjectRecord, Repos } from '../../ports/store.ts';

export interface GenerationContext {
  project: ProjectRecord;
  shot: ShotView;
  scene: SceneRecord;
  /** In plan order, each ready for the compiler and for the policy. */
  references: { compiler: CompilerReference; policy: PolicyReference; file: AssetFileRecord | null; likeness: LikenessReference | null }[];
}

/** The picture, video or sound of an asset version that stands for it in a request: the main view first. */
function mainFile(files: AssetFileRecord[], version: number): AssetFileRecord | null {
  const of = files.filter((f) => f.version === version);
  return of.find((f) => f.view === 'main') ?? of[0] ?? null;
}

/** Loads the context of a shot's current plan, or fails naming what is missing. */
export async function loadGenerationContext(repos: Repos, projectId: string, shotId: string): Promise<GenerationContext> {
  const project = (await repos.projects.findById(projectId)) ?? fail('project.not_found', 'No such project.');
  const shot = (await repos.shots.findById(projectId, shotId)) ?? fail('shot.not_found', 'No such shot in this project.');
  const scene = (await repos.scenes.findById(projectId, shot.sceneId)) ?? fail('scene.not_found', 'The shot’s scene is missing.');
  const refs = await repos.references.forVersion(shot.id, shot.planVersion);
  const assetIds = [...new Set(refs.map((r) => r.assetId))];
  const assets = new Map((await repos.assets.findMany(projectId, assetIds)).map((a) => [a.id, a]));
  const consents = await repos.assets.consents(assetIds);
  const providerAssets = await repos.likenessAssets.forConsents(consents.filter((c) => c.withdrawnAt === null).map((c) => c.id));
  const references: GenerationContext['references'] = [];
  for (const r of refs) {
    const asset = assets.get(r.assetId);
    if (!asset) continue;
    const file = mainFile(await repos.assets.files(asset.id), r.assetVersion);
    const inForce = consents.filter((c) => c.assetId === asset.id && c.withdrawnAt === null);
    references.push({
      file,
      likeness: asset.flags.includes('likeness')
        ? {
            assetId: asset.id,
            name: asset.name,
            sha256: file?.sha256 ?? null,
            consents: inForce.map((c) => ({ id: c.id, person: c.person, expiresOn: c.expiresOn })),
            assets: providerAssets
              .filter((p) => inForce.some((c) => c.id === p.consentId))
              .map((p) => ({ consentId: p.consentId, provider: p.provider, imageSha256: p.imageSha256, state: p.state, assetId: p.assetId, failure: p.failure })),
          }
        : null,
      compiler: {
        assetId: asset.id,
        name: asset.name,
        kind: asset.kind,
        version: r.assetVersion,
        role: r.role,
        file: file && { sha256: file.sha256, mediaType: file.mediaType, kind: file.kind, width: file.width, height: file.height },
        notes: asset.notes,
      },
      policy: {
        assetId: asset.id,
        name: asset.name,
        version: r.assetVersion,
        lockedVersion: asset.lockedVersion,
        clearance: asset.clearance,
        flags: asset.flags,
        everCleared: asset.everCleared,
        ...splitConsents(consents.filter((c) => c.assetId === asset.id)),
      },
    });
  }
  return { project, shot, scene, references };
}
