/** The takes area's queries: the project's takes across shots, filtered, as many as are shown (page after page beyond one page's limit). */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { TAKE_PAGE_LIMIT, type ProjectTakePage, type ReviewState } from '@backlot/contracts';
import { api } from '../../shared/api/client.ts';
import { keys } from '../../shared/api/keys.ts';

export interface TakeFilters {
  state: ReviewState | '';
  sceneId: string;
  shotId: string;
}

/** The first `shown` takes of the project matching the filters; the last answer stays on screen while more load. */
export function projectTakesQuery(projectId: string, filters: TakeFilters, shown: number) {
  const query = { state: filters.state || undefined, sceneId: filters.sceneId || undefined, shotId: filters.shotId || undefined };
  const page = (limit: number, offset: number) => api.listProjectTakes({ params: { projectId }, query: { ...query, limit: Math.min(limit, TAKE_PAGE_LIMIT.max), offset } });
  return queryOptions({
    queryKey: keys.takes.list(projectId, { ...filters, shown }),
    queryFn: async (): Promise<ProjectTakePage> => {
      let all = await page(shown, 0);
      // Beyond one page's limit, the rest follows page by page.
      while (all.takes.length < shown && all.next !== null) {
        const more = await page(shown - all.takes.length, all.next);
        all = { ...more, takes: [...all.takes, ...more.takes] };
      }
      return all;
    },
    placeholderData: keepPreviousData,
  });
}
