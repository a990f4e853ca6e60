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

export interface ApiErrorBody {
  code: ApiErrorCode;
  message: string;
  field?: string;
}

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly field: string | undefined;
  constructor(code: ApiErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.field = field;
  }
  toJSON(): ApiErrorBody {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

export const isApiErrorBody = (value: unknown): value is ApiErrorBody =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as ApiErrorBody).code === 'string' &&
  typeof (value as ApiErrorBody).message === 'string';
