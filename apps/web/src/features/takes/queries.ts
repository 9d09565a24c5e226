/** The takes area's queries: the project's takes across shots, searched and filtered, a page at a time by cursor; the member's saved searches. */
import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { ProjectTakePage, TakeFilterQuery } from '@backlot/contracts';
import { api } from '../../shared/api/client.ts';
import { keys } from '../../shared/api/keys.ts';

/** How many takes one page of the browser holds. */
export const BROWSER_PAGE = 60;

/**
 * The project's takes matching a query, page after page by the server's cursor (each page starts
 * after the last take of the one before, so a take arriving meanwhile neither repeats nor shifts
 * one out). The last answer stays on screen while another search loads. The event stream
 * invalidates `keys.takes.lists`, which holds these: live changes load the pages again.
 */
export function projectTakesInfinite(projectId: string, query: TakeFilterQuery) {
  return infiniteQueryOptions({
    queryKey: keys.takes.list(projectId, { ...query, paging: 'cursor' }),
    queryFn: ({ pageParam }): Promise<ProjectTakePage> => api.listProjectTakes({ params: { projectId }, query: { ...query, limit: BROWSER_PAGE, ...(pageParam ? { cursor: pageParam } : {}) } }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function takeFiltersQuery(projectId: string) {
  return queryOptions({
    queryKey: keys.takes.filters(projectId),
    queryFn: async () => (await api.listTakeFilters({ params: { projectId } })).filters,
  });
}
