/** Reordering the scene board: the new order shows at once in the cached scenes, is saved, and goes back with the reason when the server refuses it. */
import type { Scene } from '@backlot/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api/client.ts';
import { keys } from '../../shared/api/keys.ts';
import { messageOf } from '../../shared/lib/errors.ts';

type Scenes = { scenes: Scene[] };

/** The scenes sorted into the order of `ids`. */
export function inOrder(scenes: Scene[], ids: string[]): Scene[] {
  const rank = new Map(ids.map((id, i) => [id, i]));
  return [...scenes].sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
}

/** Saves a new order of the scenes, shown at once in the cached board. */
export function useSceneOrder(projectId: string) {
  const client = useQueryClient();
  const key = keys.plan.scenes(projectId);
  const save = useMutation({
    mutationFn: (ids: string[]) => api.reorderScenes({ params: { projectId }, body: { ids } }),
    onMutate: (ids) => {
      const before = client.getQueryData<Scenes>(key);
      if (before) client.setQueryData<Scenes>(key, { scenes: inOrder(before.scenes, ids) });
      return { before };
    },
    onError: (_err, _ids, context) => {
      if (context?.before) client.setQueryData<Scenes>(key, context.before);
    },
  });
  return {
    save: (ids: string[]) => save.mutate(ids),
    problem: save.error ? `The new order was not saved: ${messageOf(save.error)}` : undefined,
  };
}
