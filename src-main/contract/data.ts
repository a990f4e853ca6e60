import { z } from 'zod';
import { method } from './define.ts';

/** One backup file beside the database (`<db>-backups/`). */
export interface BackupInfo {
  path: string;
  fileName: string;
  /** 'manual', 'daily', 'before-import', 'before-migration-v1', 'before-restore' */
  label: string;
  /** ISO 8601 UTC */
  createdAt: string;
  bytes: number;
}

export interface BackupList {
  dir: string;
  keep: number;
  backups: BackupInfo[];
}

export interface RestoreOutcome {
  restoredFrom: string;
  schemaVersion: number;
  households: number;
  /** Where the replaced database was kept. */
  previousCopy: string | null;
}

/** Years after the end of involvement before personal details are erased. */
export interface RetentionSettings {
  /** Enquirers who never applied: years after closure (local policy; default 1). */
  enquirerYears: number;
  /** Withdrawn or refused applicants: years after the decision (Reg 32: at least 3). */
  applicantYears: number;
  /** Carers: years after ceasing to foster (Reg 32(1): at least 10). */
  carerYears: number;
  /**
   * Connected persons (kinship households a child was placed with under reg 24): years after
   * the end of that placement (Reg 32(2): at least 10). The app records no placement yet, so
   * the closure date stands for the end of the placement.
   */
  connectedPersonYears: number;
}

export interface DataSettings {
  backupKeep: number;
  retention: RetentionSettings;
}

export type RetentionRule = 'enquirer' | 'applicant' | 'carer' | 'connected_person';

export interface PurgeCandidate {
  id: number;
  reference: string;
  name: string;
  rule: RetentionRule;
  /** Closure or cessation date the period runs from. */
  endedOn: string;
  /** The first day the household may be purged. */
  dueFrom: string;
}

export interface PurgeDue {
  today: string;
  retention: RetentionSettings;
  households: PurgeCandidate[];
}

export interface PurgeResult {
  purged: number;
  byRule: Record<RetentionRule, number>;
  /** Backups beside the database in which purged households were erased too. */
  backupsErased: number;
  /** Backups that could not be opened or written: they may still hold purged details. */
  backupsNotErased: string[];
}

export interface ExportedFile {
  fileName: string;
  mime: string;
  base64: string;
}

const years = (min: number, label: string) =>
  z
    .number()
    .int(`${label}: give a whole number of years.`)
    .min(min, `${label}: at least ${min} year${min === 1 ? '' : 's'}.`)
    .max(100, `${label}: at most 100 years.`);

export const dataContract = {
  'data.listBackups': method<BackupList>()(z.object({}).strict()),
  'data.backupNow': method<BackupInfo>()(z.object({}).strict()),
  'data.restoreBackup': method<RestoreOutcome>()(
    z.object({ path: z.string().trim().min(1, 'Choose a backup file to restore.') }).strict(),
  ),
  'data.getSettings': method<DataSettings>()(z.object({}).strict()),
  'data.saveSettings': method<DataSettings>()(
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
      })
      .strict(),
  ),
  'data.listPurgeDue': method<PurgeDue>()(z.object({}).strict()),
  'data.purgeHouseholds': method<PurgeResult>()(
    z
      .object({
        /** Only these households (each must be due); all due households when omitted. */
        ids: z.array(z.number().int().positive()).max(1_000_000).optional(),
      })
      .strict(),
  ),
  'data.exportHousehold': method<ExportedFile>()(
    z
      .object({
        /** The household's id (from its record), or its reference. */
        id: z.number().int().positive().optional(),
        reference: z.string().trim().min(1).max(200).optional(),
        format: z.enum(['json', 'xlsx']).default('json'),
      })
      .strict()
      .refine((v) => v.id !== undefined || v.reference !== undefined, {
        message: 'Give the household’s reference.',
        path: ['reference'],
      }),
  ),
} as const;
