/**
 * "Generate across providers": one take of the shot's plan from each of two to four models, to
 * compare side by side. First the models and the settings they share; then, before anything is
 * spent, a preview per model — its estimate, what it will drop or adapt, what is refused and
 * which setting it cannot take — and the combined estimate against the budget; then Confirm. Each
 * model is asked for on its own: one refused leaves the others queued, and the takes asked for
 * open in compare (with what was refused said there).
 */
import { ACROSS_MAX_MODELS, RESOLUTIONS, type AcrossPreview, type ModelCapabilities, type Shot } from '@backlot/contracts';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../../shared/api/client.ts';
import { keys } from '../../shared/api/keys.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { providerName } from '../../shared/production/take-words.ts';
import { useProject } from '../../shared/project/project-context.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Field, Form, FormActions, FormError, Input, Select } from '../../shared/ui/form.tsx';
import { LoadError, Loading } from '../../shared/ui/page.tsx';
import { TextAreaField } from '../../shared/ui/text-area-field.tsx';
import { acrossRequestOf, confirmBlocker, emptyAcrossDraft, pickKey, togglePick, type AcrossDraft } from './across-draft.ts';
import { Refusals } from './generation-preview.tsx';
import { AdaptationList, RequestView } from './request-view.tsx';

/** What compare is told of the pairs not asked for (router state: it is news, not part of the address). */
export interface AcrossRefused {
  refused: { label: string; message: string }[];
}

export function AcrossAside({ projectId, shot, onClose }: { projectId: string; shot: Shot; onClose: () => void }) {
  const models = useLoad(keys.projects.models(projectId), () => api.listModels({ params: { projectId } }));
  return (
    <aside className="takes-aside">
      {models.error ? <LoadError error={models.error} retry={models.reload} /> : null}
      {models.data ? <AcrossPanel shot={shot} models={models.data.models} onClose={onClose} /> : <Loading what="Loading the models" />}
    </aside>
  );
}

function AcrossPanel({ shot, models, onClose }: { shot: Shot; models: ModelCapabilities[]; onClose: () => void }) {
  const { project } = useProject();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<AcrossDraft>(emptyAcrossDraft);
  const [preview, setPreview] = useState<AcrossPreview>();
  const params = { projectId: project.id, shotId: shot.id };
  const check = useAction(async () => {
    const made = acrossRequestOf(draft);
    if ('error' in made) throw made.error;
    return api.previewAcross({ params, body: made.input });
  });
  const send = useAction(async () => {
    const made = acrossRequestOf(draft);
    if ('error' in made) throw made.error;
    return api.generateAcross({ params, body: made.input });
  });
  const change = (patch: Partial<AcrossDraft>) => {
    check.clearError();
    send.clearError();
    setPreview(undefined);
    setDraft((d) => ({ ...d, ...patch }));
  };
  // While the preview shows, only the models picked are listed, so the preview stays in sight.
  const groups = new Map<string, ModelCapabilities[]>();
  for (const m of models) if (!preview || draft.picked.includes(pickKey(m))) groups.set(m.provider, [...(groups.get(m.provider) ?? []), m]);
  const picked = draft.picked.length;
  const blocker = preview ? confirmBlocker(preview) : undefined;

  return (
    <section className="generate-panel" aria-labelledby="across-title">
      <div className="generate-head">
        <h2 id="across-title" className="section-title">
          Generate across providers
        </h2>
        <Button small variant="ghost" aria-label="Close generating across providers" title="Close (Esc)" onClick={onClose}>
          ✕
        </Button>
      </div>
      <p className="muted small">
        One take of <span className="mono">{shot.code}</span>’s plan from each model you pick (2 to {ACROSS_MAX_MODELS}), side by side in compare.
      </p>
      <Form
        label="Generate across providers"
        className="form generate-form"
        error={send.error ?? check.error}
        onSubmit={async () => {
          if (!preview) {
            const p = await check.run();
            if (p) setPreview(p);
            return;
          }
          if (blocker) return;
          const result = await send.run();
          if (!result) return;
          const asked = result.outcomes.flatMap((o) => o.takes.map((t) => t.id));
          const refused: AcrossRefused = { refused: result.outcomes.filter((o) => o.error).map((o) => ({ label: o.label, message: o.error!.message })) };
          if (asked.length > 0) navigate(`/projects/${project.id}/compare?ids=${asked.join(',')}`, { state: refused });
          else setPreview(undefined);
        }}
      >
        <fieldset className="across-models" disabled={!!preview}>
          <legend className="field-label">
            Models{' '}
            <span className="muted small">
              ({picked} of at most {ACROSS_MAX_MODELS})
            </span>
          </legend>
          {[...groups].map(([provider, list]) => (
            <div key={provider} className="across-group">
              <div className="faint small">{providerName(provider)}</div>
              {list.map((m) => {
                const key = pickKey(m);
                const on = draft.picked.includes(key);
                const why = m.retired ? ' — retired' : !m.available ? ' — no API key configured' : '';
                return (
                  <label key={key} className="toggle">
                    <input type="checkbox" checked={on} disabled={!on && (!m.available || picked >= ACROSS_MAX_MODELS)} onChange={() => change(togglePick(draft, key))} />
                    {m.label}
                    {why && <span className="muted small">{why}</span>}
                  </label>
                );
              })}
            </div>
          ))}
        </fieldset>
        <div className="field-row">
          <Field label="Length (frames)" name="settings.durationFrames" hint="Empty: the plan’s">
            <Input mono inputMode="numeric" disabled={!!preview} value={draft.durationFrames} onChange={(e) => change({ durationFrames: e.target.value })} />
          </Field>
          <Field label="Resolution" name="settings.resolution">
            <Select value={draft.resolution} disabled={!!preview} onChange={(e) => change({ resolution: e.target.value })}>
              <option value="">Each model’s nearest to the project</option>
              {RESOLUTIONS.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Seed" name="settings.seed" hint="Empty: each take its own">
            <Input mono inputMode="numeric" disabled={!!preview} value={draft.seed} onChange={(e) => change({ seed: e.target.value })} />
          </Field>
        </div>
        <TextAreaField
          label="Prompt addition"
          name="settings.promptAddition"
          error={send.error ?? check.error}
          rows={2}
          maxLength={2000}
          disabled={!!preview}
          placeholder="Words added to every model’s prompt"
          value={draft.promptAddition}
          onChange={(e) => change({ promptAddition: e.target.value })}
        />
        {preview && <AcrossPreviewView preview={preview} />}
        <FormError />
        <FormActions>
          {preview ? (
            <>
              <Button onClick={() => setPreview(undefined)}>Change the models</Button>
              <Button type="submit" variant="primary" pending={send.pending} disabled={!!blocker} title={blocker}>
                Confirm: generate {preview.sendable} {preview.sendable === 1 ? 'take' : 'takes'}
              </Button>
            </>
          ) : (
            <Button type="submit" variant="primary" pending={check.pending} disabled={picked < 2} title={picked < 2 ? 'Pick at least two models' : undefined}>
              Preview {picked} {picked === 1 ? 'model' : 'models'}
            </Button>
          )}
        </FormActions>
      </Form>
    </section>
  );
}

/** The combined estimate, then each model: its estimate, what is refused, the setting it cannot take, and what it will not honour. */
function AcrossPreviewView({ preview }: { preview: AcrossPreview }) {
  const { project } = useProject();
  const { estimate } = preview;
  return (
    <div className="across-preview">
      {estimate && (
        <div className="estimate" role="status" aria-label="Combined estimate">
          <div>
            {preview.sendable} {preview.sendable === 1 ? 'take' : 'takes'} · <span className="mono">{estimate.total}</span> {estimate.currency} in all
          </div>
          <div className="muted">
            <span className="mono">{estimate.remaining}</span> {estimate.currency} left in the budget
          </div>
        </div>
      )}
      <ul className="across-list">
        {preview.models.map((m) => (
          <li key={`${m.provider}/${m.model}`} className="across-model" aria-label={m.label}>
            <div className="across-model-head">
              <strong>{m.label}</strong> <span className="mono faint small">{`${m.provider}/${m.model}`}</span>
              {m.preview?.estimate && (
                <output className="across-cost" aria-label={`${m.label} estimate`}>
                  {m.preview.estimate.total === '0.00' ? (
                    'no cost'
                  ) : (
                    <>
                      <span className="mono">{m.preview.estimate.total}</span> {m.preview.estimate.currency}
                    </>
                  )}
                </output>
              )}
            </div>
            {m.error && (
              <div className="danger-text" role="alert">
                {m.error.problems?.map((p) => p.message).join(' ') ?? m.error.message}
              </div>
            )}
            {m.preview && (
              <>
                <Refusals projectId={project.id} preview={m.preview} />
                {m.preview.signOff && <div className="warn-text">Over the sign-off threshold: this take will wait for a producer’s or owner’s sign-off.</div>}
                <div className="preview-label">What it will not honour</div>
                <AdaptationList adaptations={m.preview.adaptations} />
                <RequestView request={m.preview.request} />
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
