/**
 * Checks a generation while the member edits it: a short pause after the last change, then the
 * server answers the exact request, what the model cannot honour, the estimate and any refusal
 * (nothing is saved). Only the answer to the latest draft is kept.
 */
import type { GenerationPreview } from '@backlot/contracts';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { requestOf, type GenerateDraft } from './generate-draft.ts';

const PAUSE_MS = 350;

export interface PreviewState {
  preview?: GenerationPreview;
  /** A field the server (or the draft itself) refused, or a wider failure. */
  error: unknown;
  checking: boolean;
}

export function useGenerationPreview(projectId: string, shotId: string, draft: GenerateDraft | undefined): PreviewState {
  const [state, setState] = useState<PreviewState>({ error: null, checking: false });
  const round = useRef(0);
  const key = draft ? JSON.stringify(draft) : '';

  // biome-ignore lint/correctness/useExhaustiveDependencies: the draft is compared by its serialised key, not by identity
  useEffect(() => {
    if (!draft?.model) return;
    const mine = ++round.current;
    const made = requestOf(draft);
    if ('error' in made) {
      setState((s) => ({ ...s, error: made.error, checking: false }));
      return;
    }
    setState((s) => ({ ...s, checking: true }));
    const timer = setTimeout(() => {
      api.previewGeneration({ params: { projectId, shotId }, body: made.input }).then(
        (preview) => mine === round.current && setState({ preview, error: null, checking: false }),
        (error: unknown) => mine === round.current && setState((s) => ({ preview: s.preview, error, checking: false })),
      );
    }, PAUSE_MS);
    return () => clearTimeout(timer);
    // The draft's text is what matters; a new object with the same fields asks nothing new.
  }, [projectId, shotId, key]);

  return state;
}
