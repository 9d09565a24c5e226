/** Turns what a call threw into words for the page, and matches an error to the form field it names. */
import { ApiError } from '@backlot/contracts/client';

/** The server's message, or a plain sentence when the server could not be reached. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return 'Backlot cannot be reached; check your connection and try again.';
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

/** The field an error names (e.g. "code", "resolution.width"), when it names one. */
export function fieldOf(error: unknown): string | undefined {
  return error instanceof ApiError ? error.field : undefined;
}

/** Whether an error belongs to a field: the field itself or one of its parts. */
export function errorMatchesField(error: unknown, name: string): boolean {
  const field = fieldOf(error);
  return !!field && (field === name || field.startsWith(`${name}.`));
}

/** The message shown beside its field, without the "field: " prefix the server adds for schema errors. */
export function fieldMessage(error: unknown): string {
  const field = fieldOf(error);
  const message = messageOf(error);
  return field && message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
}

/** Whether an error says the session has ended. */
export function isSignedOut(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

/** Whether an error says the thing does not exist (or is not visible to this member). */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}
