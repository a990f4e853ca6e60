import type { AppContext } from '../../api/context.ts';
import { ApiError } from '../../contract/errors.ts';
import { fileFault } from '../../fault-log.ts';
import { dispatch } from '../../api/registry.ts';
import { isDatabaseFile } from '../../db/database-files.ts';
import { writePrivateFileAtomically } from '../../db/private-files.ts';
import type { Input, MethodName, Output } from '../../contract/index.ts';

export interface OptionSpec {
  type: 'string' | 'boolean';
  description: string;
  /** Shown in help, e.g. `PATH`. */
  value?: string;
  /** May be given more than once (`--map A=x --map B=y`); the values arrive in `lists`. */
  multiple?: boolean;
}

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface CommandRun {
  /** Parsed `--options`; the shared `--db` and `--json` are among them. */
  options: Record<string, string | boolean | undefined>;
  /** Every value of each repeatable option, in order (empty when not given). */
  lists: Record<string, string[]>;
  positionals: string[];
  io: CliIo;
  /** Opens the database named by --db / FOSTERING_FUNNEL_DB / the default, once. */
  context(): Promise<AppContext>;
  /** Calls an API method through the same dispatcher as the UI. */
  call<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>>;
}

export interface Command {
  name: string;
  summary: string;
  /** e.g. `import FILE [options]` */
  usage: string;
  options: Record<string, OptionSpec>;
  /** Lines after the options in `--help` that need a module loaded (e.g. the import's field list). */
  helpNotes?: () => Promise<string[]>;
  /** How many positionals the command takes: [min, max]. */
  positionals?: [number, number];
  /** Returns the exit code (0 success, 1 refused, EXIT_INCOMPLETE). Throw UsageError for 2. */
  run(cmd: CommandRun): Promise<number>;
}

export class UsageError extends Error {}

/**
 * Done, but not all of it: `purge --yes` erased the database, yet a backup still holds details;
 * `import` took rows of the file and refused others.
 */
export const EXIT_INCOMPLETE = 3;

/** Calls the dispatcher with a context; shared by every command. */
export const callWith =
  (getCtx: () => Promise<AppContext>) =>
  async <M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>> =>
    (await dispatch(await getCtx(), method, input)) as Output<M>;

export const DB_OPTION: Record<string, OptionSpec> = {
  db: {
    type: 'string',
    value: 'PATH',
    description: 'Database file (default: FOSTERING_FUNNEL_DB or the app data folder)',
  },
};
export const JSON_OPTION: Record<string, OptionSpec> = {
  json: { type: 'boolean', description: 'Print exactly one JSON object on stdout' },
};

/**
 * `--households 100` → 100, or a usage error naming the option (`households`) or the argument
 * (`BATCH`, written in capitals as the usage line writes it, without dashes).
 */
export function intOption(value: string | boolean | undefined, name: string, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : NaN;
  const named = name === name.toUpperCase() ? name : `--${name}`;
  if (!Number.isSafeInteger(n)) throw new UsageError(`${named} needs a whole number.`);
  return n;
}

/**
 * Writes a file --out names, private to the user like every file the app writes (a report or a
 * subject access export names people). Why it could not be written is said in words, naming the
 * file (never "Something went wrong: ENOENT").
 *
 * Written whole into a new file of its own (created here, never an existing one) and renamed onto
 * the name: writing to the name itself followed a symlink someone else put there in a shared
 * folder, and filled a file they own and can read (the mode of an existing file is not ours).
 */
export function saveOut(path: string, bytes: Buffer, what: string, dbPath: string): void {
  if (isDatabaseFile(path, dbPath))
    throw new ApiError(
      'refused',
      `Cannot save ${what} to ${path}: that is the database's own file (or its log, backups or purge ledger), which it would replace. Choose another name.`,
      'out',
    );
  try {
    writePrivateFileAtomically(path, bytes);
  } catch (e) {
    throw new ApiError('io_error', `Cannot save ${what} to ${path}: ${fileFault(e)}.`, 'out');
  }
}
