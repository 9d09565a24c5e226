/** The home feed in the query cache: one entry (keys.home) read by the home page and the count beside Home, and marking items read. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api/client.ts';
import { keys } from '../../shared/api/keys.ts';

export type HomeFeed = Awaited<ReturnType<typeof api.home>>;
export type ReadBody = { keys: string[] } | { all: true };

/** The member's home feed. */
export function homeQuery() {
  return queryOptions({ queryKey: keys.home, queryFn: () => api.home() });
}

/** The feed with the items marked read and the server's new unread count. */
export function markedRead(feed: HomeFeed, body: ReadBody, unread: number): HomeFeed {
  return { unread, items: feed.items.map((i) => ('all' in body || body.keys.includes(i.key) ? { ...i, read: true } : i)) };
}

/** Marks items (or all) read; the cached feed, and so the count beside Home, follows at once. */
export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ReadBody) => api.readHome({ body }),
    onSuccess: ({ unread }, body) => client.setQueryData(keys.home, (feed: HomeFeed | undefined) => (feed ? markedRead(feed, body, unread) : feed)),
  });
}
