/** Edits a project's name, picture settings, currency and budget; sends only what changed. */
import { useState } from 'react';
import type { Project } from '@backlot/contracts';
import { api } from '../../shared/api/client.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { Field, Form, FormActions, FormError, Input } from '../../shared/ui/form.tsx';
import { useProject } from '../../shared/project/project-context.ts';
import { PictureAndMoneyFields, settingsBody, type SettingsDraft } from './project-fields.tsx';

function draftOf(p: Project): SettingsDraft {
  return {
    name: p.name,
    frameRate: p.frameRate,
    timecodeMode: p.timecodeMode,
    width: String(p.resolution.width),
    height: String(p.resolution.height),
    currency: p.currency,
    budget: p.budget ?? '',
  };
}

/** The fields of the draft that differ from the project, as the API's patch. */
function patchOf(p: Project, d: SettingsDraft) {
  const body = settingsBody(d);
  const before = settingsBody(draftOf(p));
  const patch: Partial<typeof body> = {};
  if (body.name !== before.name) patch.name = body.name;
  if (body.frameRate !== before.frameRate) patch.frameRate = body.frameRate;
  if (body.timecodeMode !== before.timecodeMode) patch.timecodeMode = body.timecodeMode;
  if (body.resolution.width !== before.resolution.width || body.resolution.height !== before.resolution.height) patch.resolution = body.resolution;
  if (body.currency !== before.currency) patch.currency = body.currency;
  if (p.budget !== undefined && body.budget !== before.budget) patch.budget = body.budget;
  return patch;
}

export function ProjectSettingsForm() {
  const { project, update } = useProject();
  const [draft, setDraft] = useState(() => draftOf(project));
  const [saved, setSaved] = useState(false);
  const patch = patchOf(project, draft);
  const dirty = Object.keys(patch).length > 0;
  const save = useAction(() => api.updateProject({ params: { projectId: project.id }, body: patch }));
  const change = (p: Partial<SettingsDraft>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...p }));
  };

  return (
    <Form
      label="Project settings"
      error={save.error}
      onSubmit={async () => {
        const detail = await save.run();
        if (!detail) return;
        update(detail);
        setDraft(draftOf(detail.project));
        setSaved(true);
      }}
    >
      <div className="field-row">
        <Field label="Name" name="name">
          <Input value={draft.name} onChange={(e) => change({ name: e.target.value })} />
        </Field>
        <Field label="Code" name="code" hint="A project's code never changes." className="field-narrow">
          <Input mono value={project.code} readOnly disabled />
        </Field>
      </div>
      <PictureAndMoneyFields draft={draft} change={change} showBudget={project.budget !== undefined} />
      <FormError />
      {saved && !dirty && <Banner tone="ok">Settings saved.</Banner>}
      <FormActions>
        <Button type="submit" variant="primary" pending={save.pending} disabled={!dirty}>
          Save settings
        </Button>
        {dirty && (
          <Button variant="ghost" onClick={() => setDraft(draftOf(project))}>
            Discard changes
          </Button>
        )}
      </FormActions>
    </Form>
  );
}
