import type { Db } from '../open.ts';
import { computeAlerts } from '../../domain/alerts.ts';
import { searchText, summarise, type HouseholdFacts } from '../../domain/summary.ts';
import type { Milestone, OpenStage, Pathway } from '../../domain/stages.ts';
import { alertsComputedAfter, readThresholds } from './alert-settings.ts';
import { today as clockToday } from '../../clock.ts';
import { refreshEpisodes } from '../episodes.ts';
import { episodeJourneyDates, readApplicationBasis } from '../journey-dates.ts';

interface FactsRow {
  id: number;
  episode: number;
  reference: string;
  pathway: Pathway;
  first_name: string | null;
  surname: string | null;
  email: string | null;
  postcode: string | null;
  responded_date: string | null;
}

/**
 * Recomputes the denormalised summary columns of the given households (status, stage,
 * stage_date, enquiry_date, search_text, next_alert, next_alert_date, overdue) from their facts.
 * Call inside the transaction that changed the facts. `today` only sets the overdue flag
 * (markOverdue keeps it current as days pass).
 */
export function refreshSummaries(db: Db, ids: Iterable<number>, today: string = clockToday()): void {
  const household = db.prepare<[number], FactsRow>(
    `SELECT id, episode, reference, pathway, first_name, surname, email, postcode, responded_date
     FROM households WHERE id = ?`,
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
  const update = db.prepare(
    `UPDATE households SET status = ?, stage = ?, stage_date = ?, enquiry_date = ?, search_text = ?,
       next_alert = ?, next_alert_date = ?, overdue = ?
     WHERE id = ?`,
  );
  const thresholds = readThresholds(db);
  const applicationBasis = readApplicationBasis(db);
  for (const id of ids) {
    const h = household.get(id);
    if (!h) continue;
    refreshEpisodes(db, id);
    const c = closure.get(id, h.episode);
    const all = milestones.all(id);
    const facts: HouseholdFacts = {
      episode: h.episode,
      milestones: all,
      closure: c ? { episode: c.episode, date: c.date, stageReached: c.stage_reached } : null,
      cessation: cessation.get(id) ?? null,
    };
    const s = summarise(facts);
    const current = Object.fromEntries(
      all.filter((m) => m.episode === h.episode).map((m) => [m.kind, m.date]),
    );
    const next = computeAlerts(
      {
        status: s.status,
        pathway: h.pathway,
        milestones: current,
        respondedDate: h.responded_date,
        journey: s.status === 'open' ? episodeJourneyDates(db, id, h.episode) : {},
        applicationBasis,
      },
      thresholds,
    )[0];
    const text = searchText({
      reference: h.reference,
      firstName: h.first_name,
      surname: h.surname,
      email: h.email,
      postcode: h.postcode,
    });
    update.run(
      s.status,
      s.stage,
      s.stageDate,
      s.enquiryDate,
      text,
      next?.kind ?? null,
      next?.due ?? null,
      next && next.due <= today ? 1 : 0,
      id,
    );
  }
}

/** Refreshes every household that can carry an alert (after thresholds change or sample data). */
export function refreshAllOpen(db: Db, today: string = clockToday()): number {
  const ids = db.prepare<[], number>("SELECT id FROM households WHERE status = 'open'").pluck().all();
  db.transaction(() => {
    refreshSummaries(db, ids, today);
    alertsComputedAfter(db, 0);
  })();
  return ids.length;
}
