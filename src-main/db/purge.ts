import type { PurgeCandidate, PurgeDue, PurgeResult, RetentionRule } from '../contract/data.ts';
import { ApiError } from '../contract/errors.ts';
import { addMonths, type IsoDate } from '../domain/dates.ts';
import { getRetention } from './data-settings.ts';
import type { Db } from './open.ts';
import { writeAudit } from './queries/audit.ts';
import { refreshSummaries } from './queries/summary.ts';
import { nowIso } from '../clock.ts';

/**
 * Columns that hold personal details (names, contact details, free text), erased by a
 * purge. Every other column is kept so every report is unchanged. Adding a column to the
 * schema: classify it here or in KEPT_COLUMNS (tests/integration/reliability/purge.test.ts
 * fails on an unclassified column), and extend the UPDATE statements below.
 */
export const PERSONAL_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  households: ['first_name', 'surname', 'email', 'telephone', 'postcode', 'notes', 'search_text'],
  closures: ['reason_text', 'notes'],
  cessations: ['reason_text', 'notes'],
  exit_interviews: ['notes'],
  audit_log: ['old_value', 'new_value', 'reason'],
  // An extension's reason is free text about the child's case.
  journey_dates: ['reason'],
};

/** Text columns kept on purge, with why they are not personal details. */
export const KEPT_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  // reference (the CRM's id or a one-way hash), pathway, source, dates and summary: what reports count.
  households: [
    'reference',
    'pathway',
    'source',
    'household_type',
    'status',
    'stage',
    'stage_date',
    'enquiry_date',
    'next_alert',
    'next_alert_date',
    'purged_at',
    'created_at',
    'updated_at',
    'responded_date',
  ],
  milestones: ['kind', 'date', 'source'],
  closures: ['date', 'stage_reached', 'reason_list', 'reason_key', 'ended_by', 'reopened_on', 'source'],
  cessations: ['date', 'notice_date', 'reason_list', 'reason_key', 'initiated_by', 'source'],
  // held_by names the member of staff, not the household.
  exit_interviews: ['status', 'offered_date', 'held_date', 'held_by'],
  exit_interview_reasons: ['list', 'reason_key'],
  pathway_changes: ['date', 'from_pathway', 'to_pathway'],
  // The dated steps and the viability result (positive / negative) are what the kinship table counts.
  journey_dates: ['kind', 'date', 'detail', 'source'],
  // Episodes (migration 5) hold dates, stages, keys and the source: what every report counts.
  episodes: [
    'pathway',
    'switched_on',
    'switched_to',
    'source',
    'household_type',
    'enquiry',
    'initial_visit',
    'eoi',
    'stage1',
    'stage2',
    'panel',
    'approval',
    'stage_reached',
    'closed_on',
    'closed_stage',
    'closed_reason',
    'ended_by',
    'ceased_on',
    'ceased_reason',
    'panel_minutes',
    'viability_request',
    'viability_outcome',
    'viability_result',
    'reg24_placement',
    'extension',
    'irm_pending_from',
    'irm_pending_to',
  ],
  field_sources: ['field', 'source'],
  audit_log: ['at', 'user', 'action', 'entity', 'field'],
};

interface DueRow {
  id: number;
  reference: string;
  first_name: string | null;
  surname: string | null;
  status: 'closed' | 'ceased';
  applied: number;
  ended: IsoDate | null;
}

/** Households whose retention period has passed on `today`, oldest first. */
export function listPurgeDue(db: Db, today: IsoDate): PurgeDue {
  const retention = getRetention(db);
  const rows = db
    .prepare<[], DueRow>(
      `SELECT h.id, h.reference, h.first_name, h.surname, h.status,
         EXISTS (SELECT 1 FROM milestones m WHERE m.household_id = h.id
                 AND m.kind IN ('eoi', 'stage1', 'stage2', 'panel', 'approval')) AS applied,
         CASE h.status
           WHEN 'ceased' THEN (SELECT c.date FROM cessations c WHERE c.household_id = h.id)
           ELSE (SELECT c.date FROM closures c WHERE c.household_id = h.id AND c.episode = h.episode)
         END AS ended
       FROM households h
       WHERE h.purged_at IS NULL AND h.status IN ('closed', 'ceased')`,
    )
    .all();
  const households: PurgeCandidate[] = [];
  for (const r of rows) {
    if (!r.ended) continue;
    const rule: RetentionRule = r.status === 'ceased' ? 'carer' : r.applied ? 'applicant' : 'enquirer';
    const years =
      rule === 'carer'
        ? retention.carerYears
        : rule === 'applicant'
          ? retention.applicantYears
          : retention.enquirerYears;
    const dueFrom = addMonths(r.ended, years * 12);
    if (dueFrom > today) continue;
    households.push({
      id: r.id,
      reference: r.reference,
      name: [r.first_name, r.surname].filter(Boolean).join(' '),
      rule,
      endedOn: r.ended,
      dueFrom,
    });
  }
  households.sort((a, b) => (a.dueFrom < b.dueFrom ? -1 : a.dueFrom > b.dueFrom ? 1 : a.id - b.id));
  return { today, retention, households };
}

/**
 * Erases the personal details of due households (all, or the given ids, each of which must
 * be due) in one transaction. Milestones, closures, reasons, pathway and source stay, so
 * every report is unchanged. The audit log records counts only.
 */
export function purgeHouseholds(db: Db, user: string, today: IsoDate, ids?: readonly number[]): PurgeResult {
  const statements = {
    household: db.prepare(
      `UPDATE households SET first_name = NULL, surname = NULL, email = NULL, telephone = NULL,
         postcode = NULL, notes = NULL, purged_at = ?, updated_at = ? WHERE id = ? AND purged_at IS NULL`,
    ),
    closures: db.prepare('UPDATE closures SET reason_text = NULL, notes = NULL WHERE household_id = ?'),
    cessations: db.prepare('UPDATE cessations SET reason_text = NULL, notes = NULL WHERE household_id = ?'),
    interviews: db.prepare('UPDATE exit_interviews SET notes = NULL WHERE household_id = ?'),
    audit: db.prepare(
      'UPDATE audit_log SET old_value = NULL, new_value = NULL, reason = NULL WHERE household_id = ?',
    ),
    journeyDates: db.prepare('UPDATE journey_dates SET reason = NULL WHERE household_id = ?'),
  };
  return db.transaction(() => {
    const due = listPurgeDue(db, today).households;
    let chosen = due;
    if (ids) {
      const byId = new Map(due.map((c) => [c.id, c]));
      chosen = [];
      for (const id of new Set(ids)) {
        const c = byId.get(id);
        if (!c)
          throw new ApiError('refused', `Household ${id} is not due for purging; nothing was erased.`, 'ids');
        chosen.push(c);
      }
    }
    const byRule: Record<RetentionRule, number> = { enquirer: 0, applicant: 0, carer: 0 };
    const now = nowIso();
    for (const c of chosen) {
      statements.household.run(now, now, c.id);
      statements.closures.run(c.id);
      statements.cessations.run(c.id);
      statements.interviews.run(c.id);
      statements.audit.run(c.id);
      statements.journeyDates.run(c.id);
      byRule[c.rule]++;
    }
    // search_text (and anything else derived from names) is recomputed from what is left.
    refreshSummaries(
      db,
      chosen.map((c) => c.id),
    );
    if (chosen.length > 0) {
      writeAudit(db, {
        user,
        action: 'purge',
        entity: 'household',
        newValue: { households: chosen.length, ...byRule },
        reason: 'Retention period passed',
      });
    }
    return { purged: chosen.length, byRule };
  })();
}
