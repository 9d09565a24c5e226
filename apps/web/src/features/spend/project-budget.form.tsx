/** The project's budget: edited by those who manage spend (it is a project setting, audited), read by the rest. */
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { keys } from '../../shared/api/keys.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { useProject } from '../../shared/project/project-context.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { Field, Form, FormError, Input } from '../../shared/ui/form.tsx';

export function ProjectBudgetForm() {
  const { project, update } = useProject();
  const [budget, setBudget] = useState(project.budget ?? '');
  const [saved, setSaved] = useState(false);
  const save = useAction(() => api.updateProject({ params: { projectId: project.id }, body: { budget: budget.trim() } }), { invalidates: [keys.spend.all(project.id)] });
  return (
    <Form
      label="Project budget"
      className="form form-inline"
      error={save.error}
      onSubmit={async () => {
        const detail = await save.run();
        if (!detail) return;
        update(detail);
        setBudget(detail.project.budget ?? '');
        setSaved(true);
      }}
    >
      <Field label={`Project budget (${project.currency})`} name="budget" className="field-narrow">
        <Input mono inputMode="decimal" value={budget} onChange={(e) => (setSaved(false), setBudget(e.target.value))} />
      </Field>
      <Button type="submit" variant="primary" pending={save.pending} disabled={budget.trim() === project.budget}>
        Save budget
      </Button>
      <span className="field-hint">Requests whose estimate would pass it are refused.</span>
      <FormError />
      {saved && budget.trim() === project.budget && (
        <Banner tone="ok">
          Project budget saved: {project.budget} {project.currency}.
        </Banner>
      )}
    </Form>
  );
}
