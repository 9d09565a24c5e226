/** Reading takes as one member may see them, and checking that a file belongs to a take they may see. */
import type { GenerationStatus, ProjectTakePage, ReviewState, Role, ShotPoster, Take } from '@backlot/contracts';
import { bestTake } from '../../domain/review/review.rules.ts';
import { roleMay } from '../../domain/permissions/permissions.ts';
import { fail } from '../../domain/errors.ts';
import type { Store } from '../../ports/store.ts';
import type { TakeRecord } from '../../ports/take-store.ts';
import { mediaUrl } from '../assets/asset-presenter.ts';
import { takeCode } from './generate.service.ts';
import { presentTake, readsTakeDetail, takeFilesFor, takeMediaUrl, takeVisibleTo, type TakeReferenceView } from './take-presenter.ts';

/** The rights of takes from the references they were made with (the rights service's `forTakes`). */
type TakeRightsOf = (projectId: string, takeIds: string[]) => Promise<Map<string, { atRisk: boolean; reasons: string[] }>>;

export function createTakesService(deps: { store: Store; takeRights: TakeRightsOf }) {
  const read = deps.store.read;

  /** Presents takes with their references (names, thumbnails) in a few queries; a viewer reads no references. */
  async function present(projectId: string, role: Role, takes: TakeRecord[], knownCodes?: Map<string, string>): Promise<Take[]> {
    if (takes.length === 0) return [];
    const refs = readsTakeDetail(role) ? await read.takes.references(takes.map((t) => t.id)) : [];
    const assetIds = [...new Set(refs.map((r) => r.assetId))];
    const assets = new Map((await read.assets.findMany(projectId, assetIds)).map((a) => [a.id, a]));
    const covers = new Map((await read.assets.coverFiles(assetIds)).map((f) => [f.assetId, f]));
    const rights = readsTakeDetail(role) ? await deps.takeRights(projectId, takes.map((t) => t.id)) : new Map<string, { atRisk: boolean; reasons: string[] }>();
    const shotCodes = new Map<string, string>(knownCodes);
    for (const shotId of new Set(takes.map((t) => t.shotId))) {
      if (!shotCodes.has(shotId)) shotCodes.set(shotId, (await read.shots.findById(projectId, shotId))?.code ?? '');
    }
    return takes.map((t) =>
      presentTake(
        t,
        role,
        shotCodes.get(t.shotId) ?? '',
        refs
          .filter((r) => r.takeId === t.id)
          .map((r): TakeReferenceView => {
            const a = assets.get(r.assetId);
            const cover = covers.get(r.assetId);
            return { assetId: r.assetId, name: a?.name ?? 'removed reference', kind: a?.kind ?? 'unknown', version: r.assetVersion, role: r.role, thumbnailUrl: cover?.thumbnailSha256 ? mediaUrl(projectId, cover.thumbnailSha256) : null };
          }),
        rights.get(t.id),
      ),
    );
  }

  async function getVisible(projectId: string, role: Role, takeId: string): Promise<TakeRecord> {
    const take = await read.takes.findById(projectId, takeId);
    // A take a member may not see is answered like one that does not exist.
    if (!take || !takeVisibleTo(role, take)) fail('take.not_found', 'No such take in this project.');
    return take;
  }

  return {
    async list(projectId: string, role: Role, shotId: string, status?: GenerationStatus): Promise<Take[]> {
      const shot = (await read.shots.findById(projectId, shotId)) ?? fail('shot.not_found', 'No such shot in this project.');
      const takes = (await read.takes.listForShot(shot.id, { status })).filter((t) => takeVisibleTo(role, t));
      return present(projectId, role, takes);
    },

    /**
     * A page of the project's takes as the member may see them (a member who does not generate:
     * the selected and approved ones), with the shots that hold such takes for the grid's filters.
     */
    async page(projectId: string, role: Role, query: { state?: ReviewState; sceneId?: string; shotId?: string; limit: number; offset: number }): Promise<ProjectTakePage> {
      const reviewedOnly = !roleMay(role, 'take.generate');
      const { items, total } = await read.takes.pageForProject(projectId, { review: query.state, sceneId: query.sceneId, shotId: query.shotId, reviewedOnly, limit: query.limit, offset: query.offset });
      const shots = await read.takes.shotsWithTakes(projectId, { reviewedOnly });
      const next = query.offset + items.length < total && items.length > 0 ? query.offset + items.length : null;
      return { takes: await present(projectId, role, items, new Map(shots.map((s) => [s.id, s.code]))), shots, total, next };
    },

    /**
     * Each shot's picture among the takes the member may see: the approved take, else the best
     * (selected, or best rated), else the newest rendered take that is not rejected.
     */
    async shotPosters(projectId: string, role: Role, sceneId?: string): Promise<ShotPoster[]> {
      const rendered = (await read.takes.renderedForProject(projectId, sceneId)).filter((t) => takeVisibleTo(role, t));
      const byShot = new Map<string, (TakeRecord & { sceneId: string })[]>();
      for (const t of rendered) byShot.set(t.shotId, [...(byShot.get(t.shotId) ?? []), t]);
      const posters: ShotPoster[] = [];
      for (const [shotId, takes] of byShot) {
        const best = bestTake(takes.map((t) => ({ id: t.id, code: takeCode(t.number), number: t.number, review: t.review as ReviewState, rating: t.rating, verdict: t.verdict })));
        const take = (best && takes.find((t) => t.id === best.takeId)) ?? takes[0];
        const why = take.review === 'approved' ? 'approved' : best ? 'best' : 'latest';
        posters.push({ shotId, sceneId: take.sceneId, takeId: take.id, takeCode: takeCode(take.number), review: take.review as ReviewState, poster: takeMediaUrl(projectId, take.id, take.media!.posterSha256), why });
      }
      return posters;
    },

    async get(projectId: string, role: Role, takeId: string): Promise<Take> {
      return (await present(projectId, role, [await getVisible(projectId, role, takeId)]))[0];
    },

    present: (projectId: string, role: Role, takes: TakeRecord[]) => present(projectId, role, takes),

    /** Whether the member may see the take (for the event stream). */
    async visible(projectId: string, role: Role, takeId: string): Promise<boolean> {
      const take = await read.takes.findById(projectId, takeId);
      return Boolean(take && takeVisibleTo(role, take));
    },

    /** Fails unless the member may see the take and the blob is one of its files they may fetch (a viewer: the picture alone). */
    async assertFile(projectId: string, role: Role, takeId: string, sha256: string): Promise<void> {
      const take = await getVisible(projectId, role, takeId);
      if (!takeFilesFor(role, take).includes(sha256)) fail('blob.not_found', 'No such file in this take.');
    },
  };
}

export type TakesService = ReturnType<typeof createTakesService>;
