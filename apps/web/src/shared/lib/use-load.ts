/**
 * Server state for a page, from the one query cache: the answer under `key`, its error, and ways to
 * load it again or put in an answer the page already knows (after a change the server answered).
 */
import { hashKey, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  /** Loading now, the first time or again. */
  loading: boolean;
  reload: () => void;
  /** Replaces the data after a change the page already knows the result of. */
  setData: (next: T | ((prev: T | undefined) => T)) => void;
}

/**
 * Reads `key` from the cache, loading it with `load` when missing or invalidated; nothing is loaded
 * while `enabled` is false (and nothing is shown). When the key changes, the last answer stays on
 * screen until the new one comes.
 */
export function useLoad<T>(key: QueryKey, load: () => Promise<T>, options: { enabled?: boolean; refetchInterval?: number | false } = {}): Loaded<T> {
  const client = useQueryClient();
  const enabled = options.enabled ?? true;
  // The entry shown last; none after a spell disabled, so an answer from before it (another filter, say) never passes for the new one.
  const shown = useRef<string | null>(null);
  const query = useQuery({
    queryKey: key,
    queryFn: load,
    enabled,
    refetchInterval: options.refetchInterval,
    placeholderData: (previous, previousQuery) => (enabled && previousQuery && shown.current === previousQuery.queryHash ? previous : undefined),
  });
  if (!enabled) shown.current = null;
  else if (query.data !== undefined && !query.isPlaceholderData) shown.current = hashKey(key);
  const hash = JSON.stringify(key);
  const { refetch } = query;
  const reload = useCallback(() => void refetch(), [refetch]);
  // The key's content, not its identity, says which entry is meant.
  const setData = useCallback((next: T | ((prev: T | undefined) => T)) => client.setQueryData<T>(JSON.parse(hash) as QueryKey, next as T), [client, hash]);
  return { data: query.data, error: query.error, loading: query.isFetching, reload, setData };
}
