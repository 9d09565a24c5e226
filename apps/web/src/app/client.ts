/** The web UI's one typed client: same origin, the session cookie, and word to the app when a session ends. */
import { createClient, type CallOutput } from '@backlot/contracts/client';

/** Fired on any 401, so the app can ask to sign in again instead of showing a broken page. */
export const SESSION_ENDED = 'backlot:session-ended';

export const api = createClient({
  fetch: async (input, init) => {
    const res = await fetch(input, init);
    if (res.status === 401) window.dispatchEvent(new Event(SESSION_ENDED));
    return res;
  },
});

/** The signed-in account and whether it may create projects. */
export type Me = CallOutput<'me'>;
