import type { Database as Db } from 'better-sqlite3';

/**
 * Which bank holidays the stored alerts were counted with (domain/bank-holidays.ts
 * BANK_HOLIDAYS_MARK), kept in settings. Apart from alert-settings.ts (which reads the database
 * type from open.ts) because a new database is marked as it is made, in open.ts.
 */
const CALENDAR_KEY = 'alerts.calendar';

/** The bank holidays the stored alerts were computed with (domain/bank-holidays.ts BANK_HOLIDAYS_MARK); null before it was kept. */
export const readCalendarMark = (db: Db): string | null =>
  db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck().get(CALENDAR_KEY) ?? null;

export const writeCalendarMark = (db: Db, mark: string): void => {
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(CALENDAR_KEY, mark);
};
