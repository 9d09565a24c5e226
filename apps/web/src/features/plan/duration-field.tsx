/**
 * Target duration, typed in seconds or frames and kept as whole frames at the project's rate
 * (frame-accurate: 4 s at 23.976 is 96 frames, which last 4.004 s). Shows both.
 */
import { useId, useState } from 'react';
import { errorMatchesField, fieldMessage } from '../../shared/lib/errors.ts';
import { framesToSeconds, rateLabel, secondsLabel, secondsToFrames } from '../../shared/lib/format.ts';

type Unit = 'seconds' | 'frames';

const MAX_FRAMES = 100_000;

function textOf(frames: number | null, unit: Unit, rate: string): string {
  if (!frames) return '';
  if (unit === 'frames') return String(frames);
  return String(Number(framesToSeconds(frames, rate).toFixed(3)));
}

/** Frames from what was typed: a number, null for empty, or a message saying what is wrong. */
function parse(text: string, unit: Unit, rate: string): number | null | string {
  const t = text.trim();
  if (!t) return null;
  if (unit === 'frames') {
    if (!/^\d+$/.test(t)) return 'Frames are whole numbers, like 96.';
    const n = Number(t);
    return n >= 1 && n <= MAX_FRAMES ? n : `Between 1 and ${MAX_FRAMES} frames.`;
  }
  const s = Number(t.replace(',', '.'));
  if (!Number.isFinite(s) || s <= 0) return 'Seconds are a number above zero, like 4 or 2.5.';
  const n = secondsToFrames(s, rate);
  if (n < 1) return 'That is shorter than one frame.';
  return n <= MAX_FRAMES ? n : `At most ${MAX_FRAMES} frames.`;
}

export interface DurationFieldProps {
  frames: number | null;
  rate: string;
  /** `valid` is false while the typed text is not a duration; the plan keeps its last good value. */
  onChange: (frames: number | null, valid: boolean) => void;
  readOnly?: boolean;
  error?: unknown;
  name: string;
}

export function DurationField({ frames, rate, onChange, readOnly, error, name }: DurationFieldProps) {
  const id = useId();
  const [unit, setUnit] = useState<Unit>('seconds');
  const [text, setText] = useState(() => textOf(frames, 'seconds', rate));
  const parsed = parse(text, unit, rate);
  const local = typeof parsed === 'string' ? parsed : null;
  const serverError = errorMatchesField(error, name) ? fieldMessage(error, name) : null;
  const shown = typeof parsed === 'number' ? parsed : frames;

  return (
    <div className={['field', local || serverError ? 'field-invalid' : ''].filter(Boolean).join(' ')}>
      <label htmlFor={id} className="field-label">
        Target duration
      </label>
      <div className="duration-row">
        <input
          id={id}
          className="input mono duration-input"
          inputMode="decimal"
          value={text}
          readOnly={readOnly}
          placeholder={unit === 'seconds' ? '4.0' : '96'}
          aria-invalid={local || serverError ? true : undefined}
          aria-describedby={`${id}-both`}
          onChange={(e) => {
            setText(e.target.value);
            const p = parse(e.target.value, unit, rate);
            if (typeof p === 'string') onChange(frames, false);
            else onChange(p, true);
          }}
        />
        <select
          className="select select-unit"
          aria-label="Duration unit"
          value={unit}
          disabled={readOnly}
          onChange={(e) => {
            const next = e.target.value as Unit;
            setUnit(next);
            setText(textOf(typeof parsed === 'number' ? parsed : frames, next, rate));
          }}
        >
          <option value="seconds">seconds</option>
          <option value="frames">frames</option>
        </select>
      </div>
      {(local || serverError) && (
        <div className="field-error" role="alert">
          {local ?? serverError}
        </div>
      )}
      <div id={`${id}-both`} className="field-hint mono">
        {shown ? `${shown} frames = ${secondsLabel(framesToSeconds(shown, rate))} at ${rateLabel(rate)}` : `Not set · stored in frames at ${rateLabel(rate)}`}
      </div>
    </div>
  );
}
