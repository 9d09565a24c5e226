/** Domain errors: a stable dotted code, a sentence for people, and the field at fault. No HTTP here. */
import type { ErrorCode } from '@backlot/contracts';

/** A failure the user can act on. The HTTP edge maps `code` to a status. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Throws a DomainError; reads well in guard clauses. */
export function fail(code: ErrorCode, message: string, field?: string): never {
  throw new DomainError(code, message, field);
}
