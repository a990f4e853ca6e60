import type { Db } from './open.ts';
import { prepared } from './prepared.ts';
import {
  APPLICATION_BASES,
  DEFAULT_APPLICATION_BASIS,
  type ApplicationBasis,
  type JourneyDateKind,
  type JourneyDates,
} from '../domain/journey-dates.ts';

/**
 * The journey_dates table (migration 6): one dated step per kind per episode. Adding a column:
 * update JourneyDateRow, the purge lists in db/purge.ts and the episodes rebuild in episodes.ts.
 */
export interface JourneyDateRow {
  id: number;
  household_id: number;
  episode: number;
  kind: JourneyDateKind;
  date: string;
  detail: string | null;
  reason: string | null;
  /** A reg 25 extension's length in weeks (migration 39); null otherwise or where not recorded. */
  weeks: number | null;
  source: 'hand' | 'import';
  batch_id: number | null;
}

/** Every journey date of a household, oldest episode first, in date order. */
export function journeyDateRows(db: Db, householdId: number): JourneyDateRow[] {
  return prepared<[number], JourneyDateRow>(
    db,
    'SELECT * FROM journey_dates WHERE household_id = ? ORDER BY episode, date, id',
  ).all(householdId);
}

/** One episode's journey dates, by kind (what the alerts and the order rules read). */
export function episodeJourneyDates(db: Db, householdId: number, episode: number): JourneyDates {
  const out: JourneyDates = {};
  for (const r of prepared<[number, number], JourneyDateRow>(
    db,
    'SELECT * FROM journey_dates WHERE household_id = ? AND episode = ?',
  ).all(householdId, episode)) {
    out[r.kind] = {
      date: r.date,
      detail: r.detail,
      reason: r.reason,
      ...(r.kind === 'extension' ? { weeks: r.weeks } : {}),
    };
  }
  return out;
}

export const BASIS_KEY = 'journey.application_received';

/** What "application received" means for this service (Settings); Stage 1 unless chosen otherwise. */
export function readApplicationBasis(db: Db): ApplicationBasis {
  const raw = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck().get(BASIS_KEY);
  return APPLICATION_BASES.includes(raw as ApplicationBasis)
    ? (raw as ApplicationBasis)
    : DEFAULT_APPLICATION_BASIS;
}

export function writeApplicationBasis(db: Db, basis: ApplicationBasis): void {
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(BASIS_KEY, basis);
}
