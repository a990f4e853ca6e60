import type {
  ConnectedPersonBasis,
  PurgeCandidate,
  PurgeDue,
  PurgeResult,
  RetentionRule,
} from '../domain/data-protection.ts';
import { ApiError } from '../domain/errors.ts';
import { addDays, addMonths, formatUkDate, type IsoDate } from '../domain/dates.ts';
import { getConnectedPersonBasis, getRetention } from './data-settings.ts';
import type { Db } from './open.ts';
import { eraser, KEPT_AFTER_ERASURE, PERSONAL_COLUMNS } from './erase.ts';
import { spreadPurge } from './purge-ledger.ts';
import { purgeNotReached } from './backups-link-words.ts';
import { writeAudit } from './queries/audit.ts';
import { nowIso } from '../clock.ts';
import { milestonesFromSql } from './journey-sql.ts';
import { readApplicationBasis } from './journey-dates.ts';
import { applicationMilestone } from '../domain/journey-dates.ts';
import { EPISODE_COLUMNS } from './episodes-table.ts';

export { PERSONAL_COLUMNS };

/** Text columns kept on purge, with why they are not personal details. */
export const KEPT_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  // reference (the CRM's id or a one-way hash), pathway, source, dates and summary: what reports count.
  households: [
    'reference',
    'pathway',
    'source',
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
  exit_interviews: ['status', 'offered_date', 'held_date'],
  exit_interview_reasons: ['list', 'reason_key'],
  pathway_changes: ['date', 'from_pathway', 'to_pathway'],
  field_sources: ['field', 'source'],
  audit_log: ['at', 'user', 'action', 'entity', 'field'],
  // References and dates of purges, never names: what makes a purge final (db/purge-ledger.ts).
  purge_ledger: ['reference', 'purged_at'],
  journey_dates: ['kind', 'date', 'detail', 'source'],
  // The episodes record holds dates, keys and pathways: nothing personal but the household type
  // (a file's free text), erased with the household's own (PERSONAL_COLUMNS).
  episodes: EPISODE_COLUMNS.filter((c) => c !== 'household_type'),
  // That a carer 1 or 2 existed and when they joined and left: the Ofsted carer counts of past years.
  household_people: ['joined_on', 'left_on', 'source', 'created_at', 'updated_at'],
  // Places, age range and their dated changes describe the approval, not a person.
  approval_terms: ['source', 'updated_at'],
  place_changes: ['date', 'source', 'created_at'],
  // Targets and comparators: the service's own figures per year, about no household.
  planning_figures: ['fy', 'pathway', 'basis', 'measure'],
  // Not kept in fact: a household's import row mark (a hash of the file row that made it, and a
  // day) is deleted outright when a purge erases the household, by migration 12's trigger on the
  // purge's update (tests/integration/imports/reimport-marks.test.ts).
  import_row_marks: ['row_hash', 'checked_on'],
};

interface DueRow {
  id: number;
  reference: string;
  first_name: string | null;
  surname: string | null;
  status: 'closed' | 'ceased';
  applied: number;
  /** A connected person by the service's setting (CONNECTED below). */
  connected: number;
  ended: IsoDate | null;
}

/**
 * Which reg 32 period applies. A connected person is a person a child was placed with under reg
 * 24 of the Care Planning Regulations 2010, whose records reg 32(2) keeps 10 years from the end
 * of that placement. The app records when a placement began but not when it ended, so the period
 * runs from the household's latest closure, taken as the end of the placement. Who counts as one
 * is the service's setting (CONNECTED_PERSON_BASES, worked out in SQL as `connected`): by default
 * every household ever on the kinship pathway (in any episode, before or after a switch) or
 * placed with under reg 24, as a placement is not always recorded; or only those with a reg 24
 * placement recorded. Either way a connected person keeps that rule even once it moved to
 * mainstream (the placement's records are the same records), never the 3-year applicant rule.
 * Ceased households were approved carers (reg 32(1)), kinship or not.
 */
function ruleFor(r: DueRow): RetentionRule {
  if (r.status === 'ceased') return 'carer';
  if (r.connected) return 'connected_person';
  return r.applied ? 'applicant' : 'enquirer';
}

/** A placement recorded under reg 24, in any episode. */
const PLACED = `EXISTS (SELECT 1 FROM journey_dates j WHERE j.household_id = h.id
                 AND j.kind = 'reg24_placement')`;
/** `connected` by the service's setting (see ruleFor). */
const CONNECTED: Record<ConnectedPersonBasis, string> = {
  kinship_pathway: `(h.pathway = 'kinship'
          OR EXISTS (SELECT 1 FROM episodes e WHERE e.household_id = h.id AND e.pathway = 'kinship')
          OR EXISTS (SELECT 1 FROM pathway_changes p WHERE p.household_id = h.id
                     AND 'kinship' IN (p.from_pathway, p.to_pathway))
          OR ${PLACED})`,
  reg24_placement: PLACED,
};

const YEARS: Record<RetentionRule, keyof PurgeDue['retention']> = {
  enquirer: 'enquirerYears',
  applicant: 'applicantYears',
  carer: 'carerYears',
  connected_person: 'connectedPersonYears',
};

/**
 * Whether a purged household holds personal details again: typed by hand since its purge (the
 * family came back, and its old record was re-opened). They have a retention period of their
 * own, from the household's latest ending, and are listed and erased as any household's are;
 * without this, a purged household was never listed again and kept them for good. Built from
 * the constant PERSONAL_COLUMNS: the household's own columns and its rows' (the people's derived
 * profile aside: the purge erases it with them), and its history's values and reasons written by
 * hand (a purge blanks them all but what erase.ts KEPT_AFTER_ERASURE keeps, so any other left were
 * typed since: an email typed and cleared again, a correction's reason). An import's entries are
 * not counted: it takes no personal detail into a purged household, so its values since are dates
 * and keys.
 */
const HOLDS_PERSONAL = Object.entries(PERSONAL_COLUMNS)
  .filter(([table]) => table !== 'people_profiles')
  .map(([table, columns]) => {
    const any = columns
      .filter((c) => c !== 'search_text')
      .map((c) => {
        const kept = KEPT_AFTER_ERASURE[table]?.[c];
        return kept ? `(x."${c}" IS NOT NULL AND NOT (${kept.when}))` : `x."${c}" IS NOT NULL`;
      })
      .join(' OR ');
    if (table === 'households') return any.replace(/x\./g, 'h.');
    const byHand = table === 'audit_log' ? 'x.batch_id IS NULL AND ' : '';
    return `EXISTS (SELECT 1 FROM "${table}" x WHERE x.household_id = h.id AND ${byHand}(${any}))`;
  })
  .join(' OR ');

/**
 * The first day a record kept `years` whole years from `ended` may go: the anniversary, or for
 * an ending on 29 February the 1 March after a non-leap anniversary (28 February would be a day
 * short of the legal minimum).
 */
function periodEnds(ended: IsoDate, years: number): IsoDate {
  const anniversary = addMonths(ended, years * 12);
  return anniversary.slice(8) < ended.slice(8) ? addDays(anniversary, 1) : anniversary;
}

/**
 * The columns ruleFor and the period's start need, of a household `h`: whether it applied, whether
 * it is a connected person (the service's setting), and the date its journey ended.
 */
function endedSelect(db: Db): string {
  const applied = milestonesFromSql(applicationMilestone(readApplicationBasis(db)));
  const connected = CONNECTED[getConnectedPersonBasis(db)];
  return `SELECT h.id, h.reference, h.first_name, h.surname, h.status,
         (EXISTS (SELECT 1 FROM milestones m WHERE m.household_id = h.id
                 AND m.kind IN ${applied})
          -- A kinship household's viability request stands as its application (the Ofsted return's
          -- application received, when on the kinship pathway that day): any recorded counts here,
          -- the longer period where the two could differ.
          OR EXISTS (SELECT 1 FROM journey_dates v WHERE v.household_id = h.id
                     AND v.kind = 'viability_request')) AS applied,
         ${connected} AS connected,
         CASE h.status
           WHEN 'ceased' THEN (SELECT c.date FROM cessations c WHERE c.household_id = h.id)
           ELSE (SELECT c.date FROM closures c WHERE c.household_id = h.id AND c.episode = h.episode)
         END AS ended`;
}

/** Households whose retention period has passed on `today`, oldest first. */
export function listPurgeDue(db: Db, today: IsoDate): PurgeDue {
  const retention = getRetention(db);
  const connectedPersons = getConnectedPersonBasis(db);
  // Every closed or ceased household is read (869,180 of the bench's 1,000,000), so the households
  // are scanned in id order (NOT INDEXED), not through households_by_status_enquiry_date: in
  // enquiry-date order each row, and each household's lookup below in a household_id index, was a
  // jump to another page of the file; in id order each index is walked in its own order. At
  // 1,000,000 households the whole list took 13.0 s, now 5.2 s (through openDatabase; on a plain
  // connection, with SQLite's default page cache and no memory map, 27.6 s of CPU, now 6.4 s).
  // Rows are iterated, not loaded at once: 869,180 row objects held together cost ~0.7 s more in
  // garbage collection.
  const rows = db
    .prepare<[], DueRow>(
      `${endedSelect(db)}
       FROM households h NOT INDEXED
       WHERE h.status IN ('closed', 'ceased') AND (h.purged_at IS NULL OR ${HOLDS_PERSONAL})`,
    )
    .iterate();
  // Many households share an ending (a few thousand days among 869,180 households): each rule's
  // period end is worked out once a day.
  const ends = new Map<RetentionRule, Map<IsoDate, IsoDate>>();
  // Each due date's households; the list is then the dates in order, each date's households by id
  // (sorting 644,527 households at once took 0.4–0.6 s of CPU, grouping them so 0.2–0.5 s).
  const byDue = new Map<IsoDate, PurgeCandidate[]>();
  for (const r of rows) {
    if (!r.ended) continue;
    const rule = ruleFor(r);
    let ruleEnds = ends.get(rule);
    if (!ruleEnds) ends.set(rule, (ruleEnds = new Map()));
    let dueFrom = ruleEnds.get(r.ended);
    if (dueFrom === undefined) ruleEnds.set(r.ended, (dueFrom = periodEnds(r.ended, retention[YEARS[rule]])));
    if (dueFrom > today) continue;
    let due = byDue.get(dueFrom);
    if (!due) byDue.set(dueFrom, (due = []));
    due.push({
      id: r.id,
      reference: r.reference,
      name: r.first_name && r.surname ? `${r.first_name} ${r.surname}` : r.first_name || r.surname || '',
      rule,
      endedOn: r.ended,
      dueFrom,
    });
  }
  const households: PurgeCandidate[] = [];
  for (const dueFrom of [...byDue.keys()].sort()) {
    // Read in id order already (the scan's), so this sort mostly checks it.
    for (const c of byDue.get(dueFrom)!.sort((a, b) => a.id - b.id)) households.push(c);
  }
  return { today, retention, connectedPersons, households };
}

/**
 * The references of the duplicates merged into a household (db/queries/households-merge.ts
 * deletes each, naming it in its 'merged' audit entry, which later merges carry across). A
 * backup made before the merge, or an export the team imports again, still holds each as a
 * household of its own with the same person's details: the ledger must name them too, so they
 * are erased there and a re-import takes none of them. A reference a live household holds
 * again (the duplicate's row imported after the merge) is left out: that household is not due.
 */
function mergedAwayReferences(db: Db) {
  return db
    .prepare<[number], string>(
      `SELECT DISTINCT a.old_value ->> 'reference' FROM audit_log a
       WHERE a.household_id = ? AND a.action = 'merge' AND a.field = 'merged'
         AND a.old_value ->> 'reference' IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM households h WHERE h.reference = a.old_value ->> 'reference')`,
    )
    .pluck();
}

/**
 * Erases the personal details of due households (all, or the given ids, each of which must
 * be due) in one transaction, and enters their references (and those of duplicates merged into
 * them) in the purge ledger. Milestones,
 * closures, reasons, pathway and source stay, so every report is unchanged. The audit log
 * records counts only. Then the erasure is made final beyond this file: the ledger is written
 * beside the database, the WAL is checkpointed and truncated, and every backup the app keeps
 * is erased the same way (`backupsNotErased` names any that could not be; `backupsNotReached` says
 * where backups behind a link were not).
 */
export function purgeHouseholds(
  db: Db,
  dbPath: string,
  user: string,
  today: IsoDate,
  ids?: readonly number[],
): PurgeResult {
  const result = db.transaction(() => {
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
    return eraseChosen(db, chosen, user, 'Retention period passed');
  })();
  // Run even when nothing was due: it retries any backup an earlier purge could not reach.
  return spreadErasure(db, dbPath, result);
}

/**
 * The erasure made final beyond the file: the ledger written beside it, the WAL checkpointed and
 * truncated, every backup the app keeps erased the same way.
 */
function spreadErasure(db: Db, dbPath: string, result: Pick<PurgeResult, 'purged' | 'byRule'>): PurgeResult {
  const spread = spreadPurge(db, dbPath);
  return {
    ...result,
    backupsErased: spread.erased.length,
    backupsNotErased: spread.failed,
    // An erasure must be seen to reach every copy, or not: backups behind a link are never opened.
    backupsNotReached: spread.behindLink && purgeNotReached(spread.behindLink),
  };
}

/** Erases `chosen` and enters them in the ledger (inside the caller's transaction); one audit entry of counts. */
function eraseChosen(
  db: Db,
  chosen: readonly PurgeCandidate[],
  user: string,
  reason: string,
): Pick<PurgeResult, 'purged' | 'byRule'> {
  const byRule: Record<RetentionRule, number> = {
    enquirer: 0,
    applicant: 0,
    carer: 0,
    connected_person: 0,
  };
  const now = nowIso();
  const erase = eraser(db);
  const ledger = db.prepare(
    // A reference purged again keeps its latest purge: what it erased is erased again in every copy.
    `INSERT INTO purge_ledger (reference, purged_at) VALUES (?, ?)
       ON CONFLICT (reference) DO UPDATE SET purged_at = MAX(purged_at, excluded.purged_at)`,
  );
  const mergedAway = mergedAwayReferences(db);
  // Erased in id order, the order of the households' pages and of every table's household_id
  // index, not the list's (by due date, which scatters them over the file): each page is then
  // read and rewritten once, where in due order a page left the page cache and went to the WAL
  // again and again. At 1,000,000 households (1.7 GB), 200,000 of them purged: 57-62 s of CPU
  // in due order, 40-42 s in id order (the whole purge but the VACUUM). Erasing one household
  // reads and writes that household's rows alone, so the order changes nothing erased.
  for (const c of [...chosen].sort((a, b) => a.id - b.id)) {
    // The duplicates merged into it, named by the merge's entries (the erasure keeps those: db/erase.ts).
    const aliases = mergedAway.all(c.id);
    erase.household(c.id, c.reference, now);
    ledger.run(c.reference, now);
    for (const reference of aliases) ledger.run(reference, now);
    byRule[c.rule]++;
  }
  if (chosen.length > 0) {
    writeAudit(db, {
      user,
      action: 'purge',
      entity: 'household',
      newValue: { households: chosen.length, ...byRule },
      reason,
    });
  }
  return { purged: chosen.length, byRule };
}

/**
 * Erases one household's personal details now, at the person's request (UK GDPR article 17), as
 * a purge does, where no law keeps them: an enquirer who never applied (local policy alone, the
 * enquirer rule), whose record is closed. An applicant's, a carer's or a connected person's
 * records are kept by reg 32 for their period, which the refusal names with the day it ends; an
 * open record is closed first (its closure counts as a drop-out, as any). The request's own words
 * are not kept: they would be personal details in the audit log no erasure reaches.
 */
export function eraseOnRequest(
  db: Db,
  dbPath: string,
  user: string,
  today: IsoDate,
  id: number,
): PurgeResult {
  const result = db
    .transaction(() => {
      const h = db
        .prepare<[number], { reference: string; status: string; purged: number }>(
          `SELECT h.reference, h.status, (h.purged_at IS NOT NULL AND NOT (${HOLDS_PERSONAL})) AS purged
         FROM households h WHERE h.id = ?`,
        )
        .get(id);
      if (!h) throw new ApiError('not_found', `There is no household ${id}.`, 'id');
      if (h.purged)
        throw new ApiError('refused', `${h.reference}'s personal details are already erased.`, 'id');
      if (h.status !== 'closed' && h.status !== 'ceased')
        throw new ApiError(
          'refused',
          `${h.reference} is ${h.status === 'open' ? 'open' : 'approved'}: ${h.status === 'open' ? 'close it first (the enquirer withdrew), then erase it' : 'an approved carer’s records are kept 10 years from the end of approval (reg 32(1))'}.`,
          'id',
        );
      const r = db.prepare<[number], DueRow>(`${endedSelect(db)} FROM households h WHERE h.id = ?`).get(id)!;
      const rule = ruleFor(r);
      if (rule !== 'enquirer') {
        const keptUntil = r.ended ? periodEnds(r.ended, getRetention(db)[YEARS[rule]]) : null;
        throw new ApiError(
          'refused',
          `${h.reference} ${KEPT_BY_LAW[rule]}.${keptUntil ? ` It can be erased from ${formatUkDate(keptUntil)}.` : ''} Nothing was erased.`,
          'id',
        );
      }
      const name =
        r.first_name && r.surname ? `${r.first_name} ${r.surname}` : r.first_name || r.surname || '';
      return eraseChosen(
        db,
        [{ id, reference: r.reference, name, rule, endedOn: r.ended ?? today, dueFrom: today }],
        user,
        'Erased on request (an enquirer who never applied)',
      );
    })
    .immediate();
  return spreadErasure(db, dbPath, result);
}

/** Why reg 32 keeps a household's records, by the rule that applies to it. */
const KEPT_BY_LAW: Record<Exclude<RetentionRule, 'enquirer'>, string> = {
  applicant:
    'applied: an applicant’s records are kept for the period after the decision or withdrawal (reg 32(3))',
  carer: 'was an approved carer: the records are kept 10 years from the end of approval (reg 32(1))',
  // By the service's setting, which may keep a kinship household never placed with as one.
  connected_person:
    'is kept as a connected person (Settings › Who is kept as a connected person): reg 32(2) keeps such records 10 years from the end of any placement, counted here from the latest closure',
};
