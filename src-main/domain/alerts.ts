import { addMonths, type IsoDate } from './dates.ts';
import {
  applicationReceived,
  DEFAULT_APPLICATION_BASIS,
  type ApplicationBasis,
  type JourneyDates,
} from './journey-dates.ts';
import { type EpisodePathway } from './episode-pathway.ts';
import {
  decisionClockStart,
  reg24Clock,
  reg24Due,
  REG24_WEEKS,
  pastStage1,
  stage1DecisionClockStart,
  STAGE1_DECISION_WORKING_DAYS,
} from './decision-clocks.ts';
import type { JourneyDateKind } from './journey-dates.ts';
import type { Milestone, Pathway, Status } from './stages.ts';
import { englandAndWales, type WorkingCalendar } from './working-days.ts';

/**
 * Timescale alerts, computed from a household's current-episode milestones (never stored by
 * hand). Thresholds are the service's to change (Settings); the defaults follow the domain
 * brief. Working-day thresholds skip weekends and England and Wales bank holidays.
 */
export interface AlertThresholds {
  /** Enquiry answered within N working days (local practice: 1). */
  respondWorkingDays: number;
  /** Initial visit within N working days of the enquiry (5). */
  initialVisitWorkingDays: number;
  /** Stage 1 should not run longer than N months (4). */
  stage1Months: number;
  /** Application received (domain/journey-dates.applicationReceived) to panel within N months (8). */
  applicationToPanelMonths: number;
  /** Agency decision within N working days of the panel minutes, else of the panel (7). */
  panelToDecisionWorkingDays: number;
  /** Kinship temporary approval (Reg 24): first limit in weeks (16). */
  kinshipFirstWeeks: number;
  /** Kinship temporary approval including its one extension, in weeks (24). */
  kinshipFinalWeeks: number;
}

export const DEFAULT_THRESHOLDS: AlertThresholds = {
  respondWorkingDays: 1,
  initialVisitWorkingDays: 5,
  stage1Months: 4,
  applicationToPanelMonths: 8,
  panelToDecisionWorkingDays: 7,
  kinshipFirstWeeks: REG24_WEEKS.first,
  kinshipFinalWeeks: REG24_WEEKS.final,
};

export const ALERT_KINDS = [
  'respond',
  'initial_visit',
  'stage1',
  'stage1_decision',
  'panel',
  'decision',
  'reg24_first',
  'reg24_final',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/**
 * Each alert's name, true before its due date and after it (the list, the record, Home and the
 * exports put it beside the date, the overdue ones marked "Overdue" there): never a name that says
 * it is late, as "Stage 1 running over time" did months before it was.
 */
export const ALERT_LABELS: Record<AlertKind, string> = {
  respond: 'Respond to the enquiry',
  initial_visit: 'Initial visit due',
  stage1: 'Stage 1 time limit',
  stage1_decision: 'Stage 1 decision due',
  panel: 'Application to panel time limit',
  decision: 'Decision after panel due',
  reg24_first: 'Kinship temporary approval, first limit',
  reg24_final: 'Kinship temporary approval, final limit',
};

/**
 * The decision alert's words say where its clock starts: the panel's final minutes, or the panel
 * date where no minutes are recorded (the brief: "and say so"). The record, Home's list of
 * alerts due this week and the households list's export all word it here.
 */
export const decisionAlertLabel = (from: 'panel_minutes' | 'panel'): string =>
  from === 'panel_minutes'
    ? `${ALERT_LABELS.decision} (from the panel minutes)`
    : `${ALERT_LABELS.decision} (from the panel date: minutes not recorded)`;

/**
 * A household's stored next alert in words, as its record words it: `panelMinutes` says whether
 * its panel's minutes are recorded, asked only of a decision after panel (the stored alert does
 * not say what it counts from).
 */
export const nextAlertLabel = (kind: AlertKind, panelMinutes: () => boolean): string =>
  kind === 'decision'
    ? decisionAlertLabel(panelMinutes() ? 'panel_minutes' : 'panel')
    : (ALERT_LABELS[kind] ?? kind);

export interface Alert {
  kind: AlertKind;
  label: string;
  due: IsoDate;
}

export interface AlertFacts {
  status: Status;
  pathway: Pathway;
  /** Current-episode milestone dates. */
  milestones: Partial<Record<Milestone, IsoDate>>;
  respondedDate?: IsoDate | null;
  /**
   * The current episode's pathway as the episodes record holds it: as at its enquiry, and a
   * dated switch inside it. The application clock reads it (a viability request is the
   * application only if the episode was kinship that day), so the alert and the reports agree.
   * Absent: the household's current pathway throughout (a new household, which has no switch).
   */
  episodePathway?: EpisodePathway;
  /** Current-episode journey dates (panel minutes, kinship steps). */
  journey?: JourneyDates;
  /** The service's setting: what "application received" means (default Stage 1). */
  applicationBasis?: ApplicationBasis;
}

/**
 * Whether an alert due on `due` is overdue on `today`: once its due day has passed. The due date
 * is the last day its timescale allows (respond "within 1 working day", 16 weeks from the reg 24
 * placement, 8 months to panel), so on that day the step is due, not yet overdue. The stored flag
 * (db/queries/alerts.ts markOverdue) says the same in SQL: `next_alert_date < today`.
 */
export const isOverdue = (due: IsoDate, today: IsoDate): boolean => due < today;

/**
 * The kinship steps that answer a household's enquiry as an EOI does, ending its "respond" and
 * "initial visit" alerts: its viability request is its application, and a child placed with it
 * under reg 24 means the service is long in touch. The one list: computeAlerts reads it, and the
 * upgrade's catch-up query (db/queries/alerts.ts) is generated from it.
 */
export const ENQUIRY_ANSWERING_STEPS = [
  'viability_request',
  'viability_outcome',
  'reg24_placement',
] as const satisfies readonly JourneyDateKind[];

/**
 * Bumped whenever a change to computeAlerts alters the alerts of households already stored; the
 * households it can alter (ALERT_RULES_CATCH_UP in db/queries/alerts.ts) are then recomputed once.
 * 2: a kinship step (viability request or outcome, reg 24 placement) answers the enquiry.
 * 3: and ends the initial-visit alert of a household switched from kinship to mainstream.
 * 4: the reg 24 clock runs on for a household switched to mainstream while a child is placed with it.
 * 5: an IRM review extends the reg 24 approval to its outcome (reg 25(3)), not by the days it was pending.
 * 6: (the summary beside them) an open household whose viability request is its kinship application stands at Stage 1.
 * 7: and its Stage 1 time limit runs from that request, as from a Stage 1 start.
 * 8: an IRM review begun after the reg 24 limit had passed no longer stops or moves it.
 * 9: nor does an extension dated after the first limit; and the reg 24 limits are at most the law's.
 * Not bumped for the Stage 1 decision alert: it follows all Stage 1 information obtained, a step
 * no database before migration 23 can hold, so no household's stored alerts change with it.
 */
export const ALERT_RULES = 9;

// Plain functions, not closures made for each household: an import computes 100,000 households' alerts.
const addAlert = (out: Alert[], kind: AlertKind, due: IsoDate) =>
  out.push({ kind, label: ALERT_LABELS[kind], due });
const byDue = (a: Alert, b: Alert) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0);

/** Every pending alert of an open household, earliest due first. Closed, approved and ceased have none. */
export function computeAlerts(
  f: AlertFacts,
  t: AlertThresholds = DEFAULT_THRESHOLDS,
  cal: WorkingCalendar = englandAndWales,
): Alert[] {
  if (f.status !== 'open') return [];
  const m = f.milestones;
  const out: Alert[] = [];
  const beyondEoi = !!(m.eoi || m.stage1 || m.stage2 || m.panel || m.approval);
  const j = f.journey ?? {};
  // A kinship household's own steps answer its enquiry (ENQUIRY_ANSWERING_STEPS), so they also end
  // the wait for an initial visit of a household since switched to mainstream.
  let kinshipStep = false;
  for (const k of ENQUIRY_ANSWERING_STEPS) if (j[k]) kinshipStep = true;
  if (m.enquiry && !f.respondedDate && !m.initial_visit && !beyondEoi && !kinshipStep) {
    addAlert(out, 'respond', cal.addWorkingDays(m.enquiry, t.respondWorkingDays));
  }
  if (m.enquiry && f.pathway === 'mainstream' && !m.initial_visit && !beyondEoi && !kinshipStep) {
    addAlert(out, 'initial_visit', cal.addWorkingDays(m.enquiry, t.initialVisitWorkingDays));
  }
  // Stage 1 starts with the formal application, so for a kinship household with its viability
  // request (the reports' Stage 1 start: the list and pipeline show it at Stage 1 from then).
  // One episode's facts for both application clocks below (the Stage 1 basis reads no EOI).
  const episode = {
    ...(f.episodePathway ?? { pathway: f.pathway }),
    eoi: m.eoi,
    stage1: m.stage1,
    viability_request: j.viability_request?.date,
  };
  const stage1Start = applicationReceived(episode, 'stage1');
  if (stage1Start && !pastStage1(m)) addAlert(out, 'stage1', addMonths(stage1Start, t.stage1Months));
  // A Stage 1 decision within 10 working days of all Stage 1 information (statutory, not a setting).
  const stage1Information = stage1DecisionClockStart(m, j.stage1_information?.date);
  if (stage1Information)
    addAlert(out, 'stage1_decision', cal.addWorkingDays(stage1Information, STAGE1_DECISION_WORKING_DAYS));
  const application = applicationReceived(episode, f.applicationBasis ?? DEFAULT_APPLICATION_BASIS);
  if (application && !m.panel && !m.approval) {
    addAlert(out, 'panel', addMonths(application, t.applicationToPanelMonths));
  }
  const decision = m.approval ? null : decisionClockStart(m.panel, j.panel_minutes?.date);
  if (decision) {
    out.push({
      kind: 'decision',
      label: decisionAlertLabel(decision.from),
      due: cal.addWorkingDays(decision.date, t.panelToDecisionWorkingDays),
    });
  }
  // Reg 24: from the placement date, never the enquiry; none while an IRM review is pending. The
  // temporary approval lasts while the child stays placed, whatever pathway the assessment has moved to.
  const reg24 = !m.approval
    ? reg24Clock(j, { first: t.kinshipFirstWeeks, final: t.kinshipFinalWeeks })
    : null;
  const due = reg24Due(reg24);
  if (due) addAlert(out, due.kind, due.due);
  return out.sort(byDue);
}

/**
 * The thresholds as the clocks use them: the reg 24 limits never past the law's 16 and 24 weeks,
 * which checkThresholds refuses, where a setting saved before it did is still stored.
 */
export function lawfulThresholds(t: AlertThresholds): AlertThresholds {
  return {
    ...t,
    kinshipFirstWeeks: Math.min(t.kinshipFirstWeeks, REG24_WEEKS.first),
    kinshipFinalWeeks: Math.min(t.kinshipFinalWeeks, REG24_WEEKS.final),
  };
}

/**
 * Checks a thresholds object: every field at fault and why, at most one fault a field (empty: all
 * fine). Each is said beside its own field at once (helper-242: a first limit of 17 weeks and a
 * final one of 30 were refused one after the other).
 */
export function checkThresholds(
  t: AlertThresholds,
): Array<{ field: keyof AlertThresholds; message: string }> {
  const faults: Array<{ field: keyof AlertThresholds; message: string }> = [];
  const fault = (field: keyof AlertThresholds, message: string) => {
    if (!faults.some((f) => f.field === field)) faults.push({ field, message });
  };
  for (const key of Object.keys(DEFAULT_THRESHOLDS) as Array<keyof AlertThresholds>) {
    const v = t[key];
    if (!Number.isInteger(v) || v < 1 || v > 520) fault(key, `${key} must be a whole number from 1 to 520.`);
  }
  // Reg 24 and 25 are the law: a setting may warn sooner, never later.
  if (t.kinshipFirstWeeks > REG24_WEEKS.first)
    fault(
      'kinshipFirstWeeks',
      `The first kinship limit cannot be longer than the ${REG24_WEEKS.first} weeks regulation 24 allows.`,
    );
  if (t.kinshipFinalWeeks > REG24_WEEKS.final)
    fault(
      'kinshipFinalWeeks',
      `The final kinship limit cannot be longer than the ${REG24_WEEKS.final} weeks a regulation 25 extension allows.`,
    );
  if (t.kinshipFinalWeeks < t.kinshipFirstWeeks)
    fault('kinshipFinalWeeks', 'The final kinship limit cannot be shorter than the first limit.');
  return faults;
}
