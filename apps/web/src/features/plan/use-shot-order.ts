/** Reordering a scene's shots: the new order shows at once in the cached shot list, is saved, and goes back with the reason when the server refuses it. */
import type { Scene, Shot } from '@backlot/contracts';
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { api } from '../../shared/api/client.ts';
import { messageOf } from '../../shared/lib/errors.ts';

type ShotList = { scenes: Scene[]; shots: Shot[] };

/** The shots with one scene's shots put in the order of `ids`, the other scenes' where they were. */
export function reorderWithin(shots: Shot[], sceneId: string, ids: string[]): Shot[] {
  const rank = new Map(ids.map((id, i) => [id, i]));
  const mine = shots.filter((s) => s.sceneId === sceneId).sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
  let k = 0;
  return shots.map((s) => (s.sceneId === sceneId ? mine[k++] : s));
}

/** Saves a scene's new shot order, shown at once under `key` (the cached shot list). */
export function useShotOrder(projectId: string, key: QueryKey) {
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: ({ sceneId, ids }: { sceneId: string; ids: string[] }) => api.reorderShots({ params: { projectId, sceneId }, body: { ids } }),
    onMutate: ({ sceneId, ids }) => {
      const before = client.getQueryData<ShotList>(key);
      if (before) client.setQueryData<ShotList>(key, { ...before, shots: reorderWithin(before.shots, sceneId, ids) });
      return { before };
    },
    onError: (_err, _vars, context) => {
      if (context?.before) client.setQueryData<ShotList>(key, context.before);
    },
  });
  return {
    save: (sceneId: string, ids: string[]) => save.mutate({ sceneId, ids }),
    problem: save.error ? `The new order was not saved: ${messageOf(save.error)}` : undefined,
  };
}
