/** The web UI's one typed client: same origin, the session cookie, and word to the app when a session ends. */
import { PAGE_LIMIT } from '@backlot/contracts';
import { createClient, followPages, type CallOutput } from '@backlot/contracts/client';

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

/** Every scene of a project in order, page after page: a long script is never cut off. */
export async function listAllScenes(projectId: string): Promise<{ scenes: CallOutput<'listScenes'>['scenes'] }> {
  const pages = await followPages((offset) => api.listScenes({ params: { projectId }, query: { offset, limit: PAGE_LIMIT.max } }));
  return { scenes: pages.flatMap((p) => p.scenes) };
}

/** Every shot of a project (or of one scene) in order, page after page. */
export async function listAllShots(projectId: string, sceneId?: string): Promise<{ shots: CallOutput<'listShots'>['shots'] }> {
  const pages = await followPages((offset) => api.listShots({ params: { projectId }, query: { sceneId, offset, limit: PAGE_LIMIT.max } }));
  return { shots: pages.flatMap((p) => p.shots) };
}
