/**
 * Editing a session's playlist: a new order is shown at once and the server's answer kept; a take
 * removed is gone when the server says so. What went wrong is said in `trouble`, naming the take.
 */
import type { DailiesDetail, DailiesItem } from '@backlot/contracts';
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { messageOf } from '../../shared/lib/errors.ts';
import type { Loaded } from '../../shared/lib/use-load.ts';

export function usePlaylistEdits(projectId: string, sessionId: string, detail: Loaded<DailiesDetail>) {
  const [trouble, setTrouble] = useState<string>();
  const reorder = async (itemIds: string[]) => {
    const d = detail.data;
    if (!d) return;
    const byId = new Map(d.items.map((i) => [i.id, i]));
    detail.setData({ ...d, items: itemIds.map((id, position) => ({ ...byId.get(id)!, position })) });
    try {
      const answer = await api.reorderDailiesItems({ params: { projectId, sessionId }, body: { itemIds } });
      detail.setData((prev) => ({ ...(prev ?? d), items: answer.items }));
      setTrouble(undefined);
    } catch (e) {
      setTrouble(`The playlist was not reordered: ${messageOf(e)}`);
      detail.reload();
    }
  };
  const remove = async (it: DailiesItem) => {
    try {
      const answer = await api.removeDailiesItem({ params: { projectId, sessionId, itemId: it.id } });
      detail.setData((prev) => ({ ...(prev ?? detail.data!), items: answer.items }));
      setTrouble(undefined);
    } catch (e) {
      setTrouble(`${it.take.code} was not removed: ${messageOf(e)}`);
    }
  };
  return { reorder, remove, trouble };
}
