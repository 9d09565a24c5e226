/**
 * Suggested coverage for a scene: each draft shot with why it is suggested. Accept makes the
 * shot, Edit opens its plan first, Drop forgets it. Nothing is saved until a draft is accepted.
 */
import type { CoverageDraft, Scene, Shot, ShotPlan } from '@backlot/contracts';
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { messageOf } from '../../shared/lib/errors.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { touchedByPlanChange } from '../../shared/api/keys.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { useProject } from '../../shared/project/project-context.ts';
import { PlanFields } from './plan-fields.tsx';
import { cameraName } from '../../shared/production/plan-words.ts';

type DraftState = { draft: CoverageDraft; state: 'open' | 'dropped' } | { draft: CoverageDraft; state: 'accepted'; code: string };

export interface CoverageDialogProps {
  scene: Scene;
  onClose: () => void;
  /** A draft became a shot. */
  onAccepted?: (shot: Shot) => void;
}

export function CoverageDialog({ scene, onClose, onAccepted }: CoverageDialogProps) {
  const { project } = useProject();
  const [useAssistant, setUseAssistant] = useState(false);
  const [drafts, setDrafts] = useState<DraftState[]>();
  const [editing, setEditing] = useState<{ index: number; plan: ShotPlan }>();
  const [problem, setProblem] = useState<unknown>(null);
  const params = { projectId: project.id, sceneId: scene.id };

  const draft = useAction(() => api.draftCoverage({ params, body: useAssistant ? { useAssistant: true } : {} }));
  const [result, setResult] = useState<Awaited<ReturnType<typeof api.draftCoverage>>>();
  const accept = useAction(
    async (indexes: number[], plans?: Map<number, ShotPlan>) => {
      setProblem(null);
      for (const i of indexes) {
        const d = drafts![i];
        try {
          const shot = await api.createShot({ params, body: { plan: plans?.get(i) ?? d.draft.plan } });
          // The shot as made: an edited plan replaces the draft's, so the summary says what was added.
          setDrafts((all) => all!.map((x, j) => (j === i ? { draft: { ...x.draft, plan: plans?.get(i) ?? x.draft.plan }, state: 'accepted', code: shot.code } : x)));
          onAccepted?.(shot);
        } catch (err) {
          setProblem(err);
          return false;
        }
      }
      return true;
    },
    { invalidates: touchedByPlanChange(project.id) },
  );

  const run = async () => {
    const r = await draft.run();
    if (!r) return;
    setResult(r);
    setDrafts(r.drafts.map((d) => ({ draft: d, state: 'open' })));
    setEditing(undefined);
  };

  const open = drafts?.flatMap((d, i) => (d.state === 'open' ? [i] : [])) ?? [];

  return (
    <Dialog
      title={`Draft coverage for scene ${scene.number}`}
      onClose={onClose}
      wide
      footer={
        <>
          <Button onClick={onClose}>{drafts && open.length === 0 ? 'Done' : 'Close'}</Button>
          {drafts && open.length > 1 && !editing && (
            <Button variant="primary" pending={accept.pending} onClick={() => void accept.run(open)}>
              Accept all {open.length}
            </Button>
          )}
        </>
      }
    >
      <p className="muted">
        {scene.heading}
        {scene.beat ? ` — ${scene.beat}` : ''}
      </p>
      <div className="coverage-ask">
        <label className="toggle">
          <input type="checkbox" checked={useAssistant} onChange={(e) => setUseAssistant(e.target.checked)} />
          Use the shot-list assistant
        </label>
        <Button variant={drafts ? 'plain' : 'primary'} pending={draft.pending} onClick={() => void run()}>
          {drafts ? 'Draft again' : 'Draft shots'}
        </Button>
      </div>
      {!drafts && !draft.error && <p className="field-hint">Suggestions from the scene's heading, beat and characters. Nothing is added until you accept a draft.</p>}
      {draft.error ? <Banner tone="error">{messageOf(draft.error)}</Banner> : null}
      {result?.notice && <Banner tone="warn">{result.notice}</Banner>}
      {problem ? <Banner tone="error">{messageOf(problem)}</Banner> : null}
      {drafts && drafts.length === 0 && <p className="muted">No drafts for this scene: add its shots by hand from the shot list.</p>}
      {drafts && drafts.length > 0 && (
        <>
          <div className="field-hint">
            {result?.source === 'assistant' ? 'Drafted by the shot-list assistant.' : 'Drafted from coverage rules.'} {open.length} of {drafts.length} still to decide.
          </div>
          <ol className="draft-list" aria-label="Coverage drafts">
            {drafts.map((d, i) => {
              // The summary follows the plan being edited.
              const plan = editing?.index === i ? editing.plan : d.draft.plan;
              return (
                <li key={i} className={`draft draft-${d.state}`} aria-label={d.draft.label}>
                  <div className="draft-head">
                    <div>
                      <div className="draft-label">{d.draft.label}</div>
                      <div className="draft-reason">{d.draft.reason}</div>
                      <fieldset className="draft-camera fieldset-bare" aria-label="Summary">
                        <span className="mono">{plan.camera.size ?? '—'}</span> · {cameraName('movement', plan.camera.movement)} · {plan.job || 'no job yet'}
                      </fieldset>
                    </div>
                    <div className="draft-actions">
                      {d.state === 'accepted' && (
                        <span className="ok-text">
                          ✓ added as <span className="mono">{d.code}</span>
                        </span>
                      )}
                      {d.state === 'dropped' && (
                        <>
                          <span className="muted">dropped</span>
                          <Button small variant="ghost" onClick={() => setDrafts((all) => all!.map((x, j) => (j === i ? { draft: x.draft, state: 'open' } : x)))}>
                            Undo
                          </Button>
                        </>
                      )}
                      {d.state === 'open' && editing?.index !== i && (
                        <>
                          <Button small variant="primary" aria-label={`Accept ${d.draft.label}`} disabled={accept.pending} onClick={() => void accept.run([i])}>
                            Accept
                          </Button>
                          <Button small aria-label={`Edit ${d.draft.label}`} onClick={() => setEditing({ index: i, plan: d.draft.plan })}>
                            Edit
                          </Button>
                          <Button
                            small
                            variant="ghost"
                            aria-label={`Drop ${d.draft.label}`}
                            onClick={() => setDrafts((all) => all!.map((x, j) => (j === i ? { draft: x.draft, state: 'dropped' } : x)))}
                          >
                            Drop
                          </Button>
                        </>
                      )}
                    </div>
                  </div>
                  {editing?.index === i && d.state === 'open' && (
                    <div className="draft-edit">
                      <PlanFields plan={editing.plan} onChange={(plan) => setEditing({ index: i, plan })} rate={project.frameRate} projectAspect={project.aspect} error={problem} />
                      <div className="form-actions">
                        <Button onClick={() => setEditing(undefined)}>Cancel</Button>
                        <Button
                          variant="primary"
                          pending={accept.pending}
                          onClick={async () => {
                            if (await accept.run([i], new Map([[i, editing.plan]]))) setEditing(undefined);
                          }}
                        >
                          Create shot
                        </Button>
                      </div>
                    </div>
                  )}
                </li>
              );
            })}
          </ol>
        </>
      )}
    </Dialog>
  );
}
