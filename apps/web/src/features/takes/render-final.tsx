/**
 * A draft take's way to its final: "Render the final" asks the same model to render the draft at
 * 1080p (the provider reuses the draft's prompt, inputs, duration and seed), after showing what it
 * will cost. Drafts can be finalised for 7 days after they were made; the server says when that
 * has passed.
 */
import type { GenerateInput, Take } from '@backlot/contracts';
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { Button } from '../../shared/ui/button.tsx';
import { ConfirmDialog } from '../../shared/ui/confirm-dialog.tsx';

export function isDraft(take: Pick<Take, 'settings'>): boolean {
  return take.settings?.draft === true;
}

export function RenderFinal({ projectId, take, onQueued }: { projectId: string; take: Take; onQueued: (finalId: string) => void }) {
  const [asking, setAsking] = useState(false);
  const [estimate, setEstimate] = useState<string>();
  const input: GenerateInput = { provider: take.provider as GenerateInput['provider'], model: take.model ?? '', settings: { finalOf: take.id }, count: 1 };
  const params = { projectId, shotId: take.shotId };
  const preview = useAction(() => api.previewGeneration({ params, body: input }));
  if (!isDraft(take) || take.status !== 'succeeded') return null;
  return (
    <>
      <Button
        variant="primary"
        pending={preview.pending}
        onClick={async () => {
          const p = await preview.run();
          setEstimate(p?.estimate ? `${p.estimate.perTake} ${p.estimate.currency} (${p.estimate.detail})` : undefined);
          setAsking(true);
        }}
      >
        Render the final
      </Button>
      {asking && (
        <ConfirmDialog
          title={`Render ${take.code} as the final?`}
          confirmLabel="Render the final"
          onClose={() => setAsking(false)}
          onConfirm={async () => {
            const made = await api.generate({ params, body: input });
            onQueued(made.takes[0].id);
          }}
        >
          The final is a new take of {take.shotCode} at 1080p, linked to this draft, with its prompt, inputs, duration and seed.
          {estimate ? ` It is estimated at ${estimate}.` : ''}
        </ConfirmDialog>
      )}
    </>
  );
}
