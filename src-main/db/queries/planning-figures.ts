import type { Db } from '../open.ts';
import type { PlanningFigure } from '../../domain/targets.ts';

/**
 * Targets and comparators are a handful of numbers per year, kept in the settings table under
 * one key (no migration needed while the schema's next numbers are being taken by the journey
 * work). Read and written only here: moving them to a table of their own touches this file alone.
 */
const KEY = 'planning.figures';

export function readFigures(db: Db): PlanningFigure[] {
  const raw = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck().get(KEY);
  if (!raw) return [];
  try {
    const parsed = JSON.parse(raw) as unknown;
    return Array.isArray(parsed) ? (parsed as PlanningFigure[]) : [];
  } catch {
    return [];
  }
}

/** Replaces every figure; call inside the transaction that audits the change. */
export function writeFigures(db: Db, figures: readonly PlanningFigure[]): void {
  const sorted = [...figures].sort((a, b) =>
    `${a.fy}|${a.pathway}|${a.basis}|${a.measure}`.localeCompare(
      `${b.fy}|${b.pathway}|${b.basis}|${b.measure}`,
    ),
  );
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(KEY, JSON.stringify(sorted));
}
