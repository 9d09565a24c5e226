/** The unread count of the member's home, for the shell: from the cached home feed, loaded again on each page change and every half minute. */
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useLocation } from 'react-router-dom';
import { homeQuery } from './queries.ts';

export function useHomeUnread(): number | undefined {
  const location = useLocation();
  const feed = useQuery({ ...homeQuery(), refetchInterval: 30_000 });
  const { refetch } = feed;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the unread count is asked for again on every page change, which the path stands for
  useEffect(() => void refetch(), [location.pathname, refetch]);
  return feed.data?.unread;
}
