/** A link or secret shown once, in a read-only field with a copy button. */
import { useId } from 'react';
import { CopyButton } from './copy-button.tsx';

export function OneTimeSecret({ label, value, copyLabel }: { label: string; value: string; copyLabel?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div className="secret-row">
        <input id={id} className="input mono" readOnly value={value} onFocus={(e) => e.currentTarget.select()} />
        <CopyButton text={value} label={copyLabel} />
      </div>
    </div>
  );
}
