import type { Db } from '../open.ts';
import { ApiError } from '../../contract/errors.ts';
import type { IsoDate } from '../../domain/dates.ts';
import { checkBeforeClosure, checkEndDate, checkMilestoneOrder } from '../../domain/order-rules.ts';
import { MILESTONES, MILESTONE_LABELS, type Milestone } from '../../domain/stages.ts';
import { writeAudit, type AuditEntry } from './audit.ts';
import { currentDates, EDITABLE, getRow, type EditableField, type HouseholdRow } from './households.ts';
import { findDuplicates } from './households-list.ts';
import { refreshSummaries } from './summary.ts';
import { nowIso } from '../../clock.ts';

/**
 * Every change to a household's journey made by hand. Each one: checks the order rules
 * (domain/order-rules.ts; a violation is an ApiError('rule_violation') naming the input field and
 * nothing is stored), writes the change, an audit entry per changed fact and 'hand' provenance,
 * then refreshes the household's summary columns, all in one transaction.
 */
export interface Actor {
  db: Db;
  user: string;
  today: IsoDate;
}

export const rule = (message: string, field: string) => new ApiError('rule_violation', message, field);

export function audit(a: Actor, id: number, e: Omit<AuditEntry, 'user' | 'householdId'>): void {
  writeAudit(a.db, { ...e, user: a.user, householdId: id });
}

export function markHand(db: Db, id: number, field: string): void {
  db.prepare(
    `INSERT INTO field_sources (household_id, field, source, batch_id) VALUES (?, ?, 'hand', NULL)
     ON CONFLICT (household_id, field) DO UPDATE SET source = 'hand', batch_id = NULL`,
  ).run(id, field);
}

export function touch(a: Actor, id: number): void {
  a.db.prepare('UPDATE households SET updated_at = ? WHERE id = ?').run(nowIso(), id);
  refreshSummaries(a.db, [id], a.today);
}

export function requireReason(db: Db, list: 'dropout' | 'leaving', key: string, field: string): void {
  const r = db
    .prepare<[string, string], { retired: number }>('SELECT retired FROM reasons WHERE list = ? AND key = ?')
    .get(list, key);
  if (!r)
    throw new ApiError(
      'invalid_input',
      `There is no ${list === 'dropout' ? 'drop-out' : 'leaving'} reason "${key}".`,
      field,
    );
}

/** New order violations a change would introduce (existing ones from old data do not block unrelated changes). */
function orderCheck(
  a: Actor,
  before: Partial<Record<Milestone, string>>,
  after: Partial<Record<Milestone, string>>,
): void {
  const old = new Set(checkMilestoneOrder(before, a.today).map((v) => v.message));
  const fresh = checkMilestoneOrder(after, a.today).filter((v) => !old.has(v.message));
  if (fresh[0]) throw rule(fresh[0].message, 'date');
}

export function latestMilestone(
  dates: Partial<Record<Milestone, string>>,
): { kind: Milestone; date: string } | null {
  let latest: { kind: Milestone; date: string } | null = null;
  for (const kind of MILESTONES) {
    const date = dates[kind];
    if (date && (!latest || date >= latest.date)) latest = { kind, date };
  }
  return latest;
}

export function nextReference(db: Db): string {
  const last = db
    .prepare<[], string>(
      "SELECT reference FROM households WHERE reference >= 'FF' AND reference < 'FG' ORDER BY reference DESC LIMIT 1",
    )
    .pluck()
    .get();
  const n = last && /^FF(\d+)$/.test(last) ? Number(last.slice(2)) + 1 : 1;
  return `FF${String(n).padStart(6, '0')}`;
}

export interface NewHousehold {
  reference: string | null;
  pathway: 'mainstream' | 'kinship';
  enquiryDate: IsoDate;
  firstName: string | null;
  surname: string | null;
  email: string | null;
  telephone: string | null;
  postcode: string | null;
  source: string | null;
  householdType: string | null;
  notes: string | null;
  confirmDuplicates: boolean;
}

export function createHousehold(a: Actor, h: NewHousehold): { id: number; reference: string } {
  const { db } = a;
  const violation = checkMilestoneOrder({ enquiry: h.enquiryDate }, a.today)[0];
  if (violation) throw rule(violation.message, 'enquiryDate');
  if (!h.confirmDuplicates) {
    const dups = findDuplicates(db, h);
    if (dups[0]) {
      const list = dups.map((d) => `${d.reference} ${d.name}`.trim()).join(', ');
      throw new ApiError(
        'conflict',
        `This looks like a household already held (${dups[0].why === 'email' ? 'same email' : 'same name and postcode'}): ${list}. Check it, or save anyway if it is a different household.`,
        dups[0].why === 'email' ? 'email' : 'surname',
      );
    }
  }
  return db.transaction(() => {
    const reference = h.reference ?? nextReference(db);
    const taken = db.prepare('SELECT 1 FROM households WHERE reference = ?').get(reference);
    if (taken)
      throw new ApiError(
        'conflict',
        `Reference ${reference} is already used by another household.`,
        'reference',
      );
    const now = nowIso();
    const id = db
      .prepare(
        `INSERT INTO households (reference, pathway, first_name, surname, email, telephone, postcode, source,
           household_type, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        reference,
        h.pathway,
        h.firstName,
        h.surname,
        h.email,
        h.telephone,
        h.postcode,
        h.source,
        h.householdType,
        h.notes,
        now,
        now,
      ).lastInsertRowid as number;
    db.prepare(
      "INSERT INTO milestones (household_id, episode, kind, date, source) VALUES (?, 1, 'enquiry', ?, 'hand')",
    ).run(id, h.enquiryDate);
    const values: Record<string, unknown> = { reference, pathway: h.pathway };
    for (const [field, column] of Object.entries(EDITABLE)) {
      const v = h[field as EditableField];
      if (v !== null) values[column] = v;
    }
    audit(a, id, { action: 'create', entity: 'household', entityId: id, newValue: values });
    for (const column of Object.keys(values)) markHand(db, id, column);
    audit(a, id, { action: 'create', entity: 'milestone', field: 'enquiry', newValue: h.enquiryDate });
    markHand(db, id, 'enquiry');
    touch(a, id);
    return { id, reference };
  })();
}

export function updateDetails(
  a: Actor,
  id: number,
  changes: Partial<Record<EditableField, string | null>>,
): void {
  a.db.transaction(() => {
    const h = getRow(a.db, id);
    for (const [field, column] of Object.entries(EDITABLE) as Array<[EditableField, keyof HouseholdRow]>) {
      if (!(field in changes) || changes[field] === undefined) continue;
      const value = changes[field] ?? null;
      if (value === h[column]) continue;
      a.db.prepare(`UPDATE households SET ${column} = ? WHERE id = ?`).run(value, id);
      audit(a, id, {
        action: 'update',
        entity: 'household',
        entityId: id,
        field: column,
        oldValue: h[column],
        newValue: value,
      });
      markHand(a.db, id, column);
    }
    touch(a, id);
  })();
}

export function requireStatus(h: HouseholdRow, allowed: HouseholdRow['status'][], doing: string): void {
  if (!allowed.includes(h.status)) {
    throw rule(`Cannot ${doing}: household ${h.reference} is ${h.status}.`, 'id');
  }
}

export function recordMilestone(a: Actor, id: number, kind: Milestone, date: IsoDate): void {
  a.db.transaction(() => {
    const h = getRow(a.db, id);
    requireStatus(h, kind === 'approval' ? ['open'] : ['open'], `record ${MILESTONE_LABELS[kind]}`);
    const before = currentDates(a.db, id, h.episode);
    if (before[kind]) {
      throw new ApiError(
        'conflict',
        `${MILESTONE_LABELS[kind]} is already recorded; correct it instead, with a reason.`,
        'kind',
      );
    }
    orderCheck(a, before, { ...before, [kind]: date });
    a.db
      .prepare(
        "INSERT INTO milestones (household_id, episode, kind, date, source) VALUES (?, ?, ?, ?, 'hand')",
      )
      .run(id, h.episode, kind, date);
    audit(a, id, { action: 'create', entity: 'milestone', field: kind, newValue: date });
    markHand(a.db, id, kind);
    touch(a, id);
  })();
}

export function correctMilestone(a: Actor, id: number, kind: Milestone, date: IsoDate, reason: string): void {
  a.db.transaction(() => {
    const h = getRow(a.db, id);
    const before = currentDates(a.db, id, h.episode);
    const old = before[kind];
    if (!old)
      throw new ApiError(
        'not_found',
        `${MILESTONE_LABELS[kind]} is not recorded for ${h.reference}.`,
        'kind',
      );
    if (old === date) return;
    orderCheck(a, before, { ...before, [kind]: date });
    const closure = a.db
      .prepare<[number, number], { date: string }>(
        'SELECT date FROM closures WHERE household_id = ? AND episode = ?',
      )
      .get(id, h.episode);
    const late = checkBeforeClosure(kind, date, closure?.date ?? null);
    if (late) throw rule(late, 'date');
    a.db
      .prepare(
        "UPDATE milestones SET date = ?, source = 'hand', batch_id = NULL WHERE household_id = ? AND episode = ? AND kind = ?",
      )
      .run(date, id, h.episode, kind);
    audit(a, id, {
      action: 'update',
      entity: 'milestone',
      field: kind,
      oldValue: old,
      newValue: date,
      reason,
    });
    markHand(a.db, id, kind);
    touch(a, id);
  })();
}

export function removeMilestone(a: Actor, id: number, kind: Milestone, reason: string): void {
  a.db.transaction(() => {
    const h = getRow(a.db, id);
    if (kind === 'enquiry')
      throw rule('The enquiry starts the episode and cannot be removed: correct its date instead.', 'kind');
    const before = currentDates(a.db, id, h.episode);
    const old = before[kind];
    if (!old)
      throw new ApiError(
        'not_found',
        `${MILESTONE_LABELS[kind]} is not recorded for ${h.reference}.`,
        'kind',
      );
    if (kind === 'approval' && h.status === 'ceased')
      throw rule('Remove the cessation before the approval.', 'kind');
    if (h.status === 'closed') {
      throw rule(
        'The household is closed with the stage it had reached: re-open it before removing a milestone.',
        'kind',
      );
    }
    a.db
      .prepare('DELETE FROM milestones WHERE household_id = ? AND episode = ? AND kind = ?')
      .run(id, h.episode, kind);
    audit(a, id, { action: 'delete', entity: 'milestone', field: kind, oldValue: old, reason });
    markHand(a.db, id, kind);
    touch(a, id);
  })();
}

export function recordResponse(a: Actor, id: number, date: IsoDate): void {
  a.db.transaction(() => {
    const h = getRow(a.db, id);
    requireStatus(h, ['open'], 'record a response');
    const enquiry = currentDates(a.db, id, h.episode).enquiry;
    const bad = checkEndDate('Response', date, enquiry ? { kind: 'enquiry', date: enquiry } : null, a.today);
    if (bad) throw rule(bad, 'date');
    a.db.prepare('UPDATE households SET responded_date = ? WHERE id = ?').run(date, id);
    audit(a, id, {
      action: 'update',
      entity: 'household',
      entityId: id,
      field: 'responded_date',
      oldValue: h.responded_date,
      newValue: date,
    });
    markHand(a.db, id, 'responded_date');
    touch(a, id);
  })();
}
