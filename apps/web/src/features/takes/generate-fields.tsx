/** The settings of a generation: model, length in frames (seconds beside), aspect, resolution, seed, sound, prompt addition, number of takes. */
import type { ModelCapabilities, Shot } from '@backlot/contracts';
import { durationLabel, framesToSeconds, secondsLabel } from '../../shared/lib/format.ts';
import { Field, Input, Select } from '../../shared/ui/form.tsx';
import { TextAreaField } from '../../shared/ui/text-area-field.tsx';
import type { GenerateDraft } from './generate-draft.ts';
import { durationsLabel, providerName } from '../../shared/production/take-words.ts';

export interface GenerateFieldsProps {
  draft: GenerateDraft;
  change: (patch: Partial<GenerateDraft>) => void;
  models: ModelCapabilities[];
  model?: ModelCapabilities;
  shot: Shot;
  frameRate: string;
  projectAspect: string;
  error: unknown;
  /** The takes as set up cost nothing (the server's estimate is zero). */
  free?: boolean;
}

/** Models grouped by provider, in the order the server lists them. */
function byProvider(models: ModelCapabilities[]): [string, ModelCapabilities[]][] {
  const groups = new Map<string, ModelCapabilities[]>();
  for (const m of models) groups.set(m.provider, [...(groups.get(m.provider) ?? []), m]);
  return [...groups];
}

export function GenerateFields({ draft, change, models, model, shot, frameRate, projectAspect, error, free }: GenerateFieldsProps) {
  const frames = /^\d+$/.test(draft.durationFrames.trim()) ? Number(draft.durationFrames) : undefined;
  const planFrames = shot.plan.targetFrames;
  return (
    <>
      <Field
        label="Model"
        name="model"
        hint={
          model?.retired
            ? `${model.label} has been retired on this server; takes made with it keep their record.`
            : model && !model.available
              ? `${providerName(model.provider)} has no API key configured on this server; an admin adds one.`
              : !model
                ? undefined
                : free
                  ? 'Costs nothing.'
                  : `Charged in ${model.priceUnit}.`
        }
      >
        <Select
          value={`${draft.provider}/${draft.model}`}
          onChange={(e) => {
            const [provider, ...rest] = e.target.value.split('/');
            change({ provider, model: rest.join('/') });
          }}
        >
          {!model && <option value={`${draft.provider}/${draft.model}`}>{draft.model || 'Pick a model'}</option>}
          {byProvider(models).map(([provider, list]) => (
            <optgroup key={provider} label={providerName(provider)}>
              {list.map((m) => (
                <option key={m.model} value={`${m.provider}/${m.model}`} disabled={!m.available}>
                  {m.label}
                  {m.retired ? ' — retired' : m.available ? '' : ' — no API key configured'}
                </option>
              ))}
            </optgroup>
          ))}
        </Select>
      </Field>
      <div className="field-row">
        <Field
          label="Length (frames)"
          name="settings.durationFrames"
          hint={
            <>
              {frames ? secondsLabel(framesToSeconds(frames, frameRate)) : `plan: ${durationLabel(planFrames, frameRate)}`}
              {model && ` · renders ${durationsLabel(model.durationsSec)}`}
            </>
          }
        >
          <Input mono inputMode="numeric" placeholder={planFrames ? String(planFrames) : 'plan'} value={draft.durationFrames} onChange={(e) => change({ durationFrames: e.target.value })} />
        </Field>
        <Field label="Takes" name="count" className="field-number" hint="1–12">
          <Input mono type="number" min={1} max={12} value={draft.count} onChange={(e) => change({ count: e.target.value })} />
        </Field>
      </div>
      <div className="field-row">
        <Field label="Aspect" name="settings.aspectRatio">
          <Select value={draft.aspectRatio} onChange={(e) => change({ aspectRatio: e.target.value })}>
            <option value="">Plan’s ({shot.plan.aspect ?? projectAspect})</option>
            {[...new Set([...(model?.aspectRatios ?? []), ...(draft.aspectRatio ? [draft.aspectRatio] : [])])].map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Resolution" name="settings.resolution">
          <Select value={draft.resolution} onChange={(e) => change({ resolution: e.target.value })}>
            <option value="">Project’s</option>
            {[...new Set([...(model?.resolutions ?? []), ...(draft.resolution ? [draft.resolution] : [])])].map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <div className="field-row">
        <Field label="Seed" name="settings.seed" hint={model && !model.seed ? 'This model takes no seed.' : 'Empty: each take its own.'}>
          <Input mono inputMode="numeric" value={draft.seed} disabled={model && !model.seed && !draft.seed} onChange={(e) => change({ seed: e.target.value })} />
        </Field>
        <Field label="Sound" name="settings.generateAudio" hint={model && !model.audio ? 'This model makes no sound.' : undefined}>
          <Select value={draft.audio} onChange={(e) => change({ audio: e.target.value as GenerateDraft['audio'] })}>
            <option value="">Model’s default</option>
            <option value="on">With sound</option>
            <option value="off">Silent</option>
          </Select>
        </Field>
      </div>
      {model?.draft && (
        <label className="toggle">
          <input type="checkbox" name="settings.draft" checked={!!draft.draftMode} onChange={(e) => change({ draftMode: e.target.checked })} />
          Draft: a cheap 480p take; render the one you like as the final from its page within 7 days
        </label>
      )}
      <TextAreaField
        label="Prompt addition"
        name="settings.promptAddition"
        error={error}
        rows={2}
        maxLength={2000}
        placeholder="Words added to the prompt compiled from the plan"
        value={draft.promptAddition}
        onChange={(e) => change({ promptAddition: e.target.value })}
      />
    </>
  );
}
