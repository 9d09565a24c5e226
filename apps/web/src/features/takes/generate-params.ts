/** Whether a shot's generate panel is open, and for what, from the address: `?generate=1`, or `?regenerate=<take>` (with `&note=<note>` when answering a note). */
import { useSearchParams } from 'react-router-dom';
import type { Take } from '@backlot/contracts';

const PANEL_PARAMS = ['generate', 'regenerate', 'note'] as const;

/** The generate panel's state in the address, and opening or closing it there. */
export function useGenerateParams(mayGenerate: boolean) {
  const [search, setSearch] = useSearchParams();
  const regenerateId = search.get('regenerate');
  const noteId = search.get('note');
  const open = mayGenerate && (search.get('generate') === '1' || !!regenerateId);
  /** Opens the panel, for new takes or prefilled to regenerate `take`. */
  const openPanel = (take?: Take) =>
    setSearch(
      (s) => {
        const next = new URLSearchParams(s);
        for (const p of PANEL_PARAMS) next.delete(p);
        if (take) next.set('regenerate', take.id);
        else next.set('generate', '1');
        return next;
      },
      { replace: true },
    );
  const closePanel = () =>
    setSearch(
      (s) => {
        const next = new URLSearchParams(s);
        for (const p of PANEL_PARAMS) next.delete(p);
        return next;
      },
      { replace: true },
    );
  return { regenerateId, noteId, open, openPanel, closePanel, cameFrom: search.get('take') };
}
