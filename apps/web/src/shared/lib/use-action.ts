/** Runs a change against the server, with its pending state and the error to show in place. */
import { useState } from 'react';

export interface Action<A extends unknown[], R> {
  /** Runs the change; answers undefined when it failed (the error is kept). */
  run: (...args: A) => Promise<R | undefined>;
  pending: boolean;
  error: unknown;
  clearError: () => void;
}

export function useAction<A extends unknown[], R>(change: (...args: A) => Promise<R>): Action<A, R> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function run(...args: A): Promise<R | undefined> {
    setPending(true);
    setError(null);
    try {
      return await change(...args);
    } catch (err) {
      setError(err);
      return undefined;
    } finally {
      setPending(false);
    }
  }
  return { run, pending, error, clearError: () => setError(null) };
}
