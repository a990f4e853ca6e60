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
  try {
    process.stderr.write(`Fostering Funnel fault ${reference}: ${faultDetails(e)}\n`);
  } catch {
    // No error output to write to (a closed terminal): the user's message still names the fault.
  }
  return new ApiError('internal', `${lead}. The details are in the app's log (reference ${reference}).`);
}

/**
 * What the log keeps of a fault: its kind, its code and where in the code it arose, never a record.
 * Logs are where erasure and subject access do not reach (tests/unit/reliability/logs.test.ts), so
 * a message goes in only where it cannot quote one: SQLite's own words name tables, columns and
 * constraints, never a bound value. Any other message can (a path with a name in it, JSON.parse
 * quoting its text, a thrown Error built from a cell), so only the stack's frames go.
 */
export function faultDetails(e: unknown): string {
  if (!(e instanceof Error)) return `a thrown ${e === null ? 'null' : typeof e}`;
  const code = (e as { code?: unknown }).code;
  const head = `${e.name}${typeof code === 'string' ? ` (${code})` : ''}${e.name === 'SqliteError' ? `: ${e.message}` : ''}`;
  const frames = (e.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return [head, ...frames].join('\n');
}
