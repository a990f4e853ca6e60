import { z } from 'zod';
import { method } from './define.ts';
import type { BackupProblem } from '../domain/data-protection.ts';

export interface Status {
  schemaVersion: number;
  households: number;
  byStatus: { open: number; closed: number; approved: number; ceased: number };
  imports: number;
  dbPath: string;
  sample: boolean;
  appVersion: string;
  /** Today where the user is, from the core's clock: the UI's default dates and years use it. */
  today: string;
  /** Why today's automatic backup was not made when this database was opened; null once one is made. */
  backupProblem: BackupProblem | null;
  /**
   * Where a link stands at the backups folder's name (never followed: no backup is listed or made
   * while it is there), what that means and what to do, in words; null otherwise.
   */
  backupsLinked: string | null;
}

/** The status after leaving sample data (Return to my data, or another file opened from it). */
export interface StatusBack extends Status {
  /** Which sample files could not be deleted, in words (they may hold what was imported); null when all were. */
  sampleNotDeleted: string | null;
}

export const systemContract = {
  'system.getStatus': method<Status>()(() => z.object({}).strict()),
  'system.openDatabase': method<StatusBack>()(() =>
    z
      .object({
        path: z.string().trim().min(1, 'Give the path of a database file.').max(4096),
        /** "New database…": create the file when none is there (never without being asked). */
        create: z.boolean().default(false),
      })
      .strict(),
  ),
  'system.useSampleData': method<Status>()(() =>
    z
      .object({
        households: z.number().int().min(1).max(2_000_000).default(400),
        seed: z.number().int().default(1),
      })
      .strict(),
  ),
  'system.useRealData': method<StatusBack>()(() => z.object({}).strict()),
  'system.generateSample': method<{ households: number; seed: number }>()(() =>
    z
      .object({
        households: z.number().int().min(1).max(2_000_000),
        seed: z.number().int(),
      })
      .strict(),
  ),
} as const;
