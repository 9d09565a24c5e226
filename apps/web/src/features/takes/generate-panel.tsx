/**
 * The generate panel of a shot: settings checked live against the server (field errors beside
 * their field), refusals naming the rule and the reference, the estimate against the budget, what
 * the model cannot honour and the exact request. Generate stays disabled while anything is refused.
 */
import type { ModelCapabilities, Shot, Take } from '@backlot/contracts';
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Form, FormActions, FormError } from '../../shared/ui/form.tsx';
import { useProject } from '../../shared/project/project-context.ts';
import { draftFromTake, emptyDraft, modelOf, requestOf, type GenerateDraft } from './generate-draft.ts';
import { GenerateFields } from './generate-fields.tsx';
import { Estimate, isFree, PreviewDetails, Refusals } from './generation-preview.tsx';
import { useGenerationPreview } from './use-generation-preview.ts';

export interface GeneratePanelProps {
  shot: Shot;
  models: ModelCapabilities[];
  /** The take regenerated, when this is a regeneration. */
  parent?: Take;
  /** The note being answered ("regenerate from this note"). */
  note?: { id: string; body: string; timecode: string | null };
  onGenerated: (takes: Take[]) => void;
  onClose: () => void;
}

export function GeneratePanel({ shot, models, parent, note, onGenerated, onClose }: GeneratePanelProps) {
  const { project } = useProject();
  const [draft, setDraft] = useState<GenerateDraft>(() => ({ ...(parent ? draftFromTake(parent, false) : emptyDraft(models)), ...(note ? { noteId: note.id } : {}) }));
  const [keepSeed, setKeepSeed] = useState(false);
  const check = useGenerationPreview(project.id, shot.id, draft);
  const generate = useAction(async () => {
    const made = requestOf(draft);
    if ('error' in made) throw made.error;
    return api.generate({ params: { projectId: project.id, shotId: shot.id }, body: made.input });
  });
  const change = (patch: Partial<GenerateDraft>) => {
    generate.clearError();
    setDraft((d) => ({ ...d, ...patch }));
  };

  const model = modelOf(models, draft);
  const preview = check.preview;
  const refused = !!preview && preview.refusals.length > 0;
  const count = Number(draft.count) || 1;
  const why = !model ? 'Pick a model' : !model.available ? 'This model cannot be used here' : refused ? 'Resolve what is refused first' : check.error ? 'Fix the setting marked first' : undefined;

  return (
    <section className="generate-panel" aria-labelledby="generate-title">
      <div className="generate-head">
        <h2 id="generate-title" className="section-title">
          {parent ? (
            <>
              Regenerate <span className="mono">{parent.code}</span>
            </>
          ) : (
            'Generate takes'
          )}
        </h2>
        <Button small variant="ghost" aria-label="Close the generate panel" title="Close (Esc)" onClick={onClose}>
          ✕
        </Button>
      </div>
      {note && (
        <blockquote className="generate-note" aria-label="The note this answers">
          {note.timecode && <span className="mono">{note.timecode} </span>}
          {note.body}
        </blockquote>
      )}
      <Form
        label="Generate"
        className="form generate-form"
        error={generate.error ?? check.error}
        onSubmit={async () => {
          if (why) return;
          const result = await generate.run();
          if (result) onGenerated(result.takes);
        }}
      >
        {parent && parent.seed !== null && parent.seed !== undefined && (
          <label className="toggle">
            <input
              type="checkbox"
              checked={keepSeed}
              onChange={(e) => {
                setKeepSeed(e.target.checked);
                change({ seed: e.target.checked ? String(parent.seed) : '' });
              }}
            />
            Keep the seed of {parent.code} (<span className="mono">{parent.seed}</span>)
          </label>
        )}
        <GenerateFields
          draft={draft}
          change={change}
          models={models}
          model={model}
          shot={shot}
          frameRate={project.frameRate}
          projectAspect={project.aspect}
          error={generate.error ?? check.error}
          free={isFree(preview)}
        />
        {preview && <Refusals projectId={project.id} preview={preview} />}
        {preview && <Estimate preview={preview} count={count} />}
        <FormError />
        <FormActions>
          <span className="muted small generate-checking" role="status">
            {check.checking ? 'Checking…' : ''}
          </span>
          <Button type="submit" variant="primary" pending={generate.pending} disabled={!!why} title={why}>
            Generate {count} {count === 1 ? 'take' : 'takes'}
          </Button>
        </FormActions>
        {preview && <PreviewDetails preview={preview} />}
      </Form>
    </section>
  );
}
