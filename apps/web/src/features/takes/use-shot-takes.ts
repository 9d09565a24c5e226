/**
 * A shot's takes, kept live: loaded once, then the project's stream invalidates them on each event
 * about this shot, so a card moves from queued to succeeded without a reload. While the stream is
 * down and a take is still generating, the list is asked for again every few seconds.
 */
import type { Take } from '@backlot/contracts';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { useLoad, type Loaded } from '../../shared/lib/use-load.ts';
import { keys } from '../../shared/api/keys.ts';
import { useStreamLive } from '../../shared/events/project-events.ts';
import { isTerminal } from '../../shared/production/take-words.ts';

const POLL_MS = 4000;

/** Puts a take into a list (newest first), keeping the fresher of two copies of the same take. */
export function upsertTake(takes: Take[], take: Take): Take[] {
  const at = takes.findIndex((t) => t.id === take.id);
  if (at < 0) return [take, ...takes].sort((a, b) => b.number - a.number);
  if (takes[at].updatedAt > take.updatedAt) return takes;
  return takes.map((t, i) => (i === at ? take : t));
}

export interface ShotTakes extends Loaded<{ takes: Take[] }> {
  /** Whether the live stream is open. */
  live: boolean;
  /** Adds or replaces takes the page already has (after generating, importing or canceling). */
  put: (...takes: Take[]) => void;
  /** The shot's best take and why, as the server last said (a list put together by the page has none). */
  best: Best | null | undefined;
}

type Best = { takeId: string; why: string };

export function useShotTakes(projectId: string, shotId: string): ShotTakes {
  const list = useLoad(keys.takes.shot(projectId, shotId), () => api.listTakes({ params: { projectId, shotId } }));
  const { setData, reload } = list;
  const put = useCallback((...takes: Take[]) => setData((d) => ({ takes: takes.reduce(upsertTake, d?.takes ?? []) })), [setData]);

  const live = useStreamLive(projectId);

  const generating = (list.data?.takes ?? []).some((t) => !isTerminal(t.status));
  useEffect(() => {
    if (live || !generating) return;
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [live, generating, reload]);

  const [best, setBest] = useState<Best | null>();
  useEffect(() => {
    if (list.data && 'best' in list.data) setBest((list.data as { best?: Best | null }).best ?? null);
  }, [list.data]);

  return { ...list, live, put, best };
}
