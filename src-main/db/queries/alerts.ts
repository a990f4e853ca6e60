import type { Db } from '../open.ts';
import { withoutWaitingForLock } from '../handle.ts';
import { isLockedFault } from '../../domain/errors.ts';
import { refreshAllOpen, refreshSummaries } from './summary.ts';
import { BANK_HOLIDAYS_MARK } from '../../domain/bank-holidays.ts';
import { ALERT_RULES, ENQUIRY_ANSWERING_STEPS } from '../../domain/alerts.ts';
import { sqlStringList } from '../journey-sql.ts';
import { readRulesVersion, readSeen, writeRulesVersion, writeSeen } from './alert-settings.ts';
import { readCalendarMark } from './calendar-mark.ts';

export { alertsComputedAfter, readThresholds, writeThresholds } from './alert-settings.ts';

/**
 * Brings alerts up to date before the list, pipeline or dashboard reads them:
 * - households added by a writer that does not compute alerts (the sample generator) get them:
 *   every id above the last one seen is refreshed once (a rowid range, so cheap);
 * - `overdue` depends on today as well as the facts: brings the flag up to date for every household
 * whose next alert fell due (or, after a clock change, no longer has). Two indexed updates;
 * - after a change to the bank holidays (a newer list shipped), every open household's.
 * Once a day for the same households, counted from a sweep that ran: one kept from writing is tried
 * again at the next read.
 */
const swept = new WeakMap<Db, string>();

/**
 * The households whose stored alerts the changes to the rules (domain/alerts.ts ALERT_RULES) can
 * alter, recomputed once after an upgrade: the open kinship households (2), and the open ones
 * whose current episode holds a kinship step that answers the enquiry (the domain's
 * ENQUIRY_ANSWERING_STEPS), switched to mainstream since (3), a reg 24 placement among them (4);
 * the open households with a reg 24 placement, kinship or since switched (5); and their stage, the
 * open ones with a viability request (6).
 */
const ALERT_RULES_CATCH_UP = `SELECT id FROM households WHERE status = 'open' AND pathway = 'kinship'
  UNION SELECT h.id FROM journey_dates j
    CROSS JOIN households h ON h.id = j.household_id AND h.episode = j.episode
    WHERE j.kind IN ${sqlStringList(ENQUIRY_ANSWERING_STEPS)} AND h.status = 'open'`;

export function bringAlertsUpToDate(db: Db, today: string): void {
  const maxId = (db.prepare('SELECT MAX(id) FROM households').pluck().get() as number | null) ?? 0;
  // Nothing to do twice in a day for the same households (every other writer keeps its own rows current).
  const stamp = `${today}/${maxId}`;
  if (swept.get(db) === stamp) return;
  try {
    // Never waits for the lock: a list or Home read during a long import answers at once.
    withoutWaitingForLock(db, () => sweep(db, today, maxId));
  } catch (e) {
    // Kept from writing (another program's write holds the file): the list reads what is stored,
    // and the next read tries again. Any other fault is said once, as the day's stamp stands.
    if (isLockedFault(e)) return;
    swept.set(db, stamp);
    throw e;
  }
  swept.set(db, stamp);
}

function sweep(db: Db, today: string, maxId: number): void {
  // Every open household's due dates were counted with another list of bank holidays: all again
  // (by the rules of this version too, so the rules' catch-up below has nothing left to do).
  if (readCalendarMark(db) !== BANK_HOLIDAYS_MARK) {
    refreshAllOpen(db, today);
    writeRulesVersion(db, ALERT_RULES);
  }
  const seen = readSeen(db);
  db.transaction(() => {
    if (readRulesVersion(db) < ALERT_RULES) {
      const ids = db.prepare<[], number>(ALERT_RULES_CATCH_UP).pluck().all();
      refreshSummaries(db, ids, today);
      writeRulesVersion(db, ALERT_RULES);
    }
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

/** Overdue once the due day has passed (domain/alerts.ts isOverdue, the same rule). */
function markOverdue(db: Db, today: string): void {
  db.prepare('UPDATE households SET overdue = 1 WHERE overdue = 0 AND next_alert_date < ?').run(today);
  db.prepare(
    'UPDATE households SET overdue = 0 WHERE overdue = 1 AND (next_alert_date IS NULL OR next_alert_date >= ?)',
  ).run(today);
}
