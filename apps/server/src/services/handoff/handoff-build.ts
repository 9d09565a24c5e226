/**
 * Builds a handoff from the database: the shots of a scope in scene and shot order, each shot's
 * approved take (or its selected takes), the source range from the take's marks with handles
 * clamped to the media, predictable names and reels, notes as markers, each clip's provenance,
 * and the takes refused because their references are at risk.
 */
import { frameToTimecode, readRate, type FrameRational, type Role } from '@backlot/contracts';
import { fail } from '../../domain/errors.ts';
import { hourFrame, markersFor, sourceRange } from '../../domain/handoff/handoff-clip.rules.ts';
import type { ManifestClip, ManifestReference } from '../../domain/handoff/handoff-manifest.ts';
import { clipName, reelNames, sceneCode, takeCodeOf } from '../../domain/handoff/handoff-names.ts';
import type { HandoffClip, HandoffTimeline } from '../../domain/handoff/handoff-timeline.ts';
import { roleMay } from '../../domain/permissions/permissions.ts';
import { formatAmount } from '../../domain/project/project.rules.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { SceneRecord, ShotView } from '../../ports/plan-store.ts';
import type { ProjectRecord, Repos } from '../../ports/store.ts';
import type { TakeRecord } from '../../ports/take-store.ts';

/**
 * Which shots a handoff holds. A dailies playlist (`{ kind: 'playlist'; playlistId }`) joins this
 * union when dailies exist: `shotsInScope` then takes the playlist's takes in its order.
 */
export type HandoffScope = { kind: 'project' } | { kind: 'scenes'; sceneIds: string[] };

export interface HandoffRequest {
  scope: HandoffScope;
  /** Each shot's approved take, or its selected takes (the approved one among them). */
  takes: 'approved' | 'selected';
  /** Frames added each side of the marked range, clamped to the media. */
  handles: number;
}

/** The rights of each take today, as approval reads them (the rights service's `forTakes`). */
export type TakeRightsReader = (projectId: string, takeIds: string[]) => Promise<Map<string, { atRisk: boolean; reasons: string[] }>>;

/** A media file of the package and the blob it is copied from. */
export interface PackageMedia {
  path: string;
  sha256: string;
  bytes: number;
}

/** A clip with what the package copies and what the manifest says of it. */
export interface BuiltClip {
  clip: HandoffClip;
  sceneNumber: string;
  review: string;
  original: PackageMedia;
  proxy: PackageMedia;
  /** Whether the timelines point at the proxy (the original is at another rate than the project's). */
  conformed: boolean;
  provenance: ManifestClip;
}

export interface HandoffBuild {
  project: ProjectRecord;
  scenes: SceneRecord[];
  timeline: HandoffTimeline;
  clips: BuiltClip[];
  refusals: { takeId: string; name: string; shotCode: string; takeCode: string; reasons: string[] }[];
  skipped: { shotId: string; shotCode: string; why: string }[];
}

const EXTENSIONS: Record<string, string> = { 'video/mp4': 'mp4', 'video/quicktime': 'mov', 'video/webm': 'webm', 'video/x-matroska': 'mkv' };

const sameRate = (a: FrameRational, b: FrameRational) => a.num * b.den === b.num * a.den;

/** The scenes of the scope in the project's order; a scene named that is not in the project fails naming it. */
async function scenesInScope(read: Repos, projectId: string, scope: HandoffScope): Promise<SceneRecord[]> {
  const all = (await read.scenes.list(projectId)).filter((s) => !s.omittedAt);
  if (scope.kind === 'project') return all;
  const known = new Set(all.map((s) => s.id));
  scope.sceneIds.forEach((id, i) => {
    if (!known.has(id)) fail('scene.not_found', `scenes.${i}: no scene ${id} in this project (or it is omitted).`, `scenes.${i}`);
  });
  const wanted = new Set(scope.sceneIds);
  return all.filter((s) => wanted.has(s.id));
}

/** The takes handed off of each shot: rendered, shown, in the review states asked, by take number. */
async function takesOf(read: Repos, projectId: string, shots: ShotView[], which: HandoffRequest['takes']): Promise<Map<string, TakeRecord[]>> {
  const ids = new Set(shots.map((s) => s.id));
  const takes = which === 'approved' ? await read.takes.approvedForShots([...ids]) : (await read.takes.listReviewed(projectId, ['selected', 'approved'])).filter((t) => ids.has(t.shotId));
  const byShot = new Map<string, TakeRecord[]>();
  for (const t of takes.sort((a, b) => a.number - b.number)) {
    if (t.status !== 'succeeded' || !t.media || t.outputHidden) continue;
    byShot.set(t.shotId, [...(byShot.get(t.shotId) ?? []), t]);
  }
  return byShot;
}

/** Each take's references as the manifest names them: asset, version, role and the version's files with their hashes. */
async function referencesOf(read: Repos, projectId: string, takeIds: string[]): Promise<Map<string, ManifestReference[]>> {
  const refs = await read.takes.references(takeIds);
  const assetIds = [...new Set(refs.map((r) => r.assetId))];
  const assets = new Map((await read.assets.findMany(projectId, assetIds)).map((a) => [a.id, a]));
  const files = new Map<string, { version: number; view: string; sha256: string }[]>();
  for (const id of assetIds)
    files.set(
      id,
      (await read.assets.files(id)).map((f) => ({ version: f.version, view: f.view, sha256: f.sha256 })),
    );
  const out = new Map<string, ManifestReference[]>();
  for (const r of refs) {
    const a = assets.get(r.assetId);
    const ref: ManifestReference = {
      asset: a?.name ?? 'removed reference',
      assetId: r.assetId,
      kind: a?.kind ?? '',
      version: r.assetVersion,
      role: r.role,
      files: (files.get(r.assetId) ?? []).filter((f) => f.version === r.assetVersion).map(({ view, sha256 }) => ({ view, sha256 })),
    };
    out.set(r.takeId, [...(out.get(r.takeId) ?? []), ref]);
  }
  return out;
}

/** A blob's size, failing in words when storage has lost it. */
async function sizeOf(blobs: BlobStore, sha256: string, what: string): Promise<number> {
  const stat = await blobs.stat(sha256);
  if (!stat) fail('blob.not_found', `The media of ${what} is missing from storage (${sha256}).`);
  return stat.size;
}

/** The timeline and everything around it for a scope, as the member asking may see it. */
export async function buildHandoff(deps: { read: Repos; blobs: BlobStore; takeRights: TakeRightsReader }, projectId: string, role: Role, request: HandoffRequest): Promise<HandoffBuild> {
  const { read } = deps;
  const project = (await read.projects.findById(projectId)) ?? fail('project.not_found', 'No such project.');
  const rate: FrameRational = { num: project.fpsNum, den: project.fpsDen };
  const scenes = await scenesInScope(read, projectId, request.scope);
  const sceneOf = new Map(scenes.map((s) => [s.id, s]));
  const shots = (await read.shots.list(projectId)).filter((s) => sceneOf.has(s.sceneId) && s.status !== 'omitted');
  const byShot = await takesOf(read, projectId, shots, request.takes);

  const skipped: HandoffBuild['skipped'] = [];
  const chosen: { shot: ShotView; take: TakeRecord }[] = [];
  for (const shot of shots) {
    const takes = byShot.get(shot.id) ?? [];
    if (!takes.length) skipped.push({ shotId: shot.id, shotCode: shot.code, why: request.takes === 'approved' ? 'no approved take with a picture' : 'no selected or approved take with a picture' });
    for (const take of takes) chosen.push({ shot, take });
  }
  const takeIds = chosen.map((c) => c.take.id);
  const [rights, references, notes, events] = await Promise.all([
    deps.takeRights(projectId, takeIds),
    referencesOf(read, projectId, takeIds),
    read.notes.listForTakes(takeIds),
    read.review.eventsForTakes(takeIds),
  ]);
  const reels = reelNames(chosen.map((c) => ({ shotCode: c.shot.code, takeNumber: c.take.number })));
  const readsCost = roleMay(role, 'spend.read');

  const clips: BuiltClip[] = [];
  const refusals: HandoffBuild['refusals'] = [];
  for (const [i, { shot, take }] of chosen.entries()) {
    const media = take.media!;
    const sceneNumber = sceneOf.get(shot.sceneId)!.number;
    const name = clipName({ projectCode: project.code, sceneNumber, shotCode: shot.code, takeNumber: take.number });
    const takeCode = takeCodeOf(take.number);
    const risk = rights.get(take.id);
    if (risk?.atRisk) refusals.push({ takeId: take.id, name, shotCode: shot.code, takeCode, reasons: risk.reasons });

    const originalRate = readRate(media.frameRate);
    const conformed = !originalRate || !sameRate(originalRate, rate);
    const ext = EXTENSIONS[media.mediaType] ?? 'mp4';
    const original: PackageMedia = { path: `media/${name}.${ext}`, sha256: media.originalSha256, bytes: await sizeOf(deps.blobs, media.originalSha256, `${shot.code} ${takeCode}`) };
    const proxy: PackageMedia = { path: `proxies/${name}.mp4`, sha256: media.proxySha256, bytes: await sizeOf(deps.blobs, media.proxySha256, `${shot.code} ${takeCode} (proxy)`) };
    // Marks count frames of the proxy (the project's grid); the original has as many when it is at the project's rate.
    const frames = conformed ? media.proxyFrames : Math.min(media.frames, media.proxyFrames);
    const range = sourceRange({ frames }, { in: take.inFrame, out: take.outFrame }, request.handles);
    const markers = markersFor(
      notes
        .filter((n) => n.takeId === take.id)
        .map((n) => ({
          id: n.id,
          parentId: n.parentId,
          authorName: n.authorName,
          body: n.body,
          frame: n.frame,
          frameEnd: n.frameEnd,
          hasDrawing: n.drawing !== null,
          visibility: n.visibility,
          resolved: n.resolvedAt !== null,
        })),
      range,
    );
    const clip: HandoffClip = {
      name,
      reel: reels[i],
      takeId: take.id,
      shotId: shot.id,
      sceneCode: sceneCode(sceneNumber),
      shotCode: shot.code,
      takeCode,
      media: { path: conformed ? proxy.path : original.path, frames, rate: conformed ? rate : originalRate!, width: media.width, height: media.height, hasAudio: !!media.audioCodec },
      sourceIn: range.sourceIn,
      sourceOut: range.sourceOut,
      markers,
    };
    const approval = events.filter((e) => e.takeId === take.id && e.to === 'approved').at(-1);
    clips.push({
      clip,
      sceneNumber,
      review: take.review,
      original,
      proxy,
      conformed,
      provenance: {
        clip: name,
        reel: reels[i],
        scene: sceneNumber,
        shot: shot.code,
        take: takeCode,
        takeId: take.id,
        shotId: shot.id,
        review: take.review,
        provider: take.provider,
        model: take.model,
        external: take.external,
        settings: take.settings,
        seed: take.seed,
        prompt: take.prompt,
        negativePrompt: take.negativePrompt,
        planVersion: take.planVersion,
        references: references.get(take.id) ?? [],
        outputTerms: take.external
          ? `made outside Backlot with ${take.provider} ${take.model}; entered by ${take.requestedByName}`
          : `generated for this production by ${take.provider} ${take.model}, requested by ${take.requestedByName}`,
        approvedBy: take.review === 'approved' ? (approval?.actorName ?? null) : null,
        approvedAt: take.review === 'approved' ? (approval?.at ?? null) : null,
        cost: readsCost ? { currency: take.currency, actual: take.actualMicros === null ? null : formatAmount(take.actualMicros), estimate: formatAmount(take.estimateMicros) } : null,
        sourceIn: range.sourceIn,
        sourceOut: range.sourceOut,
        frames: range.sourceOut - range.sourceIn,
        original,
        proxy,
        timelineMedia: clip.media.path,
        conformed: conformed
          ? `the original runs at ${media.frameRate} fps, the project at ${rate.num}/${rate.den}: the timelines use the proxy conformed frame for frame to the project's rate`
          : null,
        markers: markers.length,
      },
    });
  }

  const count = project.timecodeMode;
  const what = request.scope.kind === 'project' ? 'all scenes' : scenes.length === 1 ? `scene ${scenes[0].number}` : `scenes ${scenes.map((s) => s.number).join(', ')}`;
  const timeline: HandoffTimeline = {
    name: `${project.code} ${what} ${request.takes}`,
    projectCode: project.code,
    rate,
    timecode: count,
    recordStart: hourFrame(rate, count),
    width: project.width,
    height: project.height,
    clips: clips.map((c) => c.clip),
  };
  return { project, scenes, timeline, clips, refusals, skipped };
}

/** The record timecode of a frame counted from the timeline's start. */
export function recordTimecode(timeline: HandoffTimeline, offset: number): string {
  return frameToTimecode(timeline.recordStart + offset, timeline.rate, timeline.timecode);
}
