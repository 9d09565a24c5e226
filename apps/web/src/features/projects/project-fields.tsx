/** The picture and money settings of a project, shared by the create dialog and the settings page. */
import { FRAME_RATES } from '@backlot/contracts';
import { dropFrameAllowed, rateLabel } from '../../shared/lib/format.ts';
import { Field, Input, Select } from '../../shared/ui/form.tsx';

/** What the form holds: numbers stay text until sent, so a half-typed value is not lost. */
export interface SettingsDraft {
  name: string;
  frameRate: string;
  timecodeMode: 'ndf' | 'df';
  width: string;
  height: string;
  currency: string;
  budget: string;
}

export const NEW_PROJECT_DRAFT: SettingsDraft = { name: '', frameRate: '24/1', timecodeMode: 'ndf', width: '1920', height: '1080', currency: 'USD', budget: '0' };

/** The body fields the API takes for these settings. */
export function settingsBody(d: SettingsDraft) {
  return {
    name: d.name,
    frameRate: d.frameRate as (typeof FRAME_RATES)[number],
    timecodeMode: d.timecodeMode,
    resolution: { width: Number(d.width), height: Number(d.height) },
    currency: d.currency,
    budget: d.budget.trim(),
  };
}

interface Props {
  draft: SettingsDraft;
  change: (patch: Partial<SettingsDraft>) => void;
  /** Members who may not read spend never see the budget. */
  showBudget: boolean;
}

export function PictureAndMoneyFields({ draft, change, showBudget }: Props) {
  return (
    <>
      <div className="field-row">
        <Field label="Frame rate" name="frameRate">
          <Select
            value={draft.frameRate}
            onChange={(e) => {
              const frameRate = e.target.value;
              change({ frameRate, timecodeMode: dropFrameAllowed(frameRate) ? draft.timecodeMode : 'ndf' });
            }}
          >
            {FRAME_RATES.map((r) => (
              <option key={r} value={r}>
                {rateLabel(r)} ({r})
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Timecode" name="timecodeMode" hint={dropFrameAllowed(draft.frameRate) ? undefined : 'Drop-frame exists only at 29.97 and 59.94.'}>
          <Select value={draft.timecodeMode} onChange={(e) => change({ timecodeMode: e.target.value as 'ndf' | 'df' })}>
            <option value="ndf">Non-drop-frame (NDF)</option>
            <option value="df" disabled={!dropFrameAllowed(draft.frameRate)}>
              Drop-frame (DF)
            </option>
          </Select>
        </Field>
      </div>
      <div className="field-row">
        <Field label="Width" name="resolution.width" className="field-narrow">
          <Input mono inputMode="numeric" value={draft.width} onChange={(e) => change({ width: e.target.value })} />
        </Field>
        <span className="field-times" aria-hidden>
          ×
        </span>
        <Field label="Height" name="resolution.height" className="field-narrow">
          <Input mono inputMode="numeric" value={draft.height} onChange={(e) => change({ height: e.target.value })} />
        </Field>
      </div>
      <div className="field-row">
        <Field label="Currency" name="currency" className="field-narrow">
          <Input mono maxLength={3} value={draft.currency} onChange={(e) => change({ currency: e.target.value.toUpperCase() })} />
        </Field>
        {showBudget && (
          <Field label="Budget" name="budget" hint="In the project's currency, e.g. 25000.00">
            <Input mono inputMode="decimal" value={draft.budget} onChange={(e) => change({ budget: e.target.value })} />
          </Field>
        )}
      </div>
    </>
  );
}
