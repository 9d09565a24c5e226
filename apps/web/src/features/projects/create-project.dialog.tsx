/** Creates a project with its code and picture settings; its creator becomes its owner and it opens. */
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../../shared/api/client.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { Field, Form, FormActions, FormError, Input } from '../../shared/ui/form.tsx';
import { NEW_PROJECT_DRAFT, PictureAndMoneyFields, settingsBody, type SettingsDraft } from './project-fields.tsx';

export function CreateProjectDialog({ onClose }: { onClose: () => void }) {
  const navigate = useNavigate();
  const [draft, setDraft] = useState<SettingsDraft>(NEW_PROJECT_DRAFT);
  const [code, setCode] = useState('');
  const change = (patch: Partial<SettingsDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const create = useAction(() => api.createProject({ body: { ...settingsBody(draft), code: code.trim() } }));

  return (
    <Dialog title="New project" onClose={onClose} wide>
      <Form
        label="New project"
        error={create.error}
        onSubmit={async () => {
          const detail = await create.run();
          if (detail) navigate(`/projects/${detail.project.id}`);
        }}
      >
        <div className="field-row">
          <Field label="Name" name="name">
            <Input value={draft.name} onChange={(e) => change({ name: e.target.value })} placeholder="Night Shift" />
          </Field>
          <Field label="Code" name="code" hint="2–10 capitals or digits; fixed once made." className="field-narrow">
            <Input mono value={code} maxLength={10} onChange={(e) => setCode(e.target.value.toUpperCase())} placeholder="NIGHT" />
          </Field>
        </div>
        <PictureAndMoneyFields draft={draft} change={change} showBudget />
        <FormError />
        <FormActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" pending={create.pending}>
            Create project
          </Button>
        </FormActions>
      </Form>
    </Dialog>
  );
}
