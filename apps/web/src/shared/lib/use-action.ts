/** Runs a change against the server, with its pending state and the error to show in place; what it touched is loaded again. */
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';

export interface Action<A extends unknown[], R> {
  /** Runs the change; answers undefined when it failed (the error is kept). */
  run: (...args: A) => Promise<R | undefined>;
  pending: boolean;
  error: unknown;
  clearError: () => void;
}

/** A change as a mutation; after it succeeds, the keys in `invalidates` (or those it names from its answer) are loaded again. */
export function useAction<A extends unknown[], R>(change: (...args: A) => Promise<R>, options: { invalidates?: QueryKey[] | ((result: R, ...args: A) => QueryKey[]) } = {}): Action<A, R> {
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: (args: A) => change(...args),
    onSuccess: async (result, args) => {
      const touched = typeof options.invalidates === 'function' ? options.invalidates(result, ...args) : (options.invalidates ?? []);
      await Promise.all(touched.map((queryKey) => client.invalidateQueries({ queryKey })));
    },
  });
  async function run(...args: A): Promise<R | undefined> {
    try {
      return await mutation.mutateAsync(args);
    } catch {
      return undefined;
    }
  }
  return { run, pending: mutation.isPending, error: mutation.error, clearError: mutation.reset };
}
