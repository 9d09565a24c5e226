/** A labelled multi-line field that shows the server's error for its name, like the one-line fields of ui/form. */
import { useId, type ReactNode, type TextareaHTMLAttributes } from 'react';
import { errorMatchesField, fieldMessage } from '../../lib/errors.ts';

export interface TextAreaFieldProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  label: string;
  name: string;
  error?: unknown;
  hint?: ReactNode;
}

export function TextAreaField({ label, name, error, hint, className, rows = 3, ...rest }: TextAreaFieldProps) {
  const id = useId();
  const invalid = errorMatchesField(error, name);
  const describedBy = [invalid ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['field', invalid ? 'field-invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <textarea id={id} name={name} rows={rows} className="input textarea" aria-invalid={invalid || undefined} aria-describedby={describedBy} {...rest} />
      {invalid && (
        <div id={`${id}-error`} className="field-error" role="alert">
          {fieldMessage(error)}
        </div>
      )}
      {hint && (
        <div id={`${id}-hint`} className="field-hint">
          {hint}
        </div>
      )}
    </div>
  );
}
