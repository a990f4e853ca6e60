import type { Db } from '../db/handle.ts';
import { readThresholds } from '../db/queries/alerts.ts';
import { alertsDueBetween, openReg24Placements } from '../db/queries/dashboard.ts';
import { panelMinutesReader } from '../db/queries/household-lookups.ts';
import { nextAlertLabel, type AlertKind, type AlertThresholds } from '../domain/alerts.ts';
import { addDays, addMonths, type IsoDate } from '../domain/dates.ts';
import { reg24Clock, reg24Due } from '../domain/decision-clocks.ts';
import { fyLabel, fyOf, fyStart, fyStartYear } from '../domain/financial-year.ts';
import { shownName } from '../domain/words.ts';

/**
 * What Home's panels (planning/dashboard.ts) and the lists behind their figures
 * (planning/dashboard-drill.ts) both read: the periods compared, and the kinship deadlines and
 * alerts due this week.
 */
export const PATHWAY = 'mainstream' as const;
export const KINSHIP_DAYS = 28;
/** Alerts due this week: today and the six days after it. */
export const DUE_DAYS = 7;

export interface Periods {
  fy: string;
  lastFy: string;
  thisFrom: IsoDate;
  thisTo: IsoDate;
  lastFrom: IsoDate;
  lastTo: IsoDate;
}

export function periodsOf(today: IsoDate): Periods {
  const fy = fyOf(today);
  const lastFy = fyLabel(fyStartYear(fy) - 1);
  return {
    fy,
    lastFy,
    thisFrom: fyStart(fy),
    thisTo: today,
    lastFrom: fyStart(lastFy),
    lastTo: addMonths(today, -12),
  };
}

export interface KinshipDeadline {
  id: number;
  reference: string;
  name: string;
  kind: 'reg24_first' | 'reg24_final';
  due: IsoDate;
}

/**
 * Reg 24 temporary approval limits passed (a child still placed with a household whose temporary
 * approval has ended: the overdue panel counts it only under its earliest alert, so Home named it
 * nowhere, helper-241) or falling due from today to the end of the next four weeks, passed first:
 * the clock runs from the placement date (never the enquiry), as the alerts' clock does
 * (domain/decision-clocks.ts): 16 weeks, 24 once extended, none due while an IRM review is pending
 * and the review's outcome where that is later.
 */
export function kinshipDeadlines(db: Db, today: IsoDate, t: AlertThresholds): KinshipDeadline[] {
  const last = addDays(today, KINSHIP_DAYS - 1);
  const out: KinshipDeadline[] = [];
  for (const p of openReg24Placements(db)) {
    const at = (date: string | null) => (date ? { date } : undefined);
    const clock = reg24Clock(
      {
        reg24_placement: { date: p.reg24_placement },
        extension: p.extension ? { date: p.extension, weeks: p.extension_weeks } : undefined,
        irm_pending_from: at(p.irm_pending_from),
        irm_pending_to: at(p.irm_pending_to),
      },
      { first: t.kinshipFirstWeeks, final: t.kinshipFinalWeeks },
    );
    const due = reg24Due(clock);
    if (!due || due.due > last) continue;
    out.push({
      id: p.id,
      reference: p.reference,
      name: shownName(p),
      kind: due.kind,
      due: due.due,
    });
  }
  return out.sort((a, b) =>
    a.due < b.due ? -1 : a.due > b.due ? 1 : a.reference.localeCompare(b.reference),
  );
}

/**
 * Households whose next alert falls due from today to the last of the next DUE_DAYS (not yet
 * overdue: those are the overdue panel's), soonest first. A reg 24 limit the kinship panel lists
 * (same household, limit and date) is left to it, never listed twice.
 */
function dueSoon(db: Db, today: IsoDate, kinship: KinshipDeadline[]) {
  const inKinship = new Set(kinship.map((k) => `${k.id}:${k.kind}:${k.due}`));
  const minutes = panelMinutesReader(db);
  return alertsDueBetween(db, today, addDays(today, DUE_DAYS - 1))
    .filter((a) => !inKinship.has(`${a.id}:${a.kind}:${a.due}`))
    .map((a) => ({
      id: a.id,
      reference: a.reference,
      name: shownName(a),
      kind: a.kind,
      label: nextAlertLabel(a.kind as AlertKind, () => minutes(a.id)),
      due: a.due,
    }));
}

/**
 * The kinship deadlines of the next four weeks and the alerts due this week, in one read: the
 * alerts leave out the reg 24 limits the deadlines list, so the panels and the lists behind their
 * figures (the due-soon count's households) take both from here.
 */
export function homeAlertLists(db: Db, today: IsoDate) {
  const deadlines = kinshipDeadlines(db, today, readThresholds(db));
  return { deadlines, due: dueSoon(db, today, deadlines) };
}
