import type { Db } from '../open.ts';
import { DEFAULT_THRESHOLDS, lawfulThresholds, type AlertThresholds } from '../../domain/alerts.ts';

/**
 * The alerts' settings: the service's thresholds and the last household whose alerts were
 * computed. Apart from db/queries/alerts.ts (which refreshes summaries) so that the summary
 * refresh can read them without an import cycle.
 */
const KEY = 'alerts.thresholds';
const SEEN_KEY = 'alerts.seen_max_id';

/** The service's alert thresholds (Settings), defaults filled in for any missing one. */
export function readThresholds(db: Db): AlertThresholds {
  const raw = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck().get(KEY);
  if (!raw) return { ...DEFAULT_THRESHOLDS };
  try {
    return lawfulThresholds({ ...DEFAULT_THRESHOLDS, ...(JSON.parse(raw) as Partial<AlertThresholds>) });
  } catch {
    return { ...DEFAULT_THRESHOLDS };
  }
}

export function writeThresholds(db: Db, t: AlertThresholds): void {
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(KEY, JSON.stringify(t));
}

export const readSeen = (db: Db): number =>
  Number(db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck().get(SEEN_KEY) ?? 0);

export const writeSeen = (db: Db, id: number): void => {
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(SEEN_KEY, String(id));
};

const RULES_KEY = 'alerts.rules_version';

/** The version of the alert rules the stored alerts were computed by (domain/alerts.ts ALERT_RULES); 1 before it was kept. */
export const readRulesVersion = (db: Db): number =>
  Number(
    db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck().get(RULES_KEY) ?? 1,
  );

export const writeRulesVersion = (db: Db, version: number): void => {
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(RULES_KEY, String(version));
};

/**
 * A writer that computed the alerts of every household it added after id `before` (an import,
 * the sample generator) says so, so the next list does not compute them all again.
 */
export function alertsComputedAfter(db: Db, before: number): void {
  if (readSeen(db) < before) return; // older households still wait for their sweep
  writeSeen(db, (db.prepare('SELECT MAX(id) FROM households').pluck().get() as number | null) ?? 0);
}
