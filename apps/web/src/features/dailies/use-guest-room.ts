/**
 * A guest's room on a review link: the link's own event stream (the session's presenter, who came
 * and went, playlist changes), the presenter followed with the same rules as a member's page
 * (follow.ts), and the guest's session loaded again when the playlist or session changed.
 */
import { DailiesEvent, type PresenterState } from '@backlot/contracts';
import { useEffect, useReducer, useRef } from 'react';
import { FOLLOW_START, followReducer } from './follow.ts';

/** Where a guest's events are streamed (the guest cookie names the link). */
export const GUEST_EVENTS_URL = '/api/v1/guest/events';

export function useGuestRoom(fromSession: PresenterState | null | undefined, onChanged: () => void) {
  const [state, dispatch] = useReducer(followReducer, FOLLOW_START);
  const changed = useRef(onChanged);
  changed.current = onChanged;
  useEffect(() => {
    if (fromSession) dispatch({ type: 'presented', state: fromSession });
  }, [fromSession]);
  useEffect(() => {
    const source = new EventSource(GUEST_EVENTS_URL, { withCredentials: true });
    const read = (message: MessageEvent<string>) => {
      let data: unknown;
      try {
        data = JSON.parse(message.data);
      } catch {
        return;
      }
      const parsed = DailiesEvent.safeParse(data);
      if (!parsed.success) return;
      if (parsed.data.type === 'dailies.presenter') dispatch({ type: 'presented', state: parsed.data.state });
      else changed.current();
    };
    for (const name of ['dailies.presenter', 'dailies.presence', 'dailies.changed']) source.addEventListener(name, read as EventListener);
    // Back after a break: what changed meanwhile is loaded again.
    let broken = false;
    source.onerror = () => void (broken = true);
    source.onopen = () => {
      if (broken) changed.current();
      broken = false;
    };
    return () => source.close();
  }, []);
  return { presenter: state.presenter, following: state.following, look: () => dispatch({ type: 'look' }), snap: () => dispatch({ type: 'snap' }) };
}
