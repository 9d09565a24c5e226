/** The wire shapes of references: an asset in lists, and its whole record on its page. */
import type { Asset } from '@backlot/contracts';
import type { AssetFileRecord, AssetRecord } from '../../ports/asset-store.ts';

/** Where a member fetches a stored blob of a project (checked against membership on every request). */
export function mediaUrl(projectId: string, sha256: string): string {
  return `/api/v1/projects/${projectId}/media/${sha256}`;
}

export function presentAsset(a: AssetRecord, rights: { atRisk: boolean; reasons: string[] }, cover?: AssetFileRecord): Asset {
  return {
    id: a.id,
    kind: a.kind as Asset['kind'],
    name: a.name,
    notes: a.notes,
    tags: a.tags,
    rightsSource: a.rightsSource as Asset['rightsSource'],
    flags: a.flags as Asset['flags'],
    clearance: a.clearance,
    currentVersion: a.currentVersion,
    lockedVersion: a.lockedVersion,
    rights,
    thumbnailUrl: cover?.thumbnailSha256 ? mediaUrl(a.projectId, cover.thumbnailSha256) : null,
    updatedAt: a.updatedAt,
  };
}

export function presentFile(projectId: string, f: AssetFileRecord) {
  return {
    id: f.id,
    view: f.view,
    sha256: f.sha256,
    mediaType: f.mediaType,
    kind: f.kind,
    size: f.size,
    width: f.width,
    height: f.height,
    durationUs: f.durationUs,
    frameRate: f.frameRate,
    videoCodec: f.videoCodec,
    audioCodec: f.audioCodec,
    originalName: f.originalName,
    hasPreview: f.posterSha256 !== null,
    url: mediaUrl(projectId, f.sha256),
    posterUrl: f.posterSha256 ? mediaUrl(projectId, f.posterSha256) : null,
    thumbnailUrl: f.thumbnailSha256 ? mediaUrl(projectId, f.thumbnailSha256) : null,
  };
}
