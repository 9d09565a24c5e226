/** Domain errors: a stable dotted code, a sentence for people, and the field at fault. No HTTP here. */
import type { ErrorCode } from '@backlot/contracts';

/** A failure the user can act on. The HTTP edge maps `code` to a status. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    /** Every field at fault with what is wrong with it, when there are several. */
    readonly problems?: readonly FieldProblem[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** One field at fault (dotted, e.g. "settings.seed") and what is wrong with it, without the field's name. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** Throws a DomainError; reads well in guard clauses. */
export function fail(code: ErrorCode, message: string, field?: string): never {
  throw new DomainError(code, message, field);
}

/** Throws a DomainError naming every field at fault: the message lists them all, `field` is the first. */
export function failFields(code: ErrorCode, problems: readonly FieldProblem[]): never {
  const message = problems.map((p) => `${p.field}: ${p.message}`).join('; ');
  throw new DomainError(code, message, problems[0]?.field, problems);
}
