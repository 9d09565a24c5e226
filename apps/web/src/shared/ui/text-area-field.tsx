/** A labelled multi-line field that shows the server's error for its name, like the one-line fields of ui/form. */
import { useId, type ReactNode, type TextareaHTMLAttributes } from 'react';
import { useFieldError } from '../lib/use-field-error.ts';

export interface TextAreaFieldProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  label: string;
  name: string;
  error?: unknown;
  hint?: ReactNode;
}

export function TextAreaField({ label, name, error, hint, className, rows = 3, onChange, ...rest }: TextAreaFieldProps) {
  const id = useId();
  // The error shows until the text is changed.
  const { invalid, message, edited } = useFieldError(error, name);
  const describedBy = [invalid ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['field', invalid ? 'field-invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        rows={rows}
        className="input textarea"
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        {...rest}
        onChange={(e) => {
          edited();
          onChange?.(e);
        }}
      />
      {invalid && (
        <div id={`${id}-error`} className="field-error" role="alert">
          {message}
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
