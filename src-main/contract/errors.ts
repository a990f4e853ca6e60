/**
 * The error shape that crosses a door (IPC, HTTP, CLI), defined in domain/errors.ts so the core's
 * storage layer can raise it without importing the contract (db/ imports nothing from contract/).
 */
export {
  ApiError,
  isApiErrorBody,
  storageRefusal,
  type ApiErrorBody,
  type ApiErrorCode,
  type FieldIssue,
} from '../domain/errors.ts';
