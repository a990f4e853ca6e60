import type { Db } from '../open.ts';
import { refreshSummaries } from './summary.ts';
import { DEFAULT_THRESHOLDS, type AlertThresholds } from '../../domain/alerts.ts';

const KEY = 'alerts.thresholds';
const SEEN_KEY = 'alerts.seen_max_id';

/** The service's alert thresholds (Settings), defaults filled in for any missing one. */
export function readThresholds(db: Db): AlertThresholds {
  const raw = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck().get(KEY);
  if (!raw) return { ...DEFAULT_THRESHOLDS };
  try {
    return { ...DEFAULT_THRESHOLDS, ...(JSON.parse(raw) as Partial<AlertThresholds>) };
  } catch {
    return { ...DEFAULT_THRESHOLDS };
  }
}

export function writeThresholds(db: Db, t: AlertThresholds): void {
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(KEY, JSON.stringify(t));
}

/**
 * Brings alerts up to date before the list, pipeline or dashboard reads them:
 * - households added by a writer that does not compute alerts (the sample generator) get them:
 *   every id above the last one seen is refreshed once (a rowid range, so cheap);
 * - `overdue` depends on today as well as the facts: brings the flag up to date for every household
 * whose next alert fell due (or, after a clock change, no longer has). Two indexed updates.
 */
const swept = new WeakMap<Db, string>();

const readSeen = (db: Db): number =>
  Number(db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck().get(SEEN_KEY) ?? 0);

const writeSeen = (db: Db, id: number): void => {
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(SEEN_KEY, String(id));
};

/**
 * A writer that computed the alerts of every household it added after id `before` (an import,
 * the sample generator) says so, so the next list does not compute them all again.
 */
export function alertsComputedAfter(db: Db, before: number): void {
  if (readSeen(db) < before) return; // older households still wait for their sweep
  writeSeen(db, (db.prepare('SELECT MAX(id) FROM households').pluck().get() as number | null) ?? 0);
}

export function bringAlertsUpToDate(db: Db, today: string): void {
  const maxId = (db.prepare('SELECT MAX(id) FROM households').pluck().get() as number | null) ?? 0;
  // Nothing to do twice in a day for the same households (every other writer keeps its own rows current).
  const stamp = `${today}/${maxId}`;
  if (swept.get(db) === stamp) return;
  swept.set(db, stamp);
  const seen = readSeen(db);
  db.transaction(() => {
    if (maxId > seen) {
      const ids = db
        .prepare<[number], number>("SELECT id FROM households WHERE id > ? AND status = 'open'")
        .pluck()
        .all(seen);
      refreshSummaries(db, ids, today);
      writeSeen(db, maxId);
    }
    markOverdue(db, today);
  })();
}

function markOverdue(db: Db, today: string): void {
  db.prepare('UPDATE households SET overdue = 1 WHERE overdue = 0 AND next_alert_date <= ?').run(today);
  db.prepare(
    'UPDATE households SET overdue = 0 WHERE overdue = 1 AND (next_alert_date IS NULL OR next_alert_date > ?)',
  ).run(today);
}
