/**
 * Ingest of a take's clip: the original stored untouched and content-addressed, probed exactly;
 * poster, filmstrip and a review proxy conformed to the project's frame grid; continuity checks
 * against the plan, the frame anchors and the previous shot's approved take. Blobs are stored
 * here; the caller records them in the transaction that finishes the take.
 */
import type { ContinuityResult } from '@backlot/contracts';
import { ssimCheck, technicalChecks } from '../../domain/generate/continuity.rules.ts';
import { frameForAspect } from '../../domain/generate/settings.rules.ts';
import { aspectOf } from '../../domain/project/project.rules.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Staging } from '../../ports/staging.ts';
import type { ProjectRecord, Repos, Store } from '../../ports/store.ts';
import type { TakeMediaRecord } from '../../ports/take-store.ts';
import type { TakeMediaTools } from '../../ports/take-media.ts';

export interface TakeIngestDeps {
  store: Store;
  blobs: BlobStore;
  takeMedia: TakeMediaTools;
  staging: Staging;
  clock: Clock;
}

/** What a take is checked against. */
export interface IngestTarget {
  project: ProjectRecord;
  shotId: string;
  /** Frames the take should hold on the project grid; null when the plan sets none. */
  frames: number | null;
  /** The aspect the take was asked in (the request's or the plan's), else the project's. */
  aspect: string;
  /** Frame anchors used by the take, by role. */
  anchors: { role: 'start-frame' | 'end-frame'; sha256: string; label: string }[];
}

export interface IngestResult {
  media: TakeMediaRecord;
  continuity: ContinuityResult[];
  /** Every blob stored, to record with the take. */
  blobs: { sha256: string; size: number; mediaType: string }[];
  ms: number;
}

const PROXY = { maxHeight: 720, keyframeInterval: 12 };
const FILMSTRIP = { count: 12, tileWidth: 160 };

export function createTakeIngest(deps: TakeIngestDeps) {
  /** Copies a stored blob to a scratch file, for the tools that need a path. */
  async function scratchCopy(sha256: string): Promise<string> {
    return (await deps.staging.stage(await deps.blobs.get(sha256), null, 64 * 1024 ** 3)).path;
  }

  /** The previous shot (project order, not omitted) and its approved take's original, if both exist. */
  async function previousApproved(repos: Repos, projectId: string, shotId: string) {
    const shots = (await repos.shots.list(projectId)).filter((s) => s.status !== 'omitted');
    const i = shots.findIndex((s) => s.id === shotId);
    if (i <= 0) return undefined;
    const prev = shots[i - 1];
    const take = await repos.takes.approvedForShot(prev.id);
    return take?.media ? { shotCode: prev.code, take, media: take.media } : undefined;
  }

  return {
    /**
     * Ingests the clip at `path` (a staged or scratch file the caller removes). The original is
     * recorded with the type its content shows, never the one a provider or uploader claimed: media
     * answers are served with the recorded type.
     */
    async ingest(path: string, target: IngestTarget): Promise<IngestResult> {
      const started = Date.now();
      const scratch: string[] = [];
      const tmp = (ext: string) => {
        const p = deps.staging.scratchPath(ext);
        scratch.push(p);
        return p;
      };
      try {
        const probe = await deps.takeMedia.probeVideo(path);
        const stored: IngestResult['blobs'] = [];
        const put = async (file: string, type: string) => {
          const b = await deps.blobs.put(deps.staging.open(file));
          stored.push({ sha256: b.sha256, size: b.size, mediaType: type });
          return b.sha256;
        };
        const originalSha256 = await put(path, probe.mediaType);
        const { project } = target;
        const proxy = tmp('.mp4');
        await deps.takeMedia.makeProxy(path, proxy, { fpsNum: project.fpsNum, fpsDen: project.fpsDen, ...PROXY, source: probe });
        const proxyProbe = await deps.takeMedia.probeVideo(proxy);
        const poster = tmp('.jpg');
        await deps.takeMedia.makePoster(path, Math.floor(probe.frames / 3), poster, { maxSide: 1280 });
        const strip = tmp('.jpg');
        const filmstrip = await deps.takeMedia.makeFilmstrip(path, probe, strip, FILMSTRIP);
        const media: TakeMediaRecord = {
          originalSha256,
          proxySha256: await put(proxy, 'video/mp4'),
          posterSha256: await put(poster, 'image/jpeg'),
          filmstripSha256: await put(strip, 'image/jpeg'),
          // The proxy holds every source frame once, so a source frame number is a project-grid frame number.
          filmstrip: { columns: filmstrip.columns, rows: filmstrip.rows, tileWidth: filmstrip.tileWidth, tileHeight: filmstrip.tileHeight, frameNumbers: filmstrip.sourceFrames },
          width: probe.width,
          height: probe.height,
          frameRate: probe.frameRate,
          frames: probe.frames,
          durationUs: probe.durationUs,
          videoCodec: probe.videoCodec,
          audioCodec: probe.audioCodec,
          mediaType: probe.mediaType,
          proxyFrames: proxyProbe.frames,
        };

        const settings = project.generation;
        // The take is checked against the project's frame fitted to its aspect (21:9 in a 1920×1080 project is 1920×822).
        const frame = frameForAspect(project.width, project.height, target.aspect);
        const continuity = technicalChecks({
          probe: { width: probe.width, height: probe.height, frameRate: probe.frameRate, frames: probe.frames },
          proxyFrames: proxyProbe.frames,
          expected: { width: frame.width, height: frame.height, aspect: target.aspect, fpsNum: project.fpsNum, fpsDen: project.fpsDen, frames: target.frames ?? proxyProbe.frames },
          settings,
        });
        const compare = async (check: 'start_frame' | 'end_frame' | 'previous_shot', frame: number, referenceSha: string, referenceLabel: string, referenceFrame?: { path: string; frame: number }) => {
          const takeFrame = tmp('.png');
          await deps.takeMedia.extractFrame(path, frame, takeFrame);
          let referencePath: string;
          let referenceShown = referenceSha;
          if (referenceFrame) {
            referencePath = tmp('.png');
            await deps.takeMedia.extractFrame(referenceFrame.path, referenceFrame.frame, referencePath);
            referenceShown = await put(referencePath, 'image/png');
          } else {
            referencePath = await scratchCopy(referenceSha);
            scratch.push(referencePath);
          }
          const ssim = await deps.takeMedia.ssim(takeFrame, referencePath);
          const takeShown = await put(takeFrame, 'image/png');
          continuity.push(ssimCheck(check, ssim, settings, { take: takeShown, reference: referenceShown, referenceLabel }));
        };
        for (const anchor of target.anchors) {
          await compare(anchor.role === 'start-frame' ? 'start_frame' : 'end_frame', anchor.role === 'start-frame' ? 0 : probe.frames - 1, anchor.sha256, anchor.label);
        }
        const previous = await previousApproved(deps.store.read, project.id, target.shotId);
        if (previous) {
          const prevPath = await scratchCopy(previous.media.originalSha256);
          scratch.push(prevPath);
          await compare('previous_shot', 0, previous.media.originalSha256, `last frame of ${previous.shotCode} (approved take)`, { path: prevPath, frame: previous.media.frames - 1 });
        }
        return { media, continuity, blobs: stored, ms: Date.now() - started };
      } finally {
        await deps.staging.remove(...scratch);
      }
    },

    /** The aspect a take of this plan is checked against. */
    aspectFor(planAspect: string | null, project: ProjectRecord): string {
      return planAspect ?? aspectOf(project.width, project.height);
    },
  };
}

export type TakeIngest = ReturnType<typeof createTakeIngest>;
