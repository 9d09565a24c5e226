/** Each shot's picture (its approved or best take's poster), for the shot list, the scene cards and the storyboard. */
import type { ShotPoster } from '@backlot/contracts';
import { api } from '../../shared/api/client.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { keys } from '../../shared/api/keys.ts';

/** The pictures of a project's shots (or one scene's) by shot id, in scene and shot order; empty until loaded or when refused. */
export function useShotPosters(projectId: string, sceneId?: string, enabled = true): Map<string, ShotPoster> {
  const loaded = useLoad(keys.plan.posters(projectId, sceneId), () => api.shotPosters({ params: { projectId }, query: { sceneId } }).catch(() => ({ posters: [] })), { enabled });
  return new Map((loaded.data?.posters ?? []).map((p) => [p.shotId, p]));
}

/** How a poster reads for a screen reader: the shot, the take and its state. */
export function posterAlt(shotCode: string, p: ShotPoster): string {
  return `${shotCode}: ${p.takeCode}, ${p.review}`;
}
