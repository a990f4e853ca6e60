import type { Db } from '../open.ts';
import type { HouseholdRecord, MilestoneRecord, TimelineEntry } from '../../domain/household-records.ts';
import { ApiError } from '../../domain/errors.ts';
import { computeAlerts, isOverdue } from '../../domain/alerts.ts';
import type { Milestone, Pathway } from '../../domain/stages.ts';
import { readThresholds } from './alerts.ts';
import { describeAudit, type ReasonLabels } from '../../domain/timeline.ts';
import { milestoneOrderSql } from '../journey-sql.ts';
import { applicationDate, followsKinship, kinshipApplication } from '../../domain/journey-dates.ts';
import { reg24Clock } from '../../domain/decision-clocks.ts';
import { episodePathwayReader } from '../episodes.ts';
import { episodeJourneyDates, journeyDateRows, readApplicationBasis } from '../journey-dates.ts';
import { fieldSourcesReader } from '../field-sources.ts';
import { auditValue, creationValues, isValuelessCreation } from '../creation-entry.ts';

/** One household row as stored. Adding a detail column: update rowToRecord and domain/household-details.ts. */
export interface HouseholdRow {
  id: number;
  reference: string;
  pathway: Pathway;
  first_name: string | null;
  surname: string | null;
  email: string | null;
  telephone: string | null;
  postcode: string | null;
  source: string | null;
  household_type: string | null;
  notes: string | null;
  episode: number;
  status: HouseholdRecord['status'];
  stage: string;
  stage_date: string | null;
  enquiry_date: string | null;
  responded_date: string | null;
  /** Set once its personal details were erased: an import never fills them again. */
  purged_at: string | null;
  updated_at: string;
}

export { EDITABLE, type EditableField } from '../../domain/household-details.ts';

export function getRow(db: Db, id: number): HouseholdRow {
  const row = db.prepare<[number], HouseholdRow>('SELECT * FROM households WHERE id = ?').get(id);
  if (!row) throw new ApiError('not_found', `There is no household with id ${id}.`, 'id');
  return row;
}

export function milestonesOf(db: Db, id: number): MilestoneRecord[] {
  return db
    .prepare<[number], MilestoneRecord>(
      `SELECT kind, date, episode, source FROM milestones WHERE household_id = ?
       ORDER BY episode, date, ${milestoneOrderSql('kind')}`,
    )
    .all(id);
}

/** The current episode's milestone dates, by kind. */
export function currentDates(db: Db, id: number, episode: number): Partial<Record<Milestone, string>> {
  return Object.fromEntries(
    db
      .prepare<[number, number], { kind: Milestone; date: string }>(
        'SELECT kind, date FROM milestones WHERE household_id = ? AND episode = ?',
      )
      .all(id, episode)
      .map((m) => [m.kind, m.date]),
  );
}

export function getRecord(db: Db, id: number, today: string): HouseholdRecord {
  const h = getRow(db, id);
  const milestones = milestonesOf(db, id);
  const closures = db
    .prepare<[number], HouseholdRecord['closures'][number]>(
      `SELECT c.id, c.episode, c.date, c.stage_reached AS stageReached, c.reason_key AS reasonKey,
         COALESCE(r.label, c.reason_key) AS reasonLabel, c.reason_text AS reasonText, c.ended_by AS endedBy, c.notes, c.reopened_on AS reopenedOn
       FROM closures c LEFT JOIN reasons r ON r.list = c.reason_list AND r.key = c.reason_key
       WHERE c.household_id = ? ORDER BY c.episode`,
    )
    .all(id);
  const cessation =
    db
      .prepare<[number], NonNullable<HouseholdRecord['cessation']>>(
        `SELECT c.id, c.date, c.notice_date AS noticeDate, c.reason_key AS reasonKey,
           COALESCE(r.label, c.reason_key) AS reasonLabel, c.reason_text AS reasonText, c.initiated_by AS initiatedBy, c.notes
         FROM cessations c LEFT JOIN reasons r ON r.list = c.reason_list AND r.key = c.reason_key
         WHERE c.household_id = ?`,
      )
      .get(id) ?? null;
  const reasonsOf = db
    .prepare<[number], string>(
      'SELECT reason_key FROM exit_interview_reasons WHERE interview_id = ? ORDER BY reason_key',
    )
    .pluck();
  const exitInterviews = db
    .prepare<
      [number],
      {
        id: number;
        closure_id: number | null;
        cessation_id: number | null;
        status: 'offered' | 'held' | 'declined';
        offered_date: string | null;
        held_date: string | null;
        held_by: string | null;
        notes: string | null;
        might_return: number | null;
      }
    >('SELECT * FROM exit_interviews WHERE household_id = ? ORDER BY id')
    .all(id)
    .map((i) => ({
      id: i.id,
      closureId: i.closure_id,
      cessationId: i.cessation_id,
      status: i.status,
      offeredDate: i.offered_date,
      heldDate: i.held_date,
      heldBy: i.held_by,
      notes: i.notes,
      mightReturn: i.might_return === null ? null : i.might_return === 1,
      reasons: reasonsOf.all(i.id),
    }));
  const pathwayChanges = db
    .prepare<[number], { date: string; from: string; to: string }>(
      'SELECT date, from_pathway AS "from", to_pathway AS "to" FROM pathway_changes WHERE household_id = ? ORDER BY date, id',
    )
    .all(id);
  const fieldSources = Object.fromEntries(fieldSourcesReader(db)(id).map((f) => [f.field, f.source]));
  const journey = episodeJourneyDates(db, id, h.episode);
  const thresholds = readThresholds(db);
  const current = currentDates(db, id, h.episode);
  const basis = readApplicationBasis(db);
  // Whether a viability request is the application depends on the episode's pathway that day, as
  // its record holds it (the list's alerts, made by refreshSummaries, read the same row).
  const episodeRecord = episodePathwayReader(db)(id, h.episode);
  const episodePathway = journey.viability_request ? episodeRecord : undefined;
  const alerts = computeAlerts(
    {
      status: h.status,
      pathway: h.pathway,
      milestones: current,
      respondedDate: h.responded_date,
      journey,
      episodePathway,
      applicationBasis: basis,
    },
    thresholds,
  ).map((a) => ({ ...a, overdue: isOverdue(a.due, today) }));
  const application = applicationDate(
    {
      ...(episodePathway ?? { pathway: h.pathway }),
      eoi: current.eoi,
      stage1: current.stage1,
      viability_request: journey.viability_request?.date,
    },
    basis,
  );
  const journeyDates = journeyDateRows(db, id).map((r) => ({
    kind: r.kind,
    date: r.date,
    episode: r.episode,
    detail: r.detail,
    reason: r.reason,
    weeks: r.weeks,
    source: r.source,
  }));
  // The temporary approval's clock runs from the placement, whatever pathway the household is on now,
  // until the household is approved or its assessment ends (as the alerts and Home count it).
  const clock =
    h.status === 'open'
      ? reg24Clock(journey, { first: thresholds.kinshipFirstWeeks, final: thresholds.kinshipFinalWeeks })
      : null;
  return {
    id: h.id,
    reference: h.reference,
    pathway: h.pathway,
    firstName: h.first_name,
    surname: h.surname,
    email: h.email,
    telephone: h.telephone,
    postcode: h.postcode,
    source: h.source,
    householdType: h.household_type,
    notes: h.notes,
    episode: h.episode,
    status: h.status,
    stage: h.stage,
    stageDate: h.stage_date,
    enquiryDate: h.enquiry_date,
    respondedDate: h.responded_date,
    purged: h.purged_at !== null,
    purgedOn: h.purged_at?.slice(0, 10) ?? null,
    milestones,
    closures,
    cessation,
    exitInterviews,
    pathwayChanges,
    alerts,
    fieldSources,
    journeyDates,
    application,
    kinshipApplication: kinshipApplication(
      episodePathway ?? { pathway: h.pathway },
      journey.viability_request?.date,
    ),
    reg24: clock,
    followsKinship: followsKinship(h.pathway, episodeRecord),
  };
}

/** Every reason's label by its key, retired ones too (an old entry may hold one). */
export function reasonLabels(db: Db): ReasonLabels {
  const rows = db
    .prepare<[], { list: string; key: string; label: string }>('SELECT list, key, label FROM reasons')
    .all();
  const of = (list: string) => new Map(rows.filter((r) => r.list === list).map((r) => [r.key, r.label]));
  return { dropout: of('dropout'), leaving: of('leaving') };
}

/**
 * The duplicates merged into household `id` (or into one merged into it later), by their old id:
 * each merge's entry names the duplicate, and its history keeps the duplicate's id as its entity.
 */
function mergedInto(db: Db, id: number): Map<number, NonNullable<TimelineEntry['mergedFrom']>> {
  const rows = db
    .prepare<[number], { id: number | null; reference: string | null; into: string | null; at: string }>(
      `SELECT old_value ->> 'id' AS id, old_value ->> 'reference' AS reference,
         new_value ->> 'reference' AS "into", at
       FROM audit_log WHERE household_id = ? AND action = 'merge' AND field = 'merged'`,
    )
    .all(id);
  const out = new Map<number, NonNullable<TimelineEntry['mergedFrom']>>();
  for (const r of rows)
    if (r.id !== null && r.reference !== null)
      out.set(r.id, { reference: r.reference, into: r.into ?? 'this household', on: r.at.slice(0, 10) });
  return out;
}

export function timeline(db: Db, id: number): TimelineEntry[] {
  getRow(db, id);
  const reasons = reasonLabels(db);
  const merged = mergedInto(db, id);
  return db
    .prepare<
      [number],
      {
        id: number;
        at: string;
        user: string;
        action: string;
        entity: string;
        entity_id: number | null;
        field: string | null;
        old_value: string | null;
        new_value: string | null;
        reason: string | null;
        batch_id: number | null;
      }
    >('SELECT * FROM audit_log WHERE household_id = ? ORDER BY id DESC LIMIT 1000')
    .all(id)
    .map((a) => {
      const entry = {
        id: a.id,
        at: a.at,
        user: a.user,
        action: a.action,
        entity: a.entity,
        field: a.field,
        oldValue: auditValue(a.old_value),
        newValue: isValuelessCreation(a) ? creationValues(db, id, a.id) : auditValue(a.new_value),
        reason: a.reason,
        batchId: a.batch_id,
        // A household entry of a duplicate merged in names it, so its creation is not read as this one's.
        ...(a.entity === 'household' && a.entity_id !== id && a.entity_id !== null && merged.has(a.entity_id)
          ? { mergedFrom: merged.get(a.entity_id) }
          : {}),
      };
      return { ...entry, summary: describeAudit(entry, reasons) };
    });
}
