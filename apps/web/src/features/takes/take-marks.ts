/** A take's in and out marks: what I or O on a frame makes of them, and what went wrong saving them. */
import type { Take } from '@backlot/contracts';
import { ApiError } from '@backlot/contracts/client';
import { messageOf } from '../../shared/lib/errors.ts';

/** I or O on a frame: sets that mark there, or clears it when it is already there; an in after the out (or an out before the in) clears the other. */
export function nextMarks(marks: Take['marks'], which: 'in' | 'out', frame: number): Take['marks'] {
  const next = { ...marks };
  if (next[which] === frame) next[which] = null;
  else {
    next[which] = frame;
    if (which === 'in' && next.out !== null && next.out < frame) next.out = null;
    if (which === 'out' && next.in !== null && next.in > frame) next.in = null;
  }
  return next;
}

/** What went wrong saving a review change, in a reviewer's words; a server that has no such route yet says so. */
export function reviewTrouble(error: unknown, what: string): string {
  if (error instanceof ApiError && error.status === 404 && error.code !== 'take.not_found') return `Saving ${what} is not available on this server yet; nothing was changed.`;
  if (error instanceof ApiError && error.status >= 500) return `Backlot could not save ${what} just now; nothing was changed. Try again in a moment.`;
  // The server's refusal already names the take and what to do ("TK001 is maybe; only a selected take can be approved").
  return error instanceof ApiError ? messageOf(error) : `${what[0].toUpperCase()}${what.slice(1)} not saved: ${messageOf(error)}`;
}
