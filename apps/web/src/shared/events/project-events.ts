/**
 * The bridge from a project's live stream to the query cache: each event the server announces
 * invalidates exactly the keys its change touches, so every open page showing them loads them
 * again (a burst of events is gathered into one round). After the stream was down, everything of
 * the project is loaded again, since events may have been missed.
 */
import type { DailiesEvent, TakeEvent } from '@backlot/contracts';
import { useQueryClient, type Query, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { keys } from '../api/keys.ts';
import { useTakeEvents } from './take-events.ts';

/** How long a burst of events is gathered before the keys they touch are loaded again. */
const BURST_MS = 150;

/** What invalidating one entry needs: a key prefix, and optionally which queries under it. */
export interface Touched {
  queryKey: QueryKey;
  predicate?: (query: Query) => boolean;
  /** What the predicate looks for, so two events' predicates are told apart. */
  tag?: string;
}

/** Statuses a take passes through without money moving: progress while it renders changes no sum. */
const MONEY_STILL: readonly string[] = ['submitted', 'running', 'cancel_requested'];

/** Statuses a take reports many times while it renders (progress); none of them is news for anyone's home. */
const RENDERING: readonly string[] = ['submitted', 'running'];

/**
 * Whether an event may bring news to a member's home: a note or a decision on a take (announced
 * with the take's status, succeeded), a generation that failed or was refused, one waiting for or
 * given a sign-off. Progress of a take rendering does not.
 */
export function touchesHome(event: TakeEvent): boolean {
  return !RENDERING.includes(event.status);
}

/**
 * The keys a `take.changed` event touches: the take, its shot's takes, the project's take lists,
 * the take's notes and decision history, the shot posters (a take's state picks the poster), the
 * comparisons naming the take and the continuity views holding its shot; the handoff previews (a
 * decision, marks or a note changes what a package holds); the project's spend when money may have
 * moved (asked for, waiting for sign-off, reserved, settled, released, or a review decision that
 * changes the cost of rejects or of approved seconds); and the member's home (with the unread count
 * beside Home) when the event may bring news there.
 */
export function touchedByTakeEvent(event: TakeEvent): Touched[] {
  const { projectId, takeId, shotId } = event;
  const spend: Touched[] = MONEY_STILL.includes(event.status) ? [] : [{ queryKey: keys.spend.all(projectId) }];
  return [
    ...spend,
    ...(touchesHome(event) ? [{ queryKey: keys.home }] : []),
    { queryKey: keys.takes.take(projectId, takeId) },
    { queryKey: keys.takes.shot(projectId, shotId) },
    { queryKey: keys.takes.lists(projectId) },
    { queryKey: keys.review.notes(projectId, takeId) },
    { queryKey: keys.review.history(projectId, takeId) },
    { queryKey: keys.plan.everyPoster(projectId) },
    { queryKey: keys.handoff.all(projectId) },
    { queryKey: [...keys.project(projectId), 'review', 'compare'], predicate: (q) => ((q.queryKey[4] as string[] | undefined) ?? []).includes(takeId), tag: takeId },
    { queryKey: [...keys.project(projectId), 'review', 'continuity'], predicate: (q) => JSON.stringify(q.state.data ?? null).includes(`"${shotId}"`), tag: shotId },
  ];
}

/** A take list with an event's status shown at once, before the take itself is loaded again; an older event changes nothing. */
export function applyEvent<T extends TakeLike>(takes: T[], event: TakeEvent): T[] {
  return takes.map((t) => patchTake(t, event));
}

interface TakeLike {
  id: string;
  updatedAt: string;
  status: string;
  progress: number | null;
}

/** The take with the event's status, when the event is about it and not older than it. */
function patchTake<T extends TakeLike>(t: T, event: TakeEvent): T {
  return t.id === event.takeId && event.at >= t.updatedAt ? { ...t, status: event.status, progress: event.progress } : t;
}

/** Shows an event's status at once in the cached take and its shot's list. */
export function applyTakeEvent(client: QueryClient, event: TakeEvent) {
  client.setQueryData(keys.takes.take(event.projectId, event.takeId), (t: TakeLike | undefined) => (t ? patchTake(t, event) : t));
  client.setQueryData(keys.takes.shot(event.projectId, event.shotId), (d: { takes: TakeLike[] } | undefined) => (d ? { ...d, takes: applyEvent(d.takes, event) } : d));
}

/**
 * The keys a dailies event touches: the session (playlist, attendees, who is present) and its log
 * for a change or an arrival; the sessions list when the session itself changed. The presenter's
 * moves touch no key: the room's page follows them as they come (`useDailiesEvents`).
 */
export function touchedByDailiesEvent(event: DailiesEvent): Touched[] {
  const { projectId, sessionId } = event;
  if (event.type === 'dailies.presenter') return [];
  if (event.type === 'dailies.presence') return [{ queryKey: keys.dailies.session(projectId, sessionId) }];
  if (event.what === 'log') return [{ queryKey: keys.dailies.log(projectId, sessionId) }];
  const list = event.what === 'session' || event.what === 'closed' || event.what === 'playlist' || event.what === 'attendees' ? [{ queryKey: keys.dailies.list(projectId) }] : [];
  return [...list, { queryKey: keys.dailies.session(projectId, sessionId) }];
}

const dailiesListeners = new Set<(event: DailiesEvent) => void>();

/** Hands every dailies event of the project's stream to `listener` while mounted (the room's page follows its presenter so). */
export function useDailiesEvents(listener: (event: DailiesEvent) => void) {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => {
    const l = (event: DailiesEvent) => latest.current(event);
    dailiesListeners.add(l);
    return () => void dailiesListeners.delete(l);
  }, []);
}

const live = new Map<string, boolean>();
const listeners = new Set<() => void>();
function setLive(projectId: string, open: boolean) {
  if (live.get(projectId) === open) return;
  live.set(projectId, open);
  for (const l of listeners) l();
}

/** Opens a project's stream while mounted (once, in the project's shell) and keeps the cache in step with it. */
export function useProjectEvents(projectId: string): boolean {
  const client = useQueryClient();
  const open = useTakeEvents(projectId, {
    onEvent: (event) => {
      applyTakeEvent(client, event);
      gather(client, touchedByTakeEvent(event));
    },
    onDailies: (event) => {
      for (const l of dailiesListeners) l(event);
      gather(client, touchedByDailiesEvent(event));
    },
    onReconnect: () => void client.invalidateQueries({ queryKey: keys.project(projectId) }),
  });
  useEffect(() => setLive(projectId, open), [projectId, open]);
  useEffect(() => () => setLive(projectId, false), [projectId]);
  return open;
}

/** Whether a project's stream is open now (pages poll while it is not and work is running). */
export function useStreamLive(projectId: string): boolean {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => live.get(projectId) ?? false,
  );
}

/** Marks the touched entries stale; those on screen load again. */
export async function invalidate(client: QueryClient, touched: Touched[]): Promise<void> {
  await Promise.all(touched.map(({ queryKey, predicate }) => client.invalidateQueries({ queryKey, predicate })));
}

let pending: { client: QueryClient; touched: Map<string, Touched> } | undefined;
/** Invalidates the touched keys once per burst of events. */
export function gather(client: QueryClient, touched: Touched[]) {
  if (!pending) {
    const round = (pending = { client, touched: new Map() });
    setTimeout(() => {
      pending = undefined;
      void invalidate(round.client, [...round.touched.values()]);
    }, BURST_MS);
  }
  for (const t of touched) pending.touched.set(JSON.stringify(t.queryKey) + (t.tag ?? ''), t);
}
