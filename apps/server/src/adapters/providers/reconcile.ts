/**
 * The end of a reconcile that matches tasks by the request a provider echoes (no idempotency key):
 * a task another take holds is that take's, however alike the two requests (the same shot and
 * words, sent a moment before); of the rest, one is this take's, none means the send never
 * arrived, and more than one cannot be told apart.
 */
import type { HeldTasks, TaskSnapshot } from '../../ports/video-provider.ts';

export async function ownMatch<T>(matches: T[], snapshot: (m: T) => TaskSnapshot, held?: HeldTasks): Promise<TaskSnapshot | 'none' | 'unknowable'> {
  const found = matches.map((m) => snapshot(m));
  const taken = found.length && held ? await held(found.map((s) => s.providerTaskId)) : new Set<string>();
  const own = found.filter((s) => !taken.has(s.providerTaskId));
  if (own.length === 0) return 'none';
  return own.length === 1 ? own[0] : 'unknowable';
}
