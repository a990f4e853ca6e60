import type { Db } from '../open.ts';
import { searchText, summarise, type HouseholdFacts } from '../../domain/summary.ts';
import type { Milestone, OpenStage } from '../../domain/stages.ts';

interface FactsRow {
  id: number;
  episode: number;
  reference: string;
  first_name: string | null;
  surname: string | null;
  email: string | null;
  postcode: string | null;
}

/**
 * Recomputes the denormalised summary columns of the given households (status, stage,
 * stage_date, enquiry_date, search_text) from their facts. Call inside the transaction
 * that changed the facts.
 */
export function refreshSummaries(db: Db, ids: Iterable<number>): void {
  const household = db.prepare<[number], FactsRow>(
    'SELECT id, episode, reference, first_name, surname, email, postcode FROM households WHERE id = ?',
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
    `UPDATE households SET status = ?, stage = ?, stage_date = ?, enquiry_date = ?, search_text = ?
     WHERE id = ?`,
  );
  for (const id of ids) {
    const h = household.get(id);
    if (!h) continue;
    const c = closure.get(id, h.episode);
    const facts: HouseholdFacts = {
      episode: h.episode,
      milestones: milestones.all(id),
      closure: c ? { episode: c.episode, date: c.date, stageReached: c.stage_reached } : null,
      cessation: cessation.get(id) ?? null,
    };
    const s = summarise(facts);
    const text = searchText({
      reference: h.reference,
      firstName: h.first_name,
      surname: h.surname,
      email: h.email,
      postcode: h.postcode,
    });
    update.run(s.status, s.stage, s.stageDate, s.enquiryDate, text, id);
  }
}
