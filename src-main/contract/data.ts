import { z } from 'zod';
import { method } from './define.ts';

export interface BackupList {
  dir: string;
  keep: number;
  backups: BackupInfo[];
  /** Why today's automatic backup was not made when this database was opened; null once one is made. */
  backupProblem: BackupProblem | null;
  /**
   * Where a link stands at the backups folder's name (never followed, so `backups` is empty): why no
   * backup is listed and what to do, in words, in place of "No backups yet"; null otherwise.
   */
  backupsNotListed: string | null;
}

export interface RestoreOutcome {
  restoredFrom: string;
  schemaVersion: number;
  households: number;
  /** Where the replaced database was kept. */
  previousCopy: string | null;
}

export type {
  BackupInfo,
  BackupProblem,
  DataSettings,
  ExportedFile,
  PurgeCandidate,
  PurgeDue,
  PurgeResult,
  RetentionRule,
  RetentionSettings,
  ConnectedPersonBasis,
} from '../domain/data-protection.ts';
import { CONNECTED_PERSON_BASES } from '../domain/data-protection.ts';
import type {
  BackupInfo,
  BackupProblem,
  DataSettings,
  ExportedFile,
  PurgeDue,
  PurgeResult,
} from '../domain/data-protection.ts';

/** One household, by its id (from its record) or its reference (as the person gives it). */
const HOUSEHOLD_CHOSEN = {
  id: z.number().int().positive().optional(),
  reference: z.string().trim().min(1).max(200).optional(),
};
const oneChosen = (v: { id?: number; reference?: string }) => v.id !== undefined || v.reference !== undefined;
const GIVE_REFERENCE = { message: 'Give the household’s reference.', path: ['reference'] };

const years = (min: number, label: string) =>
  z
    .number()
    .int(`${label}: give a whole number of years.`)
    .min(min, `${label}: at least ${min} year${min === 1 ? '' : 's'}.`)
    .max(100, `${label}: at most 100 years.`);

export const dataContract = {
  'data.listBackups': method<BackupList>()(() => z.object({}).strict()),
  'data.backupNow': method<BackupInfo>()(() => z.object({}).strict()),
  'data.restoreBackup': method<RestoreOutcome>()(() =>
    z.object({ path: z.string().trim().min(1, 'Choose a backup file to restore.').max(4096) }).strict(),
  ),
  'data.getSettings': method<DataSettings>()(() => z.object({}).strict()),
  'data.saveSettings': method<DataSettings>()(() =>
    z
      .object({
        backupKeep: z
          .number()
          .int('Backups to keep: give a whole number.')
          .min(1, 'Backups to keep: at least 1.')
          .max(1000, 'Backups to keep: at most 1000.')
          .optional(),
        retention: z
          .object({
            enquirerYears: years(1, 'Enquirers who never applied').optional(),
            applicantYears: years(3, 'Withdrawn or refused applicants').optional(),
            carerYears: years(10, 'Carers').optional(),
            connectedPersonYears: years(10, 'Connected persons').optional(),
          })
          .strict()
          .optional(),
        connectedPersons: z.enum(CONNECTED_PERSON_BASES).optional(),
      })
      .strict(),
  ),
  'data.listPurgeDue': method<PurgeDue>()(() => z.object({}).strict()),
  'data.purgeHouseholds': method<PurgeResult>()(() =>
    z
      .object({
        /** Only these households (each must be due); all due households when omitted. */
        ids: z.array(z.number().int().positive()).max(1_000_000).optional(),
      })
      .strict(),
  ),
  /**
   * Erases one household's personal details now, at the person's request: a closed enquirer who
   * never applied (reg 32 keeps an applicant's, a carer's and a connected person's records).
   */
  'data.eraseOnRequest': method<PurgeResult>()(() =>
    z.object(HOUSEHOLD_CHOSEN).strict().refine(oneChosen, GIVE_REFERENCE),
  ),
  'data.exportHousehold': method<ExportedFile>()(() =>
    z
      .object({ ...HOUSEHOLD_CHOSEN, format: z.enum(['json', 'xlsx']).default('json') })
      .strict()
      .refine(oneChosen, GIVE_REFERENCE),
  ),
} as const;
