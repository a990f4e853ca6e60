import { formatUkDate } from '../../domain/dates.ts';
import {
  decide,
  stageAtClosure,
  type ClosureFacts,
  type CessationFacts,
  type JourneyState,
  type Violation,
} from '../../domain/journey.ts';
import {
  DEFAULT_PATHWAY,
  MILESTONES,
  STAGE_LABELS,
  type Milestone,
  type OpenStage,
} from '../../domain/stages.ts';
import { reasonStageFault } from '../../domain/reasons.ts';
import { PERSONAL_HOUSEHOLD_FIELDS } from '../../db/erase.ts';
import { keepsHeldTelephone } from '../../domain/telephone.ts';
import { HOUSEHOLD_COLUMNS, type ImportRecord, type RowIssue } from '../records/import-record.ts';
import type { ImportKind } from '../records/mapping.ts';
import { textNotKept, type ReasonColumn } from '../records/reason-words.ts';
import { rowKinshipApplication } from './extras-journey.ts';
import type { CessationValues, PlannedChange } from './planned-change.ts';

/**
 * The parts of an import's plan (plan.ts) that a row's change is made of: a new household's
 * change, a row's ending as stored values and as the engine's facts, a purged household's row
 * without its personal details, and an engine's rule placed on the row's column.
 */

export interface PlanOptions {
  kind: ImportKind;
  today: string;
  overwriteHand: boolean;
  /** Column header per field, to place errors found against the database. */
  columnOf(field: string): string;
  /** Whether the file has a column for the field (a carer's name may be one column or two). */
  mapped?(field: string): boolean;
  /** The field whose column a field was read from, where it has none of its own (fields.ts columnFieldOf). */
  readFrom?(field: string): string;
}

/** A new household; undefined when the row cannot make one. */
export function newFor(r: ImportRecord, opts: PlanOptions, errors: RowIssue[]): PlannedChange | undefined {
  if (opts.kind === 'carers' && !r.milestones.approval) {
    errors.push({
      row: r.row,
      column: opts.columnOf('approval_date'),
      message: `Carer ${r.reference} is not in the app and the row has no approval date.`,
    });
    return undefined;
  }
  // The record's own objects are reused (not copied into per-field changes): a million new rows stay small.
  const change: PlannedChange = {
    row: r.row,
    reference: r.reference,
    derived: r.derived,
    householdId: null,
    episode: 1,
    oldUpdatedAt: null,
    pathway: r.values.pathway ?? DEFAULT_PATHWAY,
    fields: [],
    milestones: [],
    created: { values: r.values, milestones: r.milestones, responded: r.responded },
    closure: null,
    cessation: null,
    // Set by the caller when the row may be marked; a slot in the literal keeps one shape.
    rowHash: undefined,
  };
  if (r.closure) {
    const applied = () => rowKinshipApplication(r, r.values.pathway ?? 'kinship');
    const values = closureValues(r, 1);
    change.closure = {
      old: null,
      next: { ...values, stage_reached: stageAtClosure(r.milestones, values.date, applied) },
    };
  }
  const cessation = r.cessation ? cessationValues(r) : null;
  if (cessation) change.cessation = { old: null, next: cessation };
  if (r.closure || cessation) {
    // The row's dates were checked on their own (records/parse-row.ts); the engine's rules of its
    // ending (who ended a closure, for its reason; an approval to cease from; neither dated before
    // the row's own dated steps) are asked as for a known household's row.
    const fresh: JourneyState = {
      reference: r.reference,
      episode: 1,
      pathway: r.values.pathway ?? DEFAULT_PATHWAY,
      dates: r.milestones,
      respondedDate: null,
      closure: null,
      cessation: null,
    };
    const event = {
      type: 'importRow',
      reopenOn: null,
      dates: {},
      closure: r.closure && change.closure ? closureFacts(change.closure.next, r.closure.reason) : null,
      cessation: cessation && cessationFacts(cessation),
      steps: r.extras?.journey ?? null,
    } as const;
    const violations = decide(fresh, event, opts.today).violations;
    if (violations.length > 0) {
      errors.push(...violations.map((v) => rowError(r.row, r.reference, v, opts)));
      return undefined;
    }
  }
  return change;
}

/**
 * A closure the row records for a reason its stage does not fit (a panel's refusal with no panel
 * date): recorded, as real exports lack dates, with a warning; a person closing by hand is refused.
 */
export function closureStageNote(
  r: ImportRecord,
  closure: PlannedChange['closure'] | undefined,
  opts: PlanOptions,
): RowIssue | null {
  if (!closure || closure.stageOnly) return null;
  const key = closure.next.reason_key;
  const stage = closure.next.stage_reached as OpenStage;
  const fault = reasonStageFault({ key, label: r.closure?.reason?.label ?? key }, stage);
  if (!fault) return null;
  return {
    row: r.row,
    column: opts.columnOf('closure_reason'),
    message: `${r.reference}: ${fault} Recorded at ${STAGE_LABELS[stage]} meanwhile.`,
  };
}

/**
 * The row without the personal details a purge erased (names, contact details, notes, free-text
 * reasons), with one warning naming the first such column: the row still counts, and its dates,
 * reasons and source still land.
 */
export function withoutErased(
  r: ImportRecord,
  purgedAt: string,
  opts: PlanOptions,
  warnings: RowIssue[],
): ImportRecord {
  const values = { ...r.values };
  const dropped: string[] = [];
  for (const f of HOUSEHOLD_COLUMNS) {
    if (PERSONAL_HOUSEHOLD_FIELDS.has(f) && values[f]) {
      delete values[f];
      dropped.push(f);
    }
  }
  const closure = r.closure?.reasonText ? { ...r.closure, reasonText: null } : r.closure;
  const cessation = r.cessation?.reasonText ? { ...r.cessation, reasonText: null } : r.cessation;
  if (r.closure?.reasonText) {
    dropped.push('closure_reason');
    notKept(r, 'Closure reason', r.closure.reasonText, warnings);
  }
  if (r.cessation?.reasonText) {
    dropped.push('leaving_reason');
    notKept(r, 'Reason for leaving', r.cessation.reasonText, warnings);
  }
  if (dropped.length > 0) {
    warnings.push({
      row: r.row,
      column: opts.columnOf(dropped[0]!),
      message: `${r.reference}: personal details were erased on ${formatUkDate(purgedAt.slice(0, 10))} (retention period passed), so this row's names, contact details, notes and free text were not imported.`,
    });
  }
  return { ...r, values, closure, cessation };
}

/** The row's warning that a reason's text was kept (made as the row was read) says it was not. */
function notKept(r: ImportRecord, what: ReasonColumn, text: string, warnings: RowIssue[]): void {
  for (const [i, w] of warnings.entries()) {
    const message = w.row === r.row ? textNotKept(w.message, what, text) : null;
    if (message) {
      warnings[i] = { ...w, message };
      return;
    }
  }
}

/** The row's closure as stored, but for its stage (the engine's, or stageAtClosure for a new household). */
export function closureValues(r: ImportRecord, episode: number) {
  const c = r.closure!;
  return {
    episode,
    date: c.date,
    reason_key: c.reasonKey,
    reason_text: c.reasonText,
    ended_by: c.endedBy,
  };
}

export function cessationValues(r: ImportRecord) {
  const c = r.cessation!;
  return { date: c.date, reason_key: c.reasonKey, reason_text: c.reasonText, initiated_by: c.initiatedBy };
}

export const closureFacts = (
  c: Omit<NonNullable<PlannedChange['closure']>['next'], 'stage_reached'>,
  reason: ClosureFacts['reason'],
): ClosureFacts => ({
  date: c.date,
  reasonKey: c.reason_key,
  reasonText: c.reason_text,
  endedBy: c.ended_by as ClosureFacts['endedBy'],
  reason,
});

export const cessationFacts = (c: CessationValues): CessationFacts => ({
  date: c.date,
  reasonKey: c.reason_key,
  reasonText: c.reason_text,
  initiatedBy: c.initiated_by as CessationFacts['initiatedBy'],
});

/** A rule the engine found, placed on the row and the column of the fact it is about. */
export function rowError(row: number, reference: string, v: Violation, opts: PlanOptions): RowIssue {
  const column =
    v.fact === 'closure'
      ? v.field === 'closed_by'
        ? 'closed_by'
        : 'closed_date'
      : v.fact === 'cessation'
        ? 'deregistration_date'
        : v.fact === 'response'
          ? 'responded_date'
          : MILESTONES.includes(v.fact as Milestone)
            ? `${v.fact}_date`
            : 'reference';
  const message = MILESTONES.includes(v.fact as Milestone)
    ? `With ${reference}'s dates as this row leaves them: ${v.message}`
    : v.message.includes(reference)
      ? v.message
      : `${reference}: ${v.message}`;
  return { row, column: opts.columnOf(column), message };
}

/**
 * A telephone cell that is not a number the app would take typed, said with what became of it:
 * kept as written, or, where the household holds a good number, that number kept (the plan's
 * rule: keepsHeldTelephone). Null for a good cell, or a row whose telephone is not imported.
 */
export function telephoneNote(
  r: ImportRecord,
  held: string | null | undefined,
  opts: PlanOptions,
): RowIssue | null {
  const next = r.values.telephone;
  if (!r.telephoneFault || !next) return null;
  const kept = keepsHeldTelephone(next, held) ? `Kept the number held, ${held}.` : 'Kept as written.';
  return { row: r.row, column: opts.columnOf('telephone'), message: `${r.telephoneFault} ${kept}` };
}
