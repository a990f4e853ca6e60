import { ApiError } from '../../contract/errors.ts';

/** A refusal of the whole file (not one row): says which file and what to do about it. */
export const fileRefused = (fileName: string, message: string): ApiError =>
  new ApiError('refused', `${fileName}: ${message}`, 'file');
