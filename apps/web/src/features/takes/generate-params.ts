/** Whether a shot's generate panel is open, and for what, from the address: `?generate=1`, or `?regenerate=<take>` (with `&note=<note>` when answering a note); `?across=1` for generating across providers. */
import { useSearchParams } from 'react-router-dom';
import type { Take } from '@backlot/contracts';

const PANEL_PARAMS = ['generate', 'regenerate', 'note', 'across'] as const;

/** The generate panel's state in the address, and opening or closing it there. */
export function useGenerateParams(mayGenerate: boolean) {
  const [search, setSearch] = useSearchParams();
  const regenerateId = search.get('regenerate');
  const noteId = search.get('note');
  const open = mayGenerate && (search.get('generate') === '1' || !!regenerateId);
  const acrossOpen = mayGenerate && !open && search.get('across') === '1';
  /** Opens the panel, for new takes or prefilled to regenerate `take`; `across` for one take from each of several models. */
  const openPanel = (take?: Take | 'across') =>
    setSearch(
      (s) => {
        const next = new URLSearchParams(s);
        for (const p of PANEL_PARAMS) next.delete(p);
        if (take === 'across') next.set('across', '1');
        else if (take) next.set('regenerate', take.id);
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
  return { regenerateId, noteId, open, acrossOpen, openPanel, closePanel, cameFrom: search.get('take') };
}
