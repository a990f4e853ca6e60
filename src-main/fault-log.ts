import { randomBytes } from 'node:crypto';
import { ApiError } from './domain/errors.ts';

/**
 * An unexpected fault (a bug, a SqliteError or file error no caller words, a TypeError) never
 * crosses a door with its own text: that names paths, SQL and the code's insides, and a caller
 * (the UI, a browser-mode client, a script reading --json) is told only that something went wrong,
 * with a reference. Its details go to the process's own error output, the app's only log (the
 * terminal of the CLI or browser mode, Electron's output), under the same reference, so the two
 * can be matched. A refusal raised as an ApiError is worded for the user and passes as it is.
 */
export function unexpectedFault(e: unknown, lead = 'Something went wrong inside the app'): ApiError {
  const reference = randomBytes(4).toString('hex').toUpperCase();
  const detail = e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e);
  const code = (e as { code?: unknown } | null)?.code;
  try {
    process.stderr.write(
      `Fostering Funnel fault ${reference}${typeof code === 'string' ? ` (${code})` : ''}: ${detail}\n`,
    );
  } catch {
    // No error output to write to (a closed terminal): the user's message still names the fault.
  }
  return new ApiError('internal', `${lead}. The details are in the app's log (reference ${reference}).`);
}
