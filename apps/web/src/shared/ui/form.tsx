/**
 * Forms that show the server's error in place: beside every field it names (`error.problems`, else
 * `error.field`) until that field is changed, or above the buttons when it names none. Enter in any
 * field submits.
 */
import { createContext, useContext, useId, useRef, type FormEvent, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { errorMatchesField, fieldOf, messageOf } from '../lib/errors.ts';
import { useFieldError } from '../lib/use-field-error.ts';
import { Banner } from './banner.tsx';

interface FormState {
  error: unknown;
  /** Names of the fields on this form, so an error for one of them is not repeated at the bottom. */
  fields: Set<string>;
}
const FormContext = createContext<FormState>({ error: null, fields: new Set() });

interface FieldState {
  id: string;
  describedBy?: string;
  invalid: boolean;
  /** The member changed the control: its error no longer applies. */
  edited: () => void;
}
const FieldContext = createContext<FieldState | null>(null);

export function Form({ error, onSubmit, children, className, label }: { error: unknown; onSubmit: () => void; children: ReactNode; className?: string; label?: string }) {
  const fields = useRef(new Set<string>()).current;
  return (
    <FormContext.Provider value={{ error, fields }}>
      <form
        className={className ?? 'form'}
        aria-label={label}
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        {children}
      </form>
    </FormContext.Provider>
  );
}

/** A labelled control; shows the error for `name` under it until the control is changed. */
export function Field({ label, name, hint, children, className }: { label: string; name: string; hint?: ReactNode; children: ReactNode; className?: string }) {
  const { error, fields } = useContext(FormContext);
  fields.add(name);
  const id = useId();
  const { invalid, message, edited } = useFieldError(error, name);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = invalid ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['field', invalid ? 'field-invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <FieldContext.Provider value={{ id, describedBy, invalid, edited }}>{children}</FieldContext.Provider>
      {invalid && (
        <div id={errorId} className="field-error" role="alert">
          {message}
        </div>
      )}
      {hint && (
        <div id={hintId} className="field-hint">
          {hint}
        </div>
      )}
    </div>
  );
}

function useFieldProps() {
  const field = useContext(FieldContext);
  return field ? { id: field.id, 'aria-describedby': field.describedBy, 'aria-invalid': field.invalid || undefined } : {};
}

/** A change handler that also tells the field its error no longer applies. */
function useEdited<E>(onChange: ((e: E) => void) | undefined): (e: E) => void {
  const field = useContext(FieldContext);
  return (e) => {
    field?.edited();
    onChange?.(e);
  };
}

export function Input({ className, mono, onChange, ...rest }: InputHTMLAttributes<HTMLInputElement> & { mono?: boolean }) {
  const changed = useEdited(onChange);
  return <input className={['input', mono ? 'mono' : '', className ?? ''].filter(Boolean).join(' ')} {...useFieldProps()} {...rest} onChange={changed} />;
}

export function Select({ className, children, onChange, ...rest }: SelectHTMLAttributes<HTMLSelectElement>) {
  const changed = useEdited(onChange);
  return (
    <select className={['select', className ?? ''].filter(Boolean).join(' ')} {...useFieldProps()} {...rest} onChange={changed}>
      {children}
    </select>
  );
}

/** A multi-line control inside a Field (its error shows beside it, not again at the bottom). */
export function TextArea({ className, mono, onChange, ...rest }: TextareaHTMLAttributes<HTMLTextAreaElement> & { mono?: boolean }) {
  const changed = useEdited(onChange);
  return <textarea className={['input', 'textarea', mono ? 'mono' : '', className ?? ''].filter(Boolean).join(' ')} {...useFieldProps()} {...rest} onChange={changed} />;
}

/** The form's error when it names no field shown on the form. */
export function FormError() {
  const { error, fields } = useContext(FormContext);
  if (!error) return null;
  const field = fieldOf(error);
  if (field && [...fields].some((name) => errorMatchesField(error, name))) return null;
  return <Banner tone="error">{messageOf(error)}</Banner>;
}

export function FormActions({ children }: { children: ReactNode }) {
  return <div className="form-actions">{children}</div>;
}
