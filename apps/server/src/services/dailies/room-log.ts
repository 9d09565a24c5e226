/**
 * Writing to a dailies session's room log inside the caller's transaction, and announcing it: a
 * decision or note made in the session (by the review and notes services), a playlist change, a
 * join or leave. The entry and its event commit with the change, or neither does.
 */
import type { DailiesEvent } from '@backlot/contracts';
import { fail } from '../../domain/errors.ts';
import type { DailiesSessionRecord } from '../../ports/dailies-store.ts';
import type { Ids } from '../../ports/ids.ts';
import type { Repos } from '../../ports/store.ts';

/** Who did what, for the log. */
export interface RoomEntry {
  kind: 'joined' | 'left' | 'played' | 'decision' | 'note' | 'playlist' | 'closed' | 'guest_note';
  actorId: string | null;
  actorName: string;
  guestId?: string | null;
  takeId?: string | null;
  summary: string;
  data?: Record<string, unknown>;
}

/**
 * The session a decision or note names, which must be one of the project's and still open: a
 * session that is not there is a 404 naming the field, a closed one a 409 (it is read-only).
 */
export async function openSessionOrThrow(tx: Repos, projectId: string, sessionId: string, field = 'sessionId'): Promise<DailiesSessionRecord> {
  const session = (await tx.dailies.findSession(projectId, sessionId)) ?? fail('dailies.not_found', `${field}: no such dailies session in this project.`, field);
  if (session.status === 'closed') fail('dailies.closed', `${field}: “${session.title}” is closed and read-only; decisions and notes go into an open session.`, field);
  return session;
}

/** Appends an entry to the session's log and tells the room its log grew. */
export async function logInRoom(tx: Repos, deps: { ids: Ids }, session: Pick<DailiesSessionRecord, 'id' | 'projectId'>, entry: RoomEntry, at: string): Promise<void> {
  await tx.dailies.appendLog({
    id: deps.ids.next(),
    sessionId: session.id,
    at,
    kind: entry.kind,
    actorId: entry.actorId,
    actorName: entry.actorName,
    guestId: entry.guestId ?? null,
    takeId: entry.takeId ?? null,
    summary: entry.summary,
    data: entry.data ?? {},
  });
  await announceDailies(tx, { type: 'dailies.changed', projectId: session.projectId, sessionId: session.id, what: 'log', at });
}

/** Announces a dailies event on the project's stream when the transaction commits. */
export async function announceDailies(tx: Repos, event: DailiesEvent): Promise<void> {
  await tx.outbox.publish(event);
}
