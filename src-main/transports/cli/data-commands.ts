import { resolve } from 'node:path';
import { resolveDbPath } from '../../db/paths.ts';
import { restoreDatabaseFile } from '../../db/restore.ts';
import { formatUkDate } from '../../domain/dates.ts';
import { countOf } from '../../domain/words.ts';
import type { Command } from './command.ts';
import { DB_OPTION, JSON_OPTION } from './command.ts';

const when = (iso: string) => `${formatUkDate(iso.slice(0, 10))} ${iso.slice(11, 16)} UTC`;

export const dataCommands: Command[] = [
  {
    name: 'backup',
    summary: 'Back up the database now (kept in rotation beside it)',
    usage: 'backup [--db PATH] [--json]',
    options: { ...DB_OPTION, ...JSON_OPTION },
    async run({ call, io, options }) {
      const b = await call('data.backupNow', {});
      io.out(options.json ? JSON.stringify(b) : `Backed up to ${b.path}`);
      return 0;
    },
  },
  {
    name: 'backups',
    summary: 'List the backups of the database, newest first',
    usage: 'backups [--db PATH] [--json]',
    options: { ...DB_OPTION, ...JSON_OPTION },
    async run({ call, io, options }) {
      const list = await call('data.listBackups', {});
      if (options.json) io.out(JSON.stringify(list));
      else if (list.backups.length === 0) io.out(`No backups yet in ${list.dir}.`);
      else {
        io.out(`Backups in ${list.dir} (keeping the newest ${list.keep}):`);
        for (const b of list.backups) io.out(`  ${when(b.createdAt)}  ${b.label.padEnd(22)} ${b.path}`);
      }
      return 0;
    },
  },
  {
    name: 'restore',
    summary: 'Replace the database with a backup (checked first; the current file is kept)',
    usage: 'restore FILE [--db PATH] [--json]',
    options: { ...DB_OPTION, ...JSON_OPTION },
    positionals: [1, 1],
    // Works on a damaged database too: it never opens the current file through the store,
    // which would refuse it (or write to it).
    async run({ io, options, positionals }) {
      const dbPath = resolveDbPath(typeof options.db === 'string' ? options.db : undefined);
      const r = await restoreDatabaseFile(dbPath, resolve(positionals[0]!));
      io.out(
        options.json
          ? JSON.stringify({ dbPath, ...r })
          : [
              `Restored ${dbPath} from ${r.restoredFrom} (${r.households} households, schema version ${r.schemaVersion}).`,
              r.previousCopy ? `The replaced database was kept as ${r.previousCopy}` : '',
            ]
              .filter(Boolean)
              .join('\n'),
      );
      return 0;
    },
  },
  {
    name: 'purge',
    summary: 'List households past their retention period; with --yes, erase their personal details',
    usage: 'purge [--yes] [--db PATH] [--json]',
    options: {
      yes: { type: 'boolean', description: 'Erase now (without it, only list who is due)' },
      ...DB_OPTION,
      ...JSON_OPTION,
    },
    async run({ call, io, options }) {
      if (options.yes) {
        const r = await call('data.purgeHouseholds', {});
        io.out(
          options.json
            ? JSON.stringify(r)
            : `Erased the personal details of ${r.purged} households (${r.byRule.enquirer} enquirers, ${r.byRule.applicant} applicants, ${r.byRule.carer} carers, ${r.byRule.connected_person} connected persons), here and in ${r.backupsErased} backup(s). Milestones and reasons are kept.`,
        );
        if (!options.json && r.backupsNotErased.length > 0) {
          io.err(
            `These backups could not be erased and may still hold purged details: ${r.backupsNotErased.join(', ')}`,
          );
        }
        return 0;
      }
      const due = await call('data.listPurgeDue', {});
      if (options.json) io.out(JSON.stringify(due));
      else {
        const r = due.retention;
        io.out(
          `Retention: enquirers ${countOf(r.enquirerYears, 'year')} after closure, applicants ${r.applicantYears} after the decision, carers ${r.carerYears} after ceasing, connected persons ${r.connectedPersonYears} after the placement ended (the closure date).`,
        );
        io.out(`${due.households.length} households are due for purging.`);
        for (const h of due.households.slice(0, 50)) {
          io.out(`  ${h.reference.padEnd(14)} ${h.rule.padEnd(10)} ended ${formatUkDate(h.endedOn)}`);
        }
        if (due.households.length > 50) io.out(`  … and ${due.households.length - 50} more.`);
        if (due.households.length > 0) io.out('Run again with --yes to erase their personal details.');
      }
      return 0;
    },
  },
];
