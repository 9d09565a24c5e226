/** The web UI's one cache of server state. */
import { QueryClient } from '@tanstack/react-query';

/**
 * Answers stay until a change or the event stream invalidates them; a failed load is shown with
 * its message and a retry button rather than tried again behind the member's back.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 0 },
      mutations: { retry: false },
    },
  });
}
