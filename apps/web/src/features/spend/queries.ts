/**
 * A project's spend in the query cache, every entry under keys.spend (which the project's event
 * stream invalidates when money may have moved): the view by one grouping, budgets and caps, the
 * price catalog, the drift of estimates, and the takes waiting for a producer's sign-off. While the
 * stream is down, the view and the waiting list are loaded again every few seconds.
 */
import type { SpendGrouping } from '@backlot/contracts';
import { api } from '../../shared/api/client.ts';
import { keys } from '../../shared/api/keys.ts';
import { useStreamLive } from '../../shared/events/project-events.ts';
import { useLoad } from '../../shared/lib/use-load.ts';

/** How often a spend view is loaded again while the project's event stream is down (it is live otherwise). */
const POLL_MS = 10_000;

export function useSpendView(projectId: string, by: SpendGrouping) {
  const live = useStreamLive(projectId);
  return useLoad(keys.spend.view(projectId, by), () => api.spendView({ params: { projectId }, query: { by } }), { refetchInterval: live ? false : POLL_MS });
}

export function useBudgets(projectId: string) {
  return useLoad(keys.spend.budgets(projectId), () => api.getBudgets({ params: { projectId } }));
}

export function usePrices(projectId: string, options: { enabled?: boolean } = {}) {
  return useLoad(keys.spend.prices(projectId), () => api.listPrices({ params: { projectId } }), options);
}

export function useDrift(projectId: string) {
  return useLoad(keys.spend.drift(projectId), () => api.spendDrift({ params: { projectId } }));
}

/** The takes waiting for sign-off, oldest request first (the first one asked is the first answered). */
export function useSignOffs(projectId: string) {
  const live = useStreamLive(projectId);
  return useLoad(
    keys.spend.signOffs(projectId),
    async () => {
      const page = await api.listProjectTakes({ params: { projectId }, query: { status: 'awaiting_approval', sort: 'oldest', limit: 200 } });
      return { takes: page.takes, total: page.total };
    },
    { refetchInterval: live ? false : POLL_MS },
  );
}

/** The address of the per-take CSV export (streamed by the server; the browser saves it). */
export function spendCsvUrl(projectId: string): string {
  return `/api/v1/projects/${projectId}/spend.csv`;
}
