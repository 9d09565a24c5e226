/**
 * Each scene's budget within the project's: what is held for its takes in flight, spent and left,
 * with its bar; those who manage spend set or remove one in the row (an empty amount removes it),
 * the server's error shown on the row's field.
 */
import type { BudgetOverview } from '@backlot/contracts';
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { keys } from '../../shared/api/keys.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { useFieldError } from '../../shared/lib/use-field-error.ts';
import { messageOf } from '../../shared/lib/errors.ts';
import { Button } from '../../shared/ui/button.tsx';
import { BudgetBar } from './budget-bar.tsx';

type SceneStanding = BudgetOverview['scenes'][number];

function SceneBudgetCell({ projectId, scene }: { projectId: string; scene: SceneStanding }) {
  const [draft, setDraft] = useState(scene.budget ?? '');
  const save = useAction((budget: string | null) => api.setSceneBudget({ params: { projectId, sceneId: scene.sceneId }, body: { budget } }), { invalidates: [keys.spend.all(projectId)] });
  const { invalid, message, edited } = useFieldError(save.error, 'budget');
  const changed = draft.trim() !== (scene.budget ?? '');
  const label = `Budget of scene ${scene.number}`;
  return (
    <form
      className="inline-edit"
      aria-label={label}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save.run(draft.trim() === '' ? null : draft.trim());
      }}
    >
      <input
        className="input mono input-amount"
        inputMode="decimal"
        aria-label={label}
        aria-invalid={invalid || undefined}
        placeholder="none"
        value={draft}
        onChange={(e) => (edited(), setDraft(e.target.value))}
      />
      <Button small type="submit" pending={save.pending} disabled={!changed}>
        {draft.trim() === '' && scene.budget !== null ? 'Remove' : 'Set'}
      </Button>
      {invalid ? (
        <div className="field-error" role="alert">
          {message}
        </div>
      ) : save.error ? (
        <div className="field-error" role="alert">
          {messageOf(save.error)}
        </div>
      ) : null}
    </form>
  );
}

export function SceneBudgets({ projectId, overview, mayManage }: { projectId: string; overview: BudgetOverview; mayManage: boolean }) {
  const cur = overview.currency;
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Scene budgets">
        <thead>
          <tr>
            <th scope="col">Scene</th>
            <th scope="col" className="num">
              Budget ({cur})
            </th>
            <th scope="col" className="num">
              Reserved now
            </th>
            <th scope="col" className="num">
              Spent
            </th>
            <th scope="col" className="num">
              Left
            </th>
            <th scope="col">Used</th>
            <th scope="col">Set by</th>
          </tr>
        </thead>
        <tbody>
          {overview.scenes.map((s) => (
            <tr key={s.sceneId} aria-label={`Scene ${s.number}`}>
              <th scope="row">
                <span className="mono">{s.number}</span> {s.heading}
              </th>
              <td className="num">{mayManage ? <SceneBudgetCell projectId={projectId} scene={s} key={s.budget ?? ''} /> : <span className="mono">{s.budget ?? '—'}</span>}</td>
              <td className="num mono">{s.held}</td>
              <td className="num mono">{s.spent}</td>
              <td className="num mono">{s.remaining ?? '—'}</td>
              <td>
                {s.budget === null ? (
                  <span className="faint">from the project’s budget</span>
                ) : (
                  <BudgetBar bar={{ budget: s.budget, held: s.held, spent: s.spent }} currency={cur} label={`Budget of scene ${s.number}`} />
                )}
              </td>
              <td className="muted">{s.setBy ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
