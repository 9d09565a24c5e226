/**
 * The error a field shows: the problem the error names for it, until the member edits the field —
 * a message such as "is required" goes as soon as something is typed, and comes back only with the
 * next error.
 */
import { useState } from 'react';
import { errorMatchesField, fieldMessage } from './errors.ts';

export function useFieldError(error: unknown, name: string): { invalid: boolean; message: string; edited: () => void } {
  // The error the member has edited the field since; its message is no longer about what is there.
  const [editedSince, setEditedSince] = useState<unknown>(undefined);
  const invalid = !!error && editedSince !== error && errorMatchesField(error, name);
  return { invalid, message: invalid ? fieldMessage(error, name) : '', edited: () => setEditedSince(error) };
}
