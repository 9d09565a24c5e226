/** Adds a shot to a scene: its code (or the next free one), what it is for, and where it goes in the scene. */
import type { Scene, Shot } from '@backlot/contracts';
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { touchedByPlanChange } from '../../shared/api/keys.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { Field, Form, FormActions, FormError, Input, Select } from '../../shared/ui/form.tsx';
import { TextAreaField } from '../../shared/ui/text-area-field.tsx';

export interface AddShotDialogProps {
  projectId: string;
  scene: Scene;
  /** The scene's shots in order, to insert after one of them. */
  shots: Shot[];
  /** Preselects "after this shot" (the selected row). */
  afterShotId?: string;
  onClose: () => void;
  onAdded: (shot: Shot) => void;
}

export function AddShotDialog({ projectId, scene, shots, afterShotId, onClose, onAdded }: AddShotDialogProps) {
  const [code, setCode] = useState('');
  const [job, setJob] = useState('');
  const [subjectAction, setSubjectAction] = useState('');
  const [after, setAfter] = useState(afterShotId ?? '');
  const add = useAction(
    () =>
      api.createShot({
        params: { projectId, sceneId: scene.id },
        body: { code: code.trim() || undefined, afterShotId: after || undefined, plan: { job: job.trim(), subjectAction: subjectAction.trim() } },
      }),
    { invalidates: touchedByPlanChange(projectId) },
  );

  return (
    <Dialog title={`Add a shot to scene ${scene.number}`} onClose={onClose}>
      <Form
        label="Add a shot"
        error={add.error}
        onSubmit={async () => {
          const shot = await add.run();
          if (!shot) return;
          onAdded(shot);
          onClose();
        }}
      >
        <p className="muted">{scene.heading}</p>
        <div className="field-row">
          <Field label="Code" name="code" hint="Leave empty for the scene's next code." className="field-narrow-wide">
            <Input mono value={code} maxLength={32} onChange={(e) => setCode(e.target.value.toUpperCase())} placeholder="next free code" />
          </Field>
          <Field label="Place" name="afterShotId">
            <Select value={after} onChange={(e) => setAfter(e.target.value)}>
              <option value="">at the end of the scene</option>
              {shots.map((s) => (
                <option key={s.id} value={s.id}>
                  after {s.code}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <TextAreaField label="Shot job" name="plan.job" error={add.error} rows={2} value={job} onChange={(e) => setJob(e.target.value)} placeholder="What this shot must do for the scene" />
        <TextAreaField
          label="Subject and action"
          name="plan.subjectAction"
          error={add.error}
          rows={2}
          value={subjectAction}
          onChange={(e) => setSubjectAction(e.target.value)}
          placeholder="Who or what is in frame, and what they do"
        />
        <FormError />
        <FormActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" pending={add.pending}>
            Add shot
          </Button>
        </FormActions>
      </Form>
    </Dialog>
  );
}
