/**
 * The wire shape of a take for one member (DESIGN.md §8): a viewer reads the picture, the take's
 * code and state and nothing else; the request, prompt, seed and settings only for those who may
 * read every take; costs only for those who may read spend; media addressed through the take so
 * its visibility rules apply to every file.
 */
import type { Role, Take } from '@backlot/contracts';
import { roleMay } from '../../domain/permissions/permissions.ts';
import { formatAmount } from '../../domain/project/project.rules.ts';
import type { TakeRecord } from '../../ports/take-store.ts';
import { takeCode } from './generate.service.ts';

/** Reviewed states every member may see; other takes are for those who make them. */
const SHOWN_TO_ALL = new Set(['selected', 'approved']);

/** Whether a member in this role may see the take at all. */
export function takeVisibleTo(role: Role, take: Pick<TakeRecord, 'review' | 'outputHidden'>): boolean {
  if (roleMay(role, 'take.generate')) return true;
  return SHOWN_TO_ALL.has(take.review) && !take.outputHidden;
}

export function takeMediaUrl(projectId: string, takeId: string, sha256: string): string {
  return `/api/v1/projects/${projectId}/takes/${takeId}/media/${sha256}`;
}

export interface TakeReferenceView {
  assetId: string;
  name: string;
  kind: string;
  version: number;
  role: NonNullable<Take['references']>[number]['role'];
  thumbnailUrl: string | null;
}

/**
 * Whether the member reads a take beyond its picture, code and state (DESIGN.md §8): a viewer,
 * who may not read the project's plans and references, reads no more than that.
 */
export function readsTakeDetail(role: Role): boolean {
  return roleMay(role, 'project.read');
}

/** Whether the member reads the take with its prompt, seed, settings and request (§8: editors only on selected and approved takes). */
export function readsTakeInFull(role: Role, take: Pick<TakeRecord, 'review'>): boolean {
  return roleMay(role, 'take.generate') || (readsTakeDetail(role) && SHOWN_TO_ALL.has(take.review));
}

/** The take's files a member may fetch through it: a viewer the picture alone, others its continuity frames too. */
export function takeFilesFor(role: Role, take: Pick<TakeRecord, 'media' | 'continuity' | 'mediaPurge'>): string[] {
  const m = take.media;
  const picture = m ? [m.originalSha256, m.proxySha256, m.posterSha256, m.filmstripSha256] : take.mediaPurge ? [take.mediaPurge.posterSha256] : [];
  if (!readsTakeDetail(role)) return picture;
  return [...picture, ...take.continuity.flatMap((c) => (c.frames ? [c.frames.take, c.frames.reference] : []))];
}

/** A take as this member may read it (see the module comment). */
export function presentTake(t: TakeRecord, role: Role, shotCode: string, references: TakeReferenceView[], rights?: { atRisk: boolean; reasons: string[] }): Take {
  const url = (sha: string) => takeMediaUrl(t.projectId, t.id, sha);
  const m = t.media && !(t.outputHidden && !roleMay(role, 'take.generate')) ? t.media : null;
  const picture: Take = {
    id: t.id,
    shotId: t.shotId,
    shotCode,
    number: t.number,
    code: takeCode(t.number),
    status: t.status,
    progress: t.progress,
    providerStatus: t.providerStatus,
    error: t.error,
    review: t.review as Take['review'],
    media: m && {
      original: url(m.originalSha256),
      proxy: url(m.proxySha256),
      poster: url(m.posterSha256),
      filmstrip: {
        url: url(m.filmstripSha256),
        frames: m.filmstrip.frameNumbers.length,
        columns: m.filmstrip.columns,
        tileWidth: m.filmstrip.tileWidth,
        tileHeight: m.filmstrip.tileHeight,
        frameNumbers: m.filmstrip.frameNumbers,
      },
      width: m.width,
      height: m.height,
      frameRate: m.frameRate,
      frames: m.frames,
      durationUs: m.durationUs,
      videoCodec: m.videoCodec,
      proxyFrames: m.proxyFrames,
    },
    marks: { in: t.inFrame, out: t.outFrame },
    updatedAt: t.updatedAt,
    ...(t.mediaPurge ? { mediaPurged: { at: t.mediaPurge.at, bytes: t.mediaPurge.bytes, poster: url(t.mediaPurge.posterSha256) } } : {}),
  };
  if (!readsTakeDetail(role)) return picture;
  // Added field by field to the picture, not spread into a new object: a week's dailies present thousands of takes in one answer.
  const take: Take = picture;
  take.provider = t.provider;
  take.model = t.model;
  take.external = t.external;
  take.planVersion = t.planVersion;
  take.references = references;
  if (rights) take.rights = rights;
  if (readsTakeInFull(role, t)) {
    take.settings = t.settings;
    take.seed = t.seed;
    take.prompt = t.prompt;
    take.request = t.request && { method: t.request.method, url: t.request.url, headers: t.request.headers, body: t.request.body };
    take.adaptations = t.adaptations;
    take.providerTaskId = t.providerTaskId;
  }
  if (roleMay(role, 'spend.read')) {
    take.cost = {
      currency: t.currency,
      estimated: formatAmount(t.estimateMicros),
      reserved: formatAmount(t.reservedMicros),
      actual: t.actualMicros === null ? null : formatAmount(t.actualMicros),
      detail: t.estimateDetail,
      price: t.priceSource,
    };
  }
  take.continuity = t.continuity.map((c) => (c.frames ? { ...c, frames: { take: url(c.frames.take), reference: url(c.frames.reference), referenceLabel: c.frames.referenceLabel } } : c));
  take.parentTakeId = t.parentTakeId;
  take.sourceNoteId = t.sourceNoteId;
  take.signOff = t.signOff && { decision: t.signOff.decision, by: t.signOff.byName, at: t.signOff.at, reason: t.signOff.reason };
  take.criteria = t.criteria;
  take.rating = t.rating;
  take.verdict = t.verdict;
  take.requestedBy = t.requestedByName;
  take.attempts = t.attempts;
  take.timings = { requestedAt: t.requestedAt, submittedAt: t.submittedAt, finishedAt: t.finishedAt, ingestMs: t.ingestMs };
  return take;
}
