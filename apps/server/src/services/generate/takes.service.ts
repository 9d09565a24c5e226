/** Reading takes as one member may see them, and checking that a file belongs to a take they may see. */
import type { GenerationStatus, ProjectTakePage, ReviewState, Role, ShotPoster, Take, TakeFilterQuery } from '@backlot/contracts';
import { decodeCursor, encodeCursor, searchWords } from '../../domain/takes/take-search.rules.ts';
import { bestTake } from '../../domain/review/review.rules.ts';
import { roleMay } from '../../domain/permissions/permissions.ts';
import { fail, failFields, type FieldProblem } from '../../domain/errors.ts';
import type { Store } from '../../ports/store.ts';
import type { ProjectTakeFilter, TakeRecord, TakeReferenceRecord } from '../../ports/take-store.ts';
import { groupBy } from '../../domain/group-by.ts';
import { mediaUrl } from '../assets/asset-presenter.ts';
import { takeCode } from './generate.service.ts';
import { presentTake, readsTakeDetail, takeFilesFor, takeMediaUrl, takeVisibleTo, type TakeReferenceView } from './take-presenter.ts';

/** The rights of takes from the references they were made with (the rights service's `forTakes`). */
/** The rights of takes; given the takes' references when they were read already. */
type TakeRightsOf = (projectId: string, takeIds: string[], refs?: TakeReferenceRecord[]) => Promise<Map<string, { atRisk: boolean; reasons: string[] }>>;

/** The grid's query once parsed (limit and offset defaulted). */
type ProjectTakesQueryParsed = TakeFilterQuery & { limit: number; offset: number; cursor?: string };

/** The instant a day or date-time stands for: a day from its start (`from`) or to its end (`to`), UTC. */
function instant(value: string, end: boolean): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const t = Date.parse(day ? `${value}T00:00:00.000Z` : value) + (day && end ? 86_400_000 - 1 : 0);
  return new Date(t).toISOString();
}

/**
 * The repository's filter for what a member asked, refusing (400, naming each field) what the
 * member may not search by: prompt words and seed need the prompts (not a viewer), provider,
 * model and who asked need the take's detail (not a viewer), cost order needs spend.
 */
export function takeFilterFor(role: Role, query: TakeFilterQuery, at = ''): Omit<ProjectTakeFilter, 'reviewedOnly'> {
  const problems: FieldProblem[] = [];
  const detail = readsTakeDetail(role);
  for (const field of ['q', 'seed', 'provider', 'model', 'requestedBy'] as const) {
    if (query[field] !== undefined && !detail) problems.push({ field: at + field, message: 'your role does not read this about takes, so it cannot search by it' });
  }
  if (query.sort === 'cost' && !roleMay(role, 'spend.read')) problems.push({ field: `${at}sort`, message: 'cost order is for members who may read spend' });
  const from = query.from === undefined ? undefined : instant(query.from, false);
  const to = query.to === undefined ? undefined : instant(query.to, true);
  if (from && to && from > to) problems.push({ field: `${at}to`, message: 'must not be before from' });
  if (problems.length) failFields('request.invalid', problems);
  const words = searchWords(query.q);
  return {
    words: words.length ? words : undefined,
    provider: query.provider,
    model: query.model,
    seed: query.seed,
    status: query.status,
    review: query.state,
    requestedBy: query.requestedBy,
    sceneId: query.sceneId,
    shotId: query.shotId,
    from,
    to,
  };
}

export function createTakesService(deps: { store: Store; takeRights: TakeRightsOf }) {
  const read = deps.store.read;

  /** Presents takes with their references (names, thumbnails) in a few queries; a viewer reads no references. */
  async function present(projectId: string, role: Role, takes: TakeRecord[], knownCodes?: Map<string, string>): Promise<Take[]> {
    if (takes.length === 0) return [];
    const refs = readsTakeDetail(role) ? await read.takes.references(takes.map((t) => t.id)) : [];
    const assetIds = [...new Set(refs.map((r) => r.assetId))];
    const assets = new Map((await read.assets.findMany(projectId, assetIds)).map((a) => [a.id, a]));
    const covers = new Map((await read.assets.coverFiles(assetIds)).map((f) => [f.assetId, f]));
    const rights = readsTakeDetail(role)
      ? await deps.takeRights(
          projectId,
          takes.map((t) => t.id),
          refs,
        )
      : new Map<string, { atRisk: boolean; reasons: string[] }>();
    // Each take's references by its id: a playlist of thousands of takes looks each up once, not through every reference.
    const refsOf = groupBy(refs, (r) => r.takeId);
    const shotCodes = new Map<string, string>(knownCodes);
    for (const shotId of new Set(takes.map((t) => t.shotId))) {
      if (!shotCodes.has(shotId)) shotCodes.set(shotId, (await read.shots.findById(projectId, shotId))?.code ?? '');
    }
    return takes.map((t) =>
      presentTake(
        t,
        role,
        shotCodes.get(t.shotId) ?? '',
        (refsOf.get(t.id) ?? []).map((r): TakeReferenceView => {
          const a = assets.get(r.assetId);
          const cover = covers.get(r.assetId);
          return {
            assetId: r.assetId,
            name: a?.name ?? 'removed reference',
            kind: a?.kind ?? 'unknown',
            version: r.assetVersion,
            role: r.role,
            thumbnailUrl: cover?.thumbnailSha256 ? mediaUrl(projectId, cover.thumbnailSha256) : null,
          };
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
     * the selected and approved ones), searched, filtered and sorted, with the shots that hold such
     * takes for the grid's filters. A member may search only by what they may read: a viewer not
     * by prompt, seed, provider, model or who asked; cost order only for those who read spend.
     */
    async page(projectId: string, role: Role, query: ProjectTakesQueryParsed): Promise<ProjectTakePage> {
      const reviewedOnly = !roleMay(role, 'take.generate');
      const filter = takeFilterFor(role, query);
      const sort = query.sort ?? 'scene';
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, sort);
      const { items, total, lastKey } = await read.takes.pageForProject(projectId, { ...filter, reviewedOnly, sort, limit: query.limit, offset: query.offset, after });
      const shots = await read.takes.shotsWithTakes(projectId, { reviewedOnly });
      const full = items.length === query.limit;
      const next = after === undefined && query.offset + items.length < total && items.length > 0 ? query.offset + items.length : null;
      const nextCursor = full && lastKey && (after !== undefined || query.offset + items.length < total) ? encodeCursor(sort, lastKey) : null;
      return { takes: await present(projectId, role, items, new Map(shots.map((s) => [s.id, s.code]))), shots, total, next, nextCursor };
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
        posters.push({
          shotId,
          sceneId: take.sceneId,
          takeId: take.id,
          takeCode: takeCode(take.number),
          review: take.review as ReviewState,
          poster: takeMediaUrl(projectId, take.id, take.media!.posterSha256),
          why,
        });
      }
      return posters;
    },

    async get(projectId: string, role: Role, takeId: string): Promise<Take> {
      return (await present(projectId, role, [await getVisible(projectId, role, takeId)]))[0];
    },

    present: (projectId: string, role: Role, takes: TakeRecord[], knownCodes?: Map<string, string>) => present(projectId, role, takes, knownCodes),

    /** Whether the member may see the take (for the event stream). */
    async visible(projectId: string, role: Role, takeId: string): Promise<boolean> {
      const take = await read.takes.findById(projectId, takeId);
      return Boolean(take && takeVisibleTo(role, take));
    },

    /** Fails unless the member may see the take (or attends dailies holding it) and the blob is one of its files they may fetch (a viewer: the picture alone). */
    async assertFile(projectId: string, role: Role, takeId: string, sha256: string, accountId?: string): Promise<void> {
      // §8: a viewer also sees the takes of dailies they attend (the picture, as on the playlist).
      const found = await read.takes.findById(projectId, takeId);
      const attends = found && !takeVisibleTo(role, found) && !found.outputHidden && accountId !== undefined && (await read.dailies.attendsWithTake(accountId, takeId));
      const take = attends ? found : await getVisible(projectId, role, takeId);
      if (!takeFilesFor(role, take).includes(sha256)) fail('blob.not_found', 'No such file in this take.');
    },
  };
}

export type TakesService = ReturnType<typeof createTakesService>;
