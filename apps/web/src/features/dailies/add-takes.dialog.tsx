/**
 * Adding takes to the playlist by hand: the project's rendered takes (searched by prompt words,
 * newest first), those already on the playlist marked; the chosen ones go at the end in the order
 * ticked.
 */
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { keys } from '../../shared/api/keys.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { ReviewBadge } from '../../shared/production/take-status.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { Form, FormActions, FormError, Input } from '../../shared/ui/form.tsx';

export function AddTakesDialog({ projectId, sessionId, onPlaylist, onClose }: { projectId: string; sessionId: string; onPlaylist: string[]; onClose: () => void }) {
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const query = { status: 'succeeded' as const, sort: 'newest' as const, limit: 100, ...(q.trim() ? { q: q.trim() } : {}) };
  const takes = useLoad(keys.takes.list(projectId, query), () => api.listProjectTakes({ params: { projectId }, query }));
  const add = useAction(() => api.addDailiesItems({ params: { projectId, sessionId }, body: { takeIds: chosen } }), {
    invalidates: [keys.dailies.session(projectId, sessionId), keys.dailies.list(projectId)],
  });
  return (
    <Dialog title="Add takes to the playlist" onClose={onClose} wide>
      <Form
        label="Add takes"
        error={add.error}
        onSubmit={async () => {
          if ((await add.run()) !== undefined) onClose();
        }}
      >
        <Input value={q} onChange={(e) => setQ(e.target.value)} placeholder="Search by prompt words" aria-label="Search takes" autoFocus />
        <ul className="dailies-add-list">
          {(takes.data?.takes ?? []).map((t) => {
            const already = onPlaylist.includes(t.id);
            return (
              <li key={t.id}>
                <label className="check">
                  <input type="checkbox" checked={chosen.includes(t.id)} onChange={(e) => setChosen((list) => (e.target.checked ? [...list, t.id] : list.filter((id) => id !== t.id)))} />
                  <span className="mono">
                    {t.shotCode} {t.code}
                  </span>
                  <ReviewBadge review={t.review} />
                  {already && <span className="muted small">on the playlist</span>}
                </label>
              </li>
            );
          })}
        </ul>
        {takes.data && takes.data.takes.length === 0 && <p className="muted small">No rendered takes match.</p>}
        <FormError />
        <FormActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" pending={add.pending} disabled={chosen.length === 0}>
            Add {chosen.length || ''} {chosen.length === 1 ? 'take' : 'takes'}
          </Button>
        </FormActions>
      </Form>
    </Dialog>
  );
}
