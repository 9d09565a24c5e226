/**
 * The plan form with its save bar: a note, "Save version N", and what happens when the server
 * refuses — a newer version saved by someone else (reload, never overwrite) or a locked plan.
 */
import { ApiError } from '@backlot/contracts/client';
import type { Shot, ShotPlan } from '@backlot/contracts';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { messageOf } from '../../shared/lib/errors.ts';
import { formatWhen } from '../../shared/lib/format.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { useProject } from '../../shared/project/project-context.ts';
import { PlanFields } from './plan-fields.tsx';

/** Who saved the version that made this edit stale. */
interface Stale {
  version: number;
  by: string;
  at: string;
}

const same = (a: ShotPlan, b: ShotPlan) => JSON.stringify(a) === JSON.stringify(b);

export interface PlanEditFormProps {
  shot: Shot;
  onSaved: (shot: Shot) => void;
  onDirty: (dirty: boolean) => void;
  /** Loads the shot again and starts the form over from it. */
  onReload: () => Promise<void>;
}

export function PlanEditForm({ shot, onSaved, onDirty, onReload }: PlanEditFormProps) {
  const { project, mayChange } = useProject();
  const editable = mayChange('plan.edit') && !shot.locked;
  const [draft, setDraft] = useState<ShotPlan>(shot.plan);
  // The version this edit started from: a save is refused if anyone saved after it.
  const [baseVersion, setBaseVersion] = useState(shot.planVersion);
  const [note, setNote] = useState('');
  const [durationValid, setDurationValid] = useState(true);
  const [stale, setStale] = useState<Stale>();
  const [saved, setSaved] = useState<number>();
  const dirty = !same(draft, shot.plan);
  const params = { projectId: project.id, shotId: shot.id };

  useEffect(() => onDirty(dirty), [dirty, onDirty]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const save = useAction(async () => {
    try {
      const next = await api.savePlan({ params, body: { plan: draft, baseVersion, note: note.trim() || undefined } });
      onSaved(next);
      setDraft(next.plan);
      setBaseVersion(next.planVersion);
      setNote('');
      setSaved(next.planVersion);
      return next;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'plan.stale') {
        const { versions } = await api.planVersions({ params });
        const newest = versions[0];
        setStale({ version: newest?.version ?? shot.planVersion, by: newest?.author.name ?? 'someone', at: newest?.at ?? '' });
        return undefined;
      }
      throw err;
    }
  });

  const canSave = editable && dirty && durationValid && !stale && !save.pending;
  const submit = () => {
    if (!canSave) return;
    setSaved(undefined);
    void save.run();
  };
  const submitRef = useRef(submit);
  submitRef.current = submit;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        submitRef.current();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <form
      className="plan-form"
      aria-label="Shot plan"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {shot.locked && (
        <Banner tone="warn">
          Locked by {shot.lockedBy ?? 'a member'}: the plan is read-only{mayChange('plan.edit') ? ' until it is unlocked.' : '.'}
        </Banner>
      )}
      {!mayChange('plan.edit') && !shot.locked && !project.closed && <Banner>You can read this plan; your role does not change plans.</Banner>}
      {stale && (
        <Banner
          tone="warn"
          action={
            <Button small variant="primary" onClick={() => void onReload()}>
              Reload version {stale.version}
            </Button>
          }
        >
          Someone saved version {stale.version} since you opened this ({stale.by}
          {stale.at ? `, ${formatWhen(stale.at)}` : ''}). Reload to see it before editing again; your changes here are not saved.
        </Banner>
      )}
      <PlanFields
        plan={draft}
        onChange={(p) => {
          setSaved(undefined);
          setDraft(p);
        }}
        readOnly={!editable}
        rate={project.frameRate}
        projectAspect={project.aspect}
        error={save.error}
        onDurationValidity={setDurationValid}
      />
      {editable && (
        <div className="save-bar">
          {save.error ? <Banner tone="error">{messageOf(save.error)}</Banner> : null}
          {saved && !dirty && <Banner tone="ok">Saved as version {saved}.</Banner>}
          <div className="save-row">
            <input
              className="input save-note"
              aria-label="Note for this version"
              placeholder="Note for this version (optional), e.g. tighter after the table read"
              maxLength={300}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
            <Button type="submit" variant="primary" pending={save.pending} disabled={!canSave} title={!durationValid ? 'The target duration is not a duration yet' : undefined}>
              Save version {shot.planVersion + 1}
            </Button>
            {dirty && (
              <Button variant="ghost" onClick={() => setDraft(shot.plan)}>
                Discard changes
              </Button>
            )}
          </div>
          {!dirty && !saved && <div className="field-hint">Change a field to save a new version. Ctrl+S saves.</div>}
        </div>
      )}
    </form>
  );
}
