/** What a driver error means for Backlot: worth running the transaction again, a taken name or number, or neither. */
import type { ErrorCode } from '@backlot/contracts';
import { DomainError } from '../../domain/errors.ts';

interface DriverError {
  code?: unknown;
  message?: unknown;
  table?: unknown;
  detail?: unknown;
}

const asDriverError = (err: unknown): DriverError => (typeof err === 'object' && err !== null ? (err as DriverError) : {});

/**
 * A failure that says nothing about the work itself, only about when it ran: a PostgreSQL deadlock
 * (40P01) or serialization failure (40001), or SQLite busy past its timeout. The database has
 * rolled the transaction back, so running it again from the start is safe.
 */
export function isTransient(err: unknown): boolean {
  const { code } = asDriverError(err);
  return code === '40P01' || code === '40001' || (typeof code === 'string' && code.startsWith('SQLITE_BUSY'));
}

/** A unique key that people choose or that Backlot allocates, and the error a user can act on when it is taken. */
interface UniqueKey {
  table: string;
  columns: string[];
  code: ErrorCode;
  field?: string;
  message: string;
}

const UNIQUE_KEYS: UniqueKey[] = [
  { table: 'accounts', columns: ['email'], code: 'account.email_taken', field: 'email', message: 'An account with this email already exists.' },
  { table: 'projects', columns: ['code'], code: 'project.code_taken', field: 'code', message: 'This code is already used by another project.' },
  { table: 'project_members', columns: ['project_id', 'account_id'], code: 'member.exists', message: 'This account is already a member of the project.' },
  { table: 'scenes', columns: ['project_id', 'number'], code: 'scene.number_taken', field: 'number', message: 'A scene with this number already exists in the project.' },
  { table: 'shots', columns: ['project_id', 'code'], code: 'shot.code_taken', field: 'code', message: 'This code is already used by another shot.' },
  { table: 'take_filters', columns: ['project_id', 'account_id', 'name'], code: 'take_filter.name_taken', field: 'name', message: 'You already have a saved search with this name.' },
  { table: 'assets', columns: ['project_id', 'kind', 'name'], code: 'asset.name_taken', field: 'name', message: 'There is already a reference of this kind with this name.' },
  { table: 'comfy_workflows', columns: ['project_id', 'name'], code: 'workflow.name_taken', field: 'name', message: 'The project already has a ComfyUI workflow with this name.' },
  {
    table: 'comfy_workflow_versions',
    columns: ['workflow_id', 'version'],
    code: 'workflow.stale',
    field: 'baseVersion',
    message: 'Someone saved a newer version of this workflow at the same moment; reload it and edit again.',
  },
  // Dailies (issue 15): a take is on a playlist once.
  { table: 'dailies_items', columns: ['session_id', 'take_id'], code: 'dailies.take_in_playlist', field: 'takeIds', message: 'That take is already on the playlist.' },
  {
    table: 'shot_plan_versions',
    columns: ['shot_id', 'version'],
    code: 'plan.stale',
    field: 'baseVersion',
    message: 'Someone saved a newer version of this plan meanwhile; reload to see it before saving.',
  },
];

/** The table and columns of a unique violation: PostgreSQL 23505 names them in `table` and `detail`, SQLite in its message. */
function violatedKey(err: unknown): { table: string; columns: string[] } | undefined {
  const e = asDriverError(err);
  if (e.code === '23505' && typeof e.table === 'string' && typeof e.detail === 'string') {
    const m = /^Key \(([^)]*)\)=/.exec(e.detail);
    return m ? { table: e.table, columns: m[1].split(',').map((c) => c.trim().replace(/^"|"$/g, '')) } : undefined;
  }
  if ((e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') && typeof e.message === 'string') {
    const m = /constraint failed: (.+)$/.exec(e.message);
    if (!m) return undefined;
    const qualified = m[1].split(',').map((c) => c.trim());
    const table = qualified[0].split('.')[0];
    return { table, columns: qualified.map((c) => c.slice(c.indexOf('.') + 1)) };
  }
  return undefined;
}

/**
 * The domain error for a unique violation on a key people act on (two people took the same
 * number or name at once), or undefined for any other error, which stays what it is.
 */
export function takenError(err: unknown): DomainError | undefined {
  const key = violatedKey(err);
  if (!key) return undefined;
  const known = UNIQUE_KEYS.find((k) => k.table === key.table && k.columns.length === key.columns.length && k.columns.every((c) => key.columns.includes(c)));
  return known && new DomainError(known.code, known.message, known.field);
}
