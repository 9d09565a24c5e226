/**
 * The presenter in a session: the newest state the room heard of (the session's answer, then the
 * project's stream), whether this browser follows it or looks privately, and — for the one
 * presenting — posting each change, the newest only while one is on its way (a dragged wipe sends
 * no flood), its answer taken in like any other.
 */
import type { PresenterState, PresenterStateInput } from '@backlot/contracts';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { useDailiesEvents } from '../../shared/events/project-events.ts';
import { messageOf } from '../../shared/lib/errors.ts';
import { FOLLOW_START, followReducer } from './follow.ts';

export function usePresenter(projectId: string, sessionId: string, fromSession: PresenterState | null | undefined) {
  const [state, dispatch] = useReducer(followReducer, FOLLOW_START);
  const [trouble, setTrouble] = useState<string>();
  useEffect(() => {
    if (fromSession) dispatch({ type: 'presented', state: fromSession });
  }, [fromSession]);
  useDailiesEvents((event) => {
    if (event.type === 'dailies.presenter' && event.sessionId === sessionId) dispatch({ type: 'presented', state: event.state });
  });

  const inFlight = useRef(false);
  const next = useRef<PresenterStateInput | null>(null);
  const post = useCallback(
    async (input: PresenterStateInput) => {
      next.current = input;
      if (inFlight.current) return;
      inFlight.current = true;
      try {
        while (next.current) {
          const body = next.current;
          next.current = null;
          try {
            dispatch({ type: 'presented', state: await api.presentDailies({ params: { projectId, sessionId }, body }) });
            setTrouble(undefined);
          } catch (e) {
            setTrouble(`The room did not get your last move: ${messageOf(e)}`);
          }
        }
      } finally {
        inFlight.current = false;
      }
    },
    [projectId, sessionId],
  );

  return {
    presenter: state.presenter,
    following: state.following,
    look: () => dispatch({ type: 'look' }),
    snap: () => dispatch({ type: 'snap' }),
    post,
    trouble,
  };
}
