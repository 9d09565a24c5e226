/**
 * A project's review settings: which decisions need a reason (reject, maybe, select, approve,
 * revoke), asked for in a dialog when a reviewer decides. Editable with project.edit_settings
 * (owners and producers); read as a line by the rest.
 */
import { REVIEW_DECISIONS, type ReviewDecision } from '@backlot/contracts';
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { Form, FormActions, FormError } from '../../shared/ui/form.tsx';
import { useProject } from '../../shared/project/project-context.ts';

const NAMES: Record<ReviewDecision, string> = { reject: 'Reject', maybe: 'Maybe', select: 'Select', approve: 'Approve', revoke: 'Revoke an approval' };

export function ReviewSettingsForm() {
  const { project, update } = useProject();
  const current = project.review.reasonRequiredFor;
  const [draft, setDraft] = useState<ReviewDecision[]>(current);
  const [saved, setSaved] = useState(false);
  const dirty = draft.length !== current.length || draft.some((d) => !current.includes(d));
  const save = useAction(() => api.updateProject({ params: { projectId: project.id }, body: { review: { reasonRequiredFor: draft } } }));
  return (
    <Form
      label="Review settings"
      error={save.error}
      onSubmit={async () => {
        const detail = await save.run();
        if (!detail) return;
        update(detail);
        setDraft(detail.project.review.reasonRequiredFor);
        setSaved(true);
      }}
    >
      <fieldset className="fieldset-plain">
        <legend className="field-label">Ask the reviewer for a reason when they…</legend>
        {REVIEW_DECISIONS.map((d) => (
          <label key={d} className="toggle">
            <input
              type="checkbox"
              checked={draft.includes(d)}
              onChange={(e) => {
                setSaved(false);
                setDraft((list) => REVIEW_DECISIONS.filter((x) => (x === d ? e.target.checked : list.includes(x))));
              }}
            />
            {NAMES[d]}
          </label>
        ))}
      </fieldset>
      <FormError />
      {saved && !dirty && <Banner tone="ok">Review settings saved.</Banner>}
      <FormActions>
        <Button type="submit" variant="primary" pending={save.pending} disabled={!dirty}>
          Save review settings
        </Button>
      </FormActions>
    </Form>
  );
}

export function ReviewSettingsFacts() {
  const asked = useProject().project.review.reasonRequiredFor;
  return <p className="muted">{asked.length ? `A reason is asked when a reviewer decides: ${asked.map((d) => NAMES[d].toLowerCase()).join(', ')}.` : 'No decision needs a reason.'}</p>;
}
