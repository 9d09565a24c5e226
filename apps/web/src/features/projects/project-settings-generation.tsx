/**
 * A project's generation settings: whether paid generation needs locked plans and references, the
 * SSIM thresholds of the frame checks, how many frames a take's length may be off, and the estimate
 * above which a request waits for a producer's sign-off. Editable
 * with project.edit_settings; read-only for the rest. Sends only what changed.
 */
import type { GenerationProjectSettings } from '@backlot/contracts';
import { ApiError } from '@backlot/contracts/client';
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { Field, Form, FormActions, FormError, Input } from '../../shared/ui/form.tsx';
import { useProject } from '../../shared/project/project-context.ts';

interface Draft {
  requireLocked: boolean;
  ssimPass: string;
  ssimWarn: string;
  durationToleranceFrames: string;
  /** Empty: no sign-off needed. */
  signOffAbove: string;
}

const draftOf = (g: GenerationProjectSettings): Draft => ({
  requireLocked: g.requireLocked,
  ssimPass: String(g.ssimPass),
  ssimWarn: String(g.ssimWarn),
  durationToleranceFrames: String(g.durationToleranceFrames),
  signOffAbove: g.signOffAbove ?? '',
});

/** The changed settings as the API's patch, or the field error to show first. */
function patchOf(g: GenerationProjectSettings, d: Draft): Partial<GenerationProjectSettings> | ApiError {
  const patch: Partial<GenerationProjectSettings> = {};
  if (d.requireLocked !== g.requireLocked) patch.requireLocked = d.requireLocked;
  for (const key of ['ssimPass', 'ssimWarn'] as const) {
    const t = d[key].trim();
    const n = Number(t);
    if (!t || !Number.isFinite(n) || n < 0 || n > 1) return new ApiError(422, 'request.invalid', `generation.${key}: must be a number from 0 to 1`, `generation.${key}`);
    if (n !== g[key]) patch[key] = n;
  }
  const t = d.durationToleranceFrames.trim();
  if (!/^\d+$/.test(t)) return new ApiError(422, 'request.invalid', 'generation.durationToleranceFrames: must be a whole number of frames', 'generation.durationToleranceFrames');
  if (Number(t) !== g.durationToleranceFrames) patch.durationToleranceFrames = Number(t);
  // The amount goes as typed: the server checks it and names the field when it is not one.
  const above = d.signOffAbove.trim() || null;
  if (above !== g.signOffAbove) patch.signOffAbove = above;
  return patch;
}

export function GenerationSettingsForm() {
  const { project, update } = useProject();
  const g = project.generation;
  const [draft, setDraft] = useState(() => draftOf(g));
  const [saved, setSaved] = useState(false);
  const patch = patchOf(g, draft);
  const dirty = patch instanceof ApiError || Object.keys(patch).length > 0;
  const save = useAction(async () => {
    if (patch instanceof ApiError) throw patch;
    return api.updateProject({ params: { projectId: project.id }, body: { generation: patch } });
  });
  const change = (p: Partial<Draft>) => {
    setSaved(false);
    save.clearError();
    setDraft((d) => ({ ...d, ...p }));
  };

  return (
    <Form
      label="Generation settings"
      error={save.error}
      onSubmit={async () => {
        const detail = await save.run();
        if (!detail) return;
        update(detail);
        setDraft(draftOf(detail.project.generation));
        setSaved(true);
      }}
    >
      <label className="toggle">
        <input type="checkbox" checked={draft.requireLocked} onChange={(e) => change({ requireLocked: e.target.checked })} />
        Paid generation needs a locked plan and references on their locked versions (previs is exempt)
      </label>
      <div className="field-row">
        <Field label="Frame check passes at SSIM" name="generation.ssimPass" hint="0 to 1; e.g. 0.80" className="field-narrow">
          <Input mono inputMode="decimal" value={draft.ssimPass} onChange={(e) => change({ ssimPass: e.target.value })} />
        </Field>
        <Field label="…and warns from SSIM" name="generation.ssimWarn" hint="below it, the check fails" className="field-narrow">
          <Input mono inputMode="decimal" value={draft.ssimWarn} onChange={(e) => change({ ssimWarn: e.target.value })} />
        </Field>
        <Field label="Length tolerance (frames)" name="generation.durationToleranceFrames" hint="off by more warns; by twice that fails" className="field-narrow">
          <Input mono inputMode="numeric" value={draft.durationToleranceFrames} onChange={(e) => change({ durationToleranceFrames: e.target.value })} />
        </Field>
      </div>
      <div className="field-row">
        <Field
          label={`Sign-off above (${project.currency})`}
          name="generation.signOffAbove"
          hint="A request estimated above this waits for a producer's or owner's sign-off, with nothing reserved. Empty: none needed."
          className="field-narrow"
        >
          <Input mono inputMode="decimal" placeholder="none" value={draft.signOffAbove} onChange={(e) => change({ signOffAbove: e.target.value })} />
        </Field>
      </div>
      <FormError />
      {saved && !dirty && <Banner tone="ok">Generation settings saved.</Banner>}
      <FormActions>
        <Button type="submit" variant="primary" pending={save.pending} disabled={!dirty}>
          Save generation settings
        </Button>
        {dirty && (
          <Button variant="ghost" onClick={() => setDraft(draftOf(g))}>
            Discard changes
          </Button>
        )}
      </FormActions>
    </Form>
  );
}

export function GenerationSettingsFacts() {
  const { generation: g, currency } = useProject().project;
  const rows: [string, string][] = [
    ['Locked plans', g.requireLocked ? 'Paid generation needs locked plans and references (previs exempt)' : 'Not required'],
    ['Frame checks', `SSIM ≥ ${g.ssimPass} passes, ≥ ${g.ssimWarn} warns, below fails`],
    ['Length', `Off by more than ${g.durationToleranceFrames} frames warns, by ${g.durationToleranceFrames * 2} fails`],
    ['Sign-off', g.signOffAbove === null ? 'Not needed' : `Requests estimated above ${g.signOffAbove} ${currency} wait for a producer's sign-off`],
  ];
  return (
    <dl className="facts">
      {rows.map(([k, v]) => (
        <div key={k} className="fact">
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
