import { backupProblemToSay } from '../../contract/backup-notes.ts';
import { boundedIntOption } from './choices.ts';
import type { Command } from './command.ts';
import { DB_OPTION, JSON_OPTION, intOption } from './command.ts';

const printStatus =
  (json: boolean) => (s: Awaited<ReturnType<typeof import('../../api/system.ts').getStatus>>) =>
    json
      ? JSON.stringify(s)
      : [
          `Database:       ${s.dbPath}`,
          `Schema version: ${s.schemaVersion}`,
          `Households:     ${s.households} (open ${s.byStatus.open}, closed ${s.byStatus.closed}, approved ${s.byStatus.approved}, ceased ${s.byStatus.ceased})`,
          `Imports:        ${s.imports}`,
          // Said where a script or IT reading `status` sees it: the daily backup never stops the file
          // opening, and a link at the backups folder's name (never followed) stops every backup.
          ...(s.backupsLinked ? [`Backups:        ${s.backupsLinked}`] : []),
          // A daily backup refused for that link is said once, by the link's words, as Home does.
          ...[backupProblemToSay(s)].flatMap((p) => (p ? [`Backups:        ${p.message}`] : [])),
        ].join('\n');

export const systemCommands: Command[] = [
  {
    name: 'init',
    summary: 'Create a database (or bring an existing one to the latest schema)',
    usage: 'init [--db PATH] [--json]',
    options: { ...DB_OPTION, ...JSON_OPTION },
    async run({ call, io, options }) {
      const s = await call('system.getStatus', {});
      io.out(
        options.json
          ? JSON.stringify(s)
          : `Database ready at ${s.dbPath} (schema version ${s.schemaVersion}).`,
      );
      return 0;
    },
  },
  {
    name: 'status',
    summary: 'Show the schema version and how many households are held',
    usage: 'status [--db PATH] [--json]',
    options: { ...DB_OPTION, ...JSON_OPTION },
    async run({ call, io, options }) {
      io.out(printStatus(options.json === true)(await call('system.getStatus', {})));
      return 0;
    },
  },
  {
    name: 'sample',
    summary: 'Fill a database with realistic, reproducible sample households',
    usage: 'sample --households N --seed S [--db PATH] [--json]',
    options: {
      households: { type: 'string', value: 'N', description: 'How many households (default 400)' },
      seed: {
        type: 'string',
        value: 'S',
        description: 'Random seed: the same seed gives the same data (default 1)',
      },
      ...DB_OPTION,
      ...JSON_OPTION,
    },
    async run({ call, io, options }) {
      const households = boundedIntOption(options.households, 'households', 1, 2_000_000, 400);
      const seed = intOption(options.seed, 'seed', 1);
      await call('system.generateSample', { households, seed });
      const s = await call('system.getStatus', {});
      io.out(
        options.json
          ? JSON.stringify(s)
          : `Added ${households} sample households (seed ${seed}) to ${s.dbPath}.`,
      );
      return 0;
    },
  },
];
