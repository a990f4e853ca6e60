import { extname, resolve } from 'node:path';
import { backupProblemToSay } from '../../contract/backup-notes.ts';
import { resolveDbPath } from '../../db/paths.ts';
import { restoreDatabaseFile } from '../../db/restore.ts';
import {
  backupLabel,
  CONNECTED_PERSON_BASIS_LABELS,
  RETENTION_RULE_LABELS,
} from '../../domain/data-protection.ts';
import { formatUkDate, formatUkDateTime } from '../../domain/dates.ts';
import { countOf } from '../../domain/words.ts';
import type { Command } from './command.ts';
import { DB_OPTION, EXIT_INCOMPLETE, JSON_OPTION, saveOut, UsageError } from './command.ts';

/** What a purge cannot reach, as the Purge screen says it before anything is erased. */
const PURGE_REACH =
  'A purge reaches this database and the backups the app keeps, not the files saved from it (exports, reports, subject access files) nor the files you imported: delete those yourself.';

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
      // A link at the folder's name is never followed: say why none is listed, as Settings does.
      else if (list.backups.length === 0) io.out(list.backupsNotListed ?? `No backups yet in ${list.dir}.`);
      else {
        io.out(`Backups in ${list.dir} (keeping the newest ${list.keep}):`);
        for (const b of list.backups)
          io.out(`  ${formatUkDateTime(b.createdAt)}  ${backupLabel(b.label).padEnd(30)} ${b.path}`);
      }
      // A daily backup refused for that link is said once, by the list's words, as in Settings.
      const problem = backupProblemToSay({
        backupProblem: list.backupProblem,
        backupsLinked: list.backupsNotListed,
      });
      if (!options.json && problem) io.err(problem.message);
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
              `Restored ${dbPath} from ${r.restoredFrom} (${countOf(r.households, 'household')}, schema version ${r.schemaVersion}).`,
              r.previousCopy ? `The replaced database was kept as ${r.previousCopy}` : '',
            ]
              .filter(Boolean)
              .join('\n'),
      );
      return 0;
    },
  },
  {
    name: 'subject-access',
    summary: 'Save everything held about one household (a subject access export), as Excel or JSON',
    usage: 'subject-access REFERENCE --out FILE.xlsx|FILE.json [--db PATH] [--json]',
    options: {
      out: { type: 'string', value: 'FILE', description: 'Where to save it; .xlsx or .json says the format' },
      ...DB_OPTION,
      ...JSON_OPTION,
    },
    positionals: [1, 1],
    async run({ call, context, io, options, positionals }) {
      const format = typeof options.out === 'string' ? extname(options.out).slice(1).toLowerCase() : '';
      if (format !== 'xlsx' && format !== 'json') {
        throw new UsageError('--out needs a file ending .xlsx or .json: --out FF000123.xlsx');
      }
      const file = await call('data.exportHousehold', { reference: positionals[0]!, format });
      const path = resolve(options.out as string);
      saveOut(
        path,
        Buffer.from(file.base64, 'base64'),
        'the subject access export',
        (await context()).store.path,
      );
      io.out(
        options.json
          ? JSON.stringify({ path, reference: positionals[0], format })
          : `Saved everything held about ${positionals[0]} to ${path}. It covers this database, not its backups.`,
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
            : `Erased the personal details of ${countOf(r.purged, 'household')} (${countOf(r.byRule.enquirer, 'enquirer')}, ${countOf(r.byRule.applicant, 'applicant')}, ${countOf(r.byRule.carer, 'carer')}, ${countOf(r.byRule.connected_person, 'connected person')}), here and in ${countOf(r.backupsErased, 'backup')}. Milestones and reasons are kept.${r.purged > 0 ? ` ${PURGE_REACH}` : ''}`,
        );
        if (r.backupsNotErased.length === 0 && !r.backupsNotReached) return 0;
        if (!options.json && r.backupsNotErased.length > 0) {
          io.err(
            `These backups could not be erased and may still hold purged details: ${r.backupsNotErased.join(', ')}`,
          );
        }
        if (!options.json && r.backupsNotReached) io.err(r.backupsNotReached);
        // Erasure is not complete while a copy still holds the details: a script must not read
        // this as success (the database itself is purged, so it is not "refused" either).
        return EXIT_INCOMPLETE;
      }
      const due = await call('data.listPurgeDue', {});
      if (options.json) io.out(JSON.stringify(due));
      else {
        const r = due.retention;
        io.out(
          `Retention: enquirers ${countOf(r.enquirerYears, 'year')} after closure, applicants ${r.applicantYears} after the decision, carers ${r.carerYears} after ceasing, connected persons ${r.connectedPersonYears} after the placement ended (the closure date); connected persons are ${CONNECTED_PERSON_BASIS_LABELS[due.connectedPersons].toLowerCase()}.`,
        );
        io.out(
          `${countOf(due.households.length, 'household')} ${due.households.length === 1 ? 'is' : 'are'} due for purging.`,
        );
        for (const h of due.households.slice(0, 50)) {
          io.out(
            `  ${h.reference.padEnd(14)} ${RETENTION_RULE_LABELS[h.rule].padEnd(30)} ended ${formatUkDate(h.endedOn)}`,
          );
        }
        if (due.households.length > 50) io.out(`  … and ${due.households.length - 50} more.`);
        if (due.households.length > 0) {
          io.out(`Run again with --yes to erase their personal details. ${PURGE_REACH}`);
        }
      }
      return 0;
    },
  },
  {
    name: 'erase',
    summary:
      "Erase one household's personal details now, at the person's request (a closed enquirer who never applied)",
    usage: 'erase REFERENCE --yes [--db PATH] [--json]',
    options: {
      yes: { type: 'boolean', description: 'Erase (it cannot be undone)' },
      ...DB_OPTION,
      ...JSON_OPTION,
    },
    positionals: [1, 1],
    async run({ call, io, options, positionals }) {
      const reference = positionals[0]!;
      if (!options.yes)
        throw new UsageError(`Erasing ${reference}'s personal details cannot be undone: add --yes.`);
      const r = await call('data.eraseOnRequest', { reference });
      io.out(
        options.json
          ? JSON.stringify(r)
          : `Erased ${reference}'s personal details, here and in ${countOf(r.backupsErased, 'backup')}. Milestones and reasons are kept. ${PURGE_REACH}`,
      );
      if (!options.json && r.backupsNotErased.length > 0)
        io.err(
          `These backups could not be erased and may still hold the details: ${r.backupsNotErased.join(', ')}`,
        );
      if (!options.json && r.backupsNotReached) io.err(r.backupsNotReached);
      return r.backupsNotErased.length === 0 && !r.backupsNotReached ? 0 : EXIT_INCOMPLETE;
    },
  },
];
