import {
  CONNECTED_PERSON_BASES,
  type ConnectedPersonBasis,
  type DataSettings,
  type RetentionSettings,
} from '../domain/data-protection.ts';
import { BACKUP_KEEP_KEY, backupKeep } from './backup.ts';
import type { Db } from './open.ts';
import { writeAudit } from './queries/audit.ts';

/** Defaults: 1 year (local policy), then the reg 32 minimums: 3 years (32(3)), 10 years (32(1) and 32(2)). */
export const DEFAULT_RETENTION: RetentionSettings = {
  enquirerYears: 1,
  applicantYears: 3,
  carerYears: 10,
  connectedPersonYears: 10,
};

const RETENTION_KEYS: Record<keyof RetentionSettings, string> = {
  enquirerYears: 'retention.enquirerYears',
  applicantYears: 'retention.applicantYears',
  carerYears: 'retention.carerYears',
  connectedPersonYears: 'retention.connectedPersonYears',
};

const readSetting = (db: Db, key: string): string | undefined =>
  db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck().get(key);

export function getRetention(db: Db): RetentionSettings {
  const out = { ...DEFAULT_RETENTION };
  for (const [field, key] of Object.entries(RETENTION_KEYS) as Array<[keyof RetentionSettings, string]>) {
    const n = Number(readSetting(db, key));
    if (Number.isInteger(n) && n >= DEFAULT_RETENTION[field]) out[field] = n;
  }
  return out;
}

const CONNECTED_PERSONS_KEY = 'retention.connectedPersons';

/** Who is kept as a connected person: every kinship household unless the service chose otherwise. */
export function getConnectedPersonBasis(db: Db): ConnectedPersonBasis {
  const v = readSetting(db, CONNECTED_PERSONS_KEY);
  return CONNECTED_PERSON_BASES.find((b) => b === v) ?? 'kinship_pathway';
}

export const getDataSettings = (db: Db): DataSettings => ({
  backupKeep: backupKeep(db),
  retention: getRetention(db),
  connectedPersons: getConnectedPersonBasis(db),
});

/** Saves the given settings (others unchanged), audited with old and new values. */
export function saveDataSettings(
  db: Db,
  user: string,
  changes: {
    backupKeep?: number | undefined;
    retention?: Partial<RetentionSettings> | undefined;
    connectedPersons?: ConnectedPersonBasis | undefined;
  },
): DataSettings {
  const before = getDataSettings(db);
  const upsert = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  db.transaction(() => {
    const set = <T extends number | string>(
      key: string,
      field: string,
      oldValue: T,
      value: T | undefined,
    ) => {
      if (value === undefined || value === oldValue) return;
      upsert.run(key, String(value));
      writeAudit(db, { user, action: 'update', entity: 'settings', field, oldValue, newValue: value });
    };
    set(BACKUP_KEEP_KEY, BACKUP_KEEP_KEY, before.backupKeep, changes.backupKeep);
    for (const [field, key] of Object.entries(RETENTION_KEYS) as Array<[keyof RetentionSettings, string]>) {
      set(key, key, before.retention[field], changes.retention?.[field]);
    }
    set(CONNECTED_PERSONS_KEY, CONNECTED_PERSONS_KEY, before.connectedPersons, changes.connectedPersons);
  })();
  return getDataSettings(db);
}
