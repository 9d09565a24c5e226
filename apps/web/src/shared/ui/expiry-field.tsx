/**
 * The last day something covers (a consent, a licence), as a date field holding YYYY-MM-DD, and
 * whether a day typed there is already past (the form then asks before saving it).
 */
import type { ReactNode } from 'react';
import { todayIso } from '../lib/format.ts';
import { Field, Input } from './form.tsx';

/** Whether `day` is a whole date (YYYY-MM-DD) before today, in the viewer's calendar. */
export function isPastDay(day: string, today: string = todayIso()): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && day < today;
}

export interface ExpiryFieldProps {
  value: string;
  /** The day typed (empty while the field is cleared). */
  onChange: (day: string) => void;
  label?: string;
  /** The name the server's errors use for the field. */
  name?: string;
  hint?: ReactNode;
}

export function ExpiryField({ value, onChange, label = 'Expires on', name = 'expiresOn', hint = 'The last day it covers.' }: ExpiryFieldProps) {
  return (
    <Field label={label} name={name} hint={hint} className="field-narrow-wide">
      <Input type="date" value={value} onChange={(e) => onChange(e.target.value)} />
    </Field>
  );
}
