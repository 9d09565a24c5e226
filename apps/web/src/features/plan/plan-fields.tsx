/**
 * Every field of a shot plan in the crew's words: story, camera, world, review. Used by the plan
 * editor and by a coverage draft opened for editing. Read-only shows the same layout, unchangeable.
 */
import type { ShotPlan } from '@backlot/contracts';
import { Field, Select } from '../../shared/ui/form.tsx';
import { DurationField } from './duration-field.tsx';
import { ListEditor } from './list-editor.tsx';
import { ASPECTS, CAMERA_CHOICES } from '../../shared/production/plan-words.ts';
import { TextAreaField } from '../../shared/ui/text-area-field.tsx';

export interface PlanFieldsProps {
  plan: ShotPlan;
  onChange: (plan: ShotPlan) => void;
  readOnly?: boolean;
  /** The project's frame rate (e.g. 24000/1001): durations are kept in frames at it. */
  rate: string;
  /** The project's aspect, used when the plan sets none. */
  projectAspect: string;
  /** The last error from the server; the field it names shows it. */
  error?: unknown;
  /** Called while the typed duration is not (or again is) a duration. */
  onDurationValidity?: (valid: boolean) => void;
  /** Path of the plan in the request body, so `plan.job` errors land on the job field. */
  prefix?: string;
}

export function PlanFields({ plan, onChange, readOnly, rate, projectAspect, error, onDurationValidity, prefix = 'plan' }: PlanFieldsProps) {
  const set = (patch: Partial<ShotPlan>) => onChange({ ...plan, ...patch });
  const name = (field: string) => `${prefix}.${field}`;
  const customAspect = plan.aspect && !ASPECTS.some((a) => a.value === plan.aspect) ? plan.aspect : null;

  return (
    <div className="plan-fields">
      <fieldset className="plan-group">
        <legend className="plan-group-title">Story</legend>
        <TextAreaField
          label="Scene purpose"
          name={name('scenePurpose')}
          error={error}
          rows={2}
          readOnly={readOnly}
          value={plan.scenePurpose}
          maxLength={2000}
          placeholder="What the scene does for the story"
          onChange={(e) => set({ scenePurpose: e.target.value })}
        />
        <TextAreaField
          label="Shot job"
          name={name('job')}
          error={error}
          rows={2}
          readOnly={readOnly}
          value={plan.job}
          maxLength={1000}
          placeholder="What this shot must do for the scene, e.g. establish the patio and the men's boredom"
          onChange={(e) => set({ job: e.target.value })}
        />
        <TextAreaField
          label="Subject and action"
          name={name('subjectAction')}
          error={error}
          rows={3}
          readOnly={readOnly}
          value={plan.subjectAction}
          maxLength={2000}
          placeholder="Who or what is in frame, and what they do"
          onChange={(e) => set({ subjectAction: e.target.value })}
        />
      </fieldset>

      <fieldset className="plan-group">
        <legend className="plan-group-title">Camera</legend>
        <div className="camera-grid">
          {CAMERA_CHOICES.map((c) => (
            <Field key={c.key} label={c.label} name={name(`camera.${c.key}`)}>
              <Select value={plan.camera[c.key] ?? ''} disabled={readOnly} onChange={(e) => set({ camera: { ...plan.camera, [c.key]: e.target.value || null } })}>
                <option value="">not decided</option>
                {c.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.name}
                  </option>
                ))}
              </Select>
            </Field>
          ))}
        </div>
      </fieldset>

      <fieldset className="plan-group">
        <legend className="plan-group-title">World and constraints</legend>
        <TextAreaField
          label="Environment"
          name={name('environment')}
          error={error}
          rows={2}
          readOnly={readOnly}
          value={plan.environment}
          maxLength={2000}
          placeholder="Location details that may not change from shot to shot"
          onChange={(e) => set({ environment: e.target.value })}
        />
        <div className="field-row field-row-top">
          <ListEditor
            label="Must not appear"
            name={name('constraints.mustNotAppear')}
            error={error}
            items={plan.constraints.mustNotAppear}
            readOnly={readOnly}
            placeholder="e.g. modern cars"
            empty="Nothing ruled out yet."
            onChange={(mustNotAppear) => set({ constraints: { ...plan.constraints, mustNotAppear } })}
          />
          <ListEditor
            label="Must not drift"
            name={name('constraints.mustNotDrift')}
            error={error}
            items={plan.constraints.mustNotDrift}
            readOnly={readOnly}
            placeholder="e.g. Brick's grey stubble"
            empty="Nothing to hold steady yet."
            onChange={(mustNotDrift) => set({ constraints: { ...plan.constraints, mustNotDrift } })}
          />
        </div>
      </fieldset>

      <fieldset className="plan-group">
        <legend className="plan-group-title">Review</legend>
        <ListEditor
          label="Review criteria"
          name={name('reviewCriteria')}
          error={error}
          checklist
          items={plan.reviewCriteria}
          readOnly={readOnly}
          placeholder="e.g. both beers stay in frame"
          empty="No criteria yet: a take is judged against these in review."
          onChange={(reviewCriteria) => set({ reviewCriteria })}
        />
        <div className="field-row field-row-top">
          <DurationField
            name={name('targetFrames')}
            frames={plan.targetFrames}
            rate={rate}
            readOnly={readOnly}
            error={error}
            onChange={(targetFrames, valid) => {
              onDurationValidity?.(valid);
              if (valid) set({ targetFrames });
            }}
          />
          <Field label="Aspect" name={name('aspect')}>
            <Select value={plan.aspect ?? ''} disabled={readOnly} onChange={(e) => set({ aspect: e.target.value || null })}>
              <option value="">the project's ({projectAspect})</option>
              {ASPECTS.map((a) => (
                <option key={a.value} value={a.value}>
                  {a.name}
                </option>
              ))}
              {customAspect && <option value={customAspect}>{customAspect}</option>}
            </Select>
          </Field>
        </div>
      </fieldset>
    </div>
  );
}
