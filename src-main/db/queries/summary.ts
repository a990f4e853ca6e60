import type { Db } from '../open.ts';
import { computeAlerts, isOverdue, type AlertThresholds } from '../../domain/alerts.ts';
import { kinshipApplication, type ApplicationBasis, type JourneyDates } from '../../domain/journey-dates.ts';
import type { EpisodePathway } from '../../domain/episode-pathway.ts';
import { summarise, type HouseholdFacts } from '../../domain/summary.ts';
import { foldForSearch } from '../../domain/fold.ts';
import { nameParts } from '../name-parts.ts';
import type { Milestone, OpenStage, Pathway } from '../../domain/stages.ts';
import { alertsComputedAfter, readThresholds } from './alert-settings.ts';
import { writeCalendarMark } from './calendar-mark.ts';
import { BANK_HOLIDAYS_MARK } from '../../domain/bank-holidays.ts';
import { today as clockToday } from '../../clock.ts';
import { episodePathwayReader, refreshEpisodes } from '../episodes.ts';
import { episodeJourneyDates, readApplicationBasis } from '../journey-dates.ts';

/** What a household's summary reads from its row (refreshSummaries also folds the names). */
export interface FactsRow {
  id: number;
  episode: number;
  pathway: Pathway;
  first_name: string | null;
  surname: string | null;
  responded_date: string | null;
}

/** The summary columns of the households table, in the order SUMMARY_SQL names them. */
export interface SummaryColumns {
  status: string;
  stage: string;
  stage_date: string | null;
  enquiry_date: string | null;
  next_alert: string | null;
  next_alert_date: string | null;
  overdue: 0 | 1;
}

/** What every household's summary needs from the database besides its own facts (read once per write). */
export interface SummarySettings {
  thresholds: AlertThresholds;
  applicationBasis: ApplicationBasis;
  today: string;
}

export const summarySettings = (db: Db, today: string = clockToday()): SummarySettings => ({
  thresholds: readThresholds(db),
  applicationBasis: readApplicationBasis(db),
  today,
});

/**
 * The summary columns from a household's facts: the one computation behind refreshSummaries and
 * the import's bulk insert of new households (which has the facts in hand and no row to read).
 * `journey`: the current episode's journey dates, read only for an open household.
 * `episodePathway`: the current episode's row's pathway and switch, read only when it has a
 * viability request (whether that is the application depends on the pathway that day); none
 * for a new household, which has no switch.
 */
export function summaryColumns(
  h: Pick<FactsRow, 'episode' | 'pathway' | 'responded_date'>,
  facts: Omit<HouseholdFacts, 'kinshipApplication'>,
  journey: () => JourneyDates,
  settings: SummarySettings,
  episodePathway?: () => EpisodePathway | undefined,
): SummaryColumns {
  const current: Partial<Record<Milestone, string>> = {};
  for (const m of facts.milestones) if (m.episode === h.episode) current[m.kind] = m.date;
  let j: JourneyDates = {};
  let onPathway: EpisodePathway | undefined;
  // The journey is read for an open household only (summarise returns 'open' exactly where it
  // would ask for the kinship application): an open household whose viability request is its
  // kinship application stands at Stage 1 at least, so it is summarised again with it. Two calls,
  // not a closure made for each household: an import summarises 100,000 new households.
  let s = summarise({ ...facts, kinshipApplication: null });
  if (s.status === 'open') {
    j = journey();
    onPathway = j.viability_request ? episodePathway?.() : undefined;
    const applied = kinshipApplication(onPathway ?? { pathway: h.pathway }, j.viability_request?.date);
    if (applied) s = summarise({ ...facts, kinshipApplication: applied });
  }
  const next = computeAlerts(
    {
      status: s.status,
      pathway: h.pathway,
      milestones: current,
      respondedDate: h.responded_date,
      journey: j,
      episodePathway: onPathway,
      applicationBasis: settings.applicationBasis,
    },
    settings.thresholds,
  )[0];
  return {
    status: s.status,
    stage: s.stage,
    stage_date: s.stageDate,
    enquiry_date: s.enquiryDate,
    next_alert: next?.kind ?? null,
    next_alert_date: next?.due ?? null,
    overdue: next && isOverdue(next.due, settings.today) ? 1 : 0,
  };
}

/**
 * Recomputes the denormalised summary columns of the given households (status, stage,
 * stage_date, enquiry_date, next_alert, next_alert_date, overdue) from their facts,
 * and the folded names the list's search reads (first_name_fold, surname_fold: domain/fold.ts) with
 * the surname's later parts (db/name-parts.ts).
 * Call inside the transaction that changed the facts. `today` only sets the overdue flag
 * (markOverdue keeps it current as days pass).
 */
export function refreshSummaries(db: Db, ids: Iterable<number>, today: string = clockToday()): void {
  const household = db.prepare<[number], FactsRow>(
    'SELECT id, episode, pathway, first_name, surname, responded_date FROM households WHERE id = ?',
  );
  const milestones = db.prepare<[number], { kind: Milestone; date: string; episode: number }>(
    'SELECT kind, date, episode FROM milestones WHERE household_id = ?',
  );
  const closure = db.prepare<[number, number], { episode: number; date: string; stage_reached: OpenStage }>(
    'SELECT episode, date, stage_reached FROM closures WHERE household_id = ? AND episode = ?',
  );
  const cessation = db.prepare<[number], { date: string }>(
    'SELECT date FROM cessations WHERE household_id = ?',
  );
  // Just rebuilt by refreshEpisodes, in this transaction.
  const episodePathway = episodePathwayReader(db);
  const update = db.prepare(
    `UPDATE households SET status = ?, stage = ?, stage_date = ?, enquiry_date = ?,
       next_alert = ?, next_alert_date = ?, overdue = ?, first_name_fold = ?, surname_fold = ?
     WHERE id = ?`,
  );
  const settings = summarySettings(db, today);
  const parts = nameParts(db);
  for (const id of ids) {
    const h = household.get(id);
    if (!h) continue;
    refreshEpisodes(db, id);
    const c = closure.get(id, h.episode);
    const facts: HouseholdFacts = {
      episode: h.episode,
      milestones: milestones.all(id),
      closure: c ? { episode: c.episode, date: c.date, stageReached: c.stage_reached } : null,
      cessation: cessation.get(id) ?? null,
    };
    const s = summaryColumns(
      h,
      facts,
      () => episodeJourneyDates(db, id, h.episode),
      settings,
      () => episodePathway(id, h.episode),
    );
    update.run(
      s.status,
      s.stage,
      s.stage_date,
      s.enquiry_date,
      s.next_alert,
      s.next_alert_date,
      s.overdue,
      foldForSearch(h.first_name),
      foldForSearch(h.surname),
      id,
    );
    parts.sync(id, h);
  }
}

/** Refreshes every household that can carry an alert (after thresholds change or sample data). */
export function refreshAllOpen(db: Db, today: string = clockToday()): number {
  // IMMEDIATE: it reads, then writes; a deferred transaction whose snapshot another program wrote
  // past in between could not take the write lock, and SQLite does not wait for that case.
  return db
    .transaction(() => {
      const ids = db.prepare<[], number>("SELECT id FROM households WHERE status = 'open'").pluck().all();
      refreshSummaries(db, ids, today);
      alertsComputedAfter(db, 0);
      writeCalendarMark(db, BANK_HOLIDAYS_MARK);
      return ids.length;
    })
    .immediate();
}
