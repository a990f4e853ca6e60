/**
 * The only error shape that crosses a door (IPC, HTTP, CLI). Never a stack trace. Defined here,
 * below the contract (which re-exports it), so every layer of the core raises the same error.
 * `field` names the input field (dotted path) or spreadsheet column at fault.
 */
export type ApiErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'rule_violation'
  | 'conflict'
  | 'refused'
  | 'in_use'
  | 'io_error'
  | 'cancelled'
  | 'internal';

/** One input field at fault, and what is wrong with it (the message without the field's key). */
export interface FieldIssue {
  field: string;
  message: string;
}

export interface ApiErrorBody {
  code: ApiErrorCode;
  message: string;
  field?: string;
  /**
   * Where more than one input field is at fault: each, the first being `field` (a form says each
   * beside its field at once, rather than one a Save). Absent where one field or none is.
   */
  issues?: FieldIssue[];
}

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly field: string | undefined;
  readonly issues: FieldIssue[] | undefined;
  constructor(code: ApiErrorCode, message: string, field?: string, issues?: FieldIssue[]) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.field = field;
    this.issues = issues && issues.length > 1 ? issues : undefined;
  }
  toJSON(): ApiErrorBody {
    const body: ApiErrorBody = { code: this.code, message: this.message };
    if (this.field !== undefined) body.field = this.field;
    if (this.issues) body.issues = this.issues;
    return body;
  }
}

export const isApiErrorBody = (value: unknown): value is ApiErrorBody =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as ApiErrorBody).code === 'string' &&
  typeof (value as ApiErrorBody).message === 'string';

/** SQLite's code of an error (better-sqlite3 gives the extended one: SQLITE_BUSY_SNAPSHOT), or ''. */
const sqliteCode = (e: unknown): string => {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
};

/**
 * Whether SQLite refused because another connection holds a lock (SQLITE_BUSY, SQLITE_LOCKED and
 * their extended codes): a file in use, never a damaged one. The one test of it: every door
 * (a method's answer, opening, checking and restoring a file) words a lock as a lock.
 */
export const isLockedFault = (e: unknown): boolean => /^SQLITE_(BUSY|LOCKED)(_|$)/.test(sqliteCode(e));

/**
 * SQLite's refusals as the user is told them, whichever process met them (the app's, or an import
 * worker's commit): null for any other error.
 */
export function storageRefusal(e: unknown): ApiError | null {
  if (isLockedFault(e)) {
    return new ApiError('in_use', 'The database is in use by another program; try again in a moment.');
  }
  const code = sqliteCode(e);
  if (code === 'SQLITE_FULL') return new ApiError('io_error', 'The disk is full: nothing was saved.');
  // Its extended codes say why (a hot journal it may not roll back, a folder it may not write).
  if (/^SQLITE_READONLY(_|$)/.test(code)) {
    return new ApiError('io_error', 'The database file is read-only: nothing was saved.');
  }
  return null;
}
