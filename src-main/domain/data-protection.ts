/**
 * The shapes of the data-protection settings and results (retention, purge, subject access,
 * backups), written once here so the storage layer (db/purge.ts, db/data-settings.ts,
 * db/subject-access.ts, db/backup.ts) and the contract agree without db/ importing the contract.
 */
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
   * the end of that placement (Reg 32(2): at least 10). The app records when a placement began,
   * not when it ended, so the closure date stands for the end of the placement.
   */
  connectedPersonYears: number;
}

/**
 * Who is kept as a connected person (reg 32(2)). Reg 32(2) speaks of people a child was placed
 * with under reg 24; a service that records every such placement in the app may keep to that,
 * while one whose exports carry no placements keeps every household ever on the kinship pathway
 * (the default: a placement not recorded must not cut a 10-year record to 1 or 3 years). A
 * decision for the service's data protection officer.
 */
export const CONNECTED_PERSON_BASES = ['kinship_pathway', 'reg24_placement'] as const;
export type ConnectedPersonBasis = (typeof CONNECTED_PERSON_BASES)[number];
export const CONNECTED_PERSON_BASIS_LABELS: Record<ConnectedPersonBasis, string> = {
  kinship_pathway: 'Every household ever on the kinship pathway',
  reg24_placement: 'Only households with a reg 24 placement recorded',
};

export interface DataSettings {
  backupKeep: number;
  retention: RetentionSettings;
  connectedPersons: ConnectedPersonBasis;
}

export type RetentionRule = 'enquirer' | 'applicant' | 'carer' | 'connected_person';
/** Each retention rule as Settings › Purge and the CLI's `purge` name it. */
export const RETENTION_RULE_LABELS: Record<RetentionRule, string> = {
  enquirer: 'Enquirer who never applied',
  applicant: 'Withdrawn or refused applicant',
  carer: 'Former carer',
  connected_person: 'Connected person (kinship)',
};

/**
 * What an import's file name reads as once it was erased with the last of its households, by a
 * purge or by the import's undo (db/erase-import-names.ts stores it empty): Past imports, the
 * CLI's `imports`, undo's refusals.
 */
export const ERASED_FILE_NAME = '(file name erased with its households)';
export const importFileName = (stored: string): string => stored || ERASED_FILE_NAME;

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
  connectedPersons: ConnectedPersonBasis;
  households: PurgeCandidate[];
}

export interface PurgeResult {
  purged: number;
  byRule: Record<RetentionRule, number>;
  /** Backups beside the database in which purged households were erased too. */
  backupsErased: number;
  /** Backups that could not be opened or written: they may still hold purged details. */
  backupsNotErased: string[];
  /**
   * Where a link stands at the backups folder's name: words saying the backups behind it were not
   * erased (the app never follows it), why, and what to do; null otherwise.
   */
  backupsNotReached: string | null;
}

export interface ExportedFile {
  fileName: string;
  mime: string;
  base64: string;
}

/**
 * Why the day's automatic backup, made when the open database was opened, could not be made (a
 * full disk, a folder that cannot be written, a link at the backups folder's name). Held for that
 * open database only, and gone once any backup of it is made.
 */
export interface BackupProblem {
  /** When it failed: ISO 8601 UTC, by the one clock. */
  at: string;
  /** What happened and what to do, in the user's words, quoting `reference`. */
  message: string;
  /** The fault log's reference for its details. */
  reference: string;
  /**
   * Refused for a link standing at the backups folder's name: while that link stands, Home,
   * Settings and the CLI's status say it once, by its own words (Status.backupsLinked,
   * BackupList.backupsNotListed: contract/backup-notes.ts).
   */
  linked: boolean;
}

const BACKUP_LABELS: Record<string, string> = {
  manual: 'Backed up by hand',
  daily: 'Daily',
  'before-import': 'Before an import',
  'before-restore': 'Before a restore',
};
/** Why a backup was made, in words (Settings › Your data, the CLI's `backups`); an unknown one as stored. */
export const backupLabel = (label: string): string =>
  BACKUP_LABELS[label] ??
  (label.startsWith('before-migration-v') ? `Before updating from schema ${label.slice(18)}` : label);

/** One backup file beside the database (`<db>-backups/`). */
export interface BackupInfo {
  path: string;
  fileName: string;
  /** Why it was made: 'manual', 'daily', 'before-import', 'before-migration-v1', 'before-restore'. */
  label: string;
  /** ISO 8601 UTC, from the file name (the moment the backup started). */
  createdAt: string;
  bytes: number;
}
