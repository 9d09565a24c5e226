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

/** A field at fault and what is wrong with it, without the field's name. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** Every field an error names with its problem: the server's list when it names several, else its one field. */
export function problemsOf(error: unknown): FieldProblem[] {
  if (!(error instanceof ApiError)) return [];
  if (error.problems?.length) return [...error.problems];
  const field = error.field;
  if (!field) return [];
  return [{ field, message: error.message.startsWith(`${field}: `) ? error.message.slice(field.length + 2) : error.message }];
}

const belongsTo = (field: string, name: string) => field === name || field.startsWith(`${name}.`);

/** Whether an error belongs to a field: the field itself or one of its parts, among every field it names. */
export function errorMatchesField(error: unknown, name: string): boolean {
  return problemsOf(error).some((p) => belongsTo(p.field, name));
}

/**
 * The message shown beside a field, without the "field: " prefix the server adds for schema
 * errors: the problem of the field `name` when given, else that of the field the error names first.
 */
export function fieldMessage(error: unknown, name?: string): string {
  const problems = problemsOf(error);
  const mine = name === undefined ? problems[0] : problems.find((p) => belongsTo(p.field, name));
  return mine?.message ?? messageOf(error);
}

/** Whether an error says the session has ended. */
export function isSignedOut(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

/** Whether an error says the thing does not exist (or is not visible to this member). */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}
