import { parseArgs } from 'node:util';
import { createContext, type AppContext } from '../../api/context.ts';
import { toApiError } from '../../api/registry.ts';
import type { ApiError } from '../../contract/errors.ts';
import { Store } from '../../db/store.ts';
import { resolveDbPath, sampleDbPath } from '../../db/paths.ts';
import { logFaultsBeside } from '../../fault-log.ts';
import { callWith, UsageError, type CliIo, type Command } from './command.ts';
import { dataCommands } from './data-commands.ts';
import { endingsCommands } from './endings-commands.ts';
import { householdsCommands } from './households-commands.ts';
import { importsCommands } from './imports-commands.ts';
import { reportsCommands } from './reports-commands.ts';
import { safeIo } from './safe-output.ts';
import { systemCommands } from './system-commands.ts';

/** Every command, in the order `--help` lists them. */
export const COMMANDS: Command[] = [
  ...systemCommands,
  ...importsCommands,
  ...householdsCommands,
  ...endingsCommands,
  ...reportsCommands,
  ...dataCommands,
];

const PROGRAM = 'fostering-funnel';

async function commandHelp(c: Command): Promise<string> {
  const opts = Object.entries(c.options).map(([name, o]) => {
    const flag = `--${name}${o.value ? ` ${o.value}` : ''}`;
    return `  ${flag.padEnd(28)} ${o.description}`;
  });
  return [
    `Usage: ${PROGRAM} ${c.usage}`,
    '',
    c.summary,
    '',
    'Options:',
    ...opts,
    `  ${'--help'.padEnd(28)} Show this help`,
    ...(c.helpNotes ? ['', ...(await c.helpNotes())] : []),
  ].join('\n');
}

function programHelp(): string {
  return [
    `Usage: ${PROGRAM} <command> [options]`,
    '',
    'Fostering Funnel: foster carer recruitment funnel, from the command line.',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(14)} ${c.summary}`),
    '',
    `Run "${PROGRAM} <command> --help" for a command's options.`,
    'Exit codes: 0 success, 1 refused (message on stderr), 2 usage error,',
    '3 done but not complete (purge, undo-import: a backup could not be erased; named on stderr, or in --json;',
    'import: rows refused beside rows taken, each named).',
  ].join('\n');
}

/**
 * The contract names the field it refuses by its key ("date: 01/01/1940 is before 01/01/1950…",
 * "notes: Too big…"); where that field is one of the command's options, the CLI names it as the
 * user typed it ("--date: …", "--ended-by: …"). --json keeps the contract's field, as browser mode.
 */
function asOption(err: ApiError, command: Command): string {
  const field = err.field;
  if (!field || !err.message.startsWith(`${field}: `)) return err.message;
  const camel = (o: string) => o.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  const option = Object.keys(command.options).find((o) => camel(o) === field);
  return option ? `--${option}: ${err.message.slice(field.length + 2)}` : err.message;
}

const stdio: CliIo = {
  out: (t) => process.stdout.write(t + '\n'),
  err: (t) => process.stderr.write(t + '\n'),
};

/** Runs one CLI invocation and returns its exit code. */
export async function runCli(argv: string[], rawIo: CliIo = stdio, env = process.env): Promise<number> {
  // Every line out passes here, so no command can print a control character from data.
  const safe = safeIo(rawIo);
  // Whether a command printed on stdout before it was refused: with --json, a refusal that printed
  // nothing prints its error as the one object (below), so a script always has one to parse.
  let printed = false;
  const io: CliIo = {
    out: (t) => {
      printed = true;
      safe.out(t);
    },
    err: safe.err,
  };
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(programHelp());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`Unknown command "${name}". Run "${PROGRAM} --help" for the list.`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(await commandHelp(command));
    return 0;
  }

  let ctx: AppContext | undefined;
  try {
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({
        args: rest,
        options: Object.fromEntries(
          Object.entries(command.options).map(([k, o]) => [
            k,
            { type: o.type, multiple: o.multiple === true },
          ]),
        ),
        allowPositionals: true,
        strict: true,
      });
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const [min, max] = command.positionals ?? [0, 0];
    if (parsed.positionals.length < min || parsed.positionals.length > max) {
      throw new UsageError(`Usage: ${PROGRAM} ${command.usage}`);
    }
    const options: Record<string, string | boolean | undefined> = {};
    const lists: Record<string, string[]> = {};
    for (const [k, o] of Object.entries(command.options)) {
      const v = parsed.values[k];
      if (o.multiple) lists[k] = Array.isArray(v) ? v.map(String) : [];
      else options[k] = v as string | boolean | undefined;
    }
    const getCtx = async () => {
      if (!ctx) {
        const dbPath = resolveDbPath(typeof options.db === 'string' ? options.db : undefined, env);
        logFaultsBeside(dbPath);
        // Only `init` creates a database: any other command on a missing file is refused, so a
        // mistyped --db never leaves a new empty database behind.
        const store = await Store.open(dbPath, { check: true, create: command.name === 'init' });
        ctx = createContext(store, {
          realDbPath: dbPath,
          sampleDbPath: sampleDbPath(env),
        });
      }
      return ctx;
    };
    return await command.run({
      options,
      lists,
      positionals: parsed.positionals,
      io,
      context: getCtx,
      call: callWith(getCtx),
    });
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(e.message);
      io.err(`Run "${PROGRAM} ${name} --help" for its options.`);
      return 2;
    }
    const err = toApiError(e);
    io.err(`${PROGRAM} ${name}: ${asOption(err, command)}`);
    // As browser mode answers a refusal: {"error": {code, message, field?}}.
    if (rest.includes('--json') && !printed) io.out(JSON.stringify({ error: err.toJSON() }));
    return 1;
  } finally {
    ctx?.store.close();
  }
}
