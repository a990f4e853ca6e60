import { formatUkDate } from '../../domain/dates.ts';
import { carerField, type CarerPosition } from '../records/extra-fields.ts';
import type { ImportRecord, RowIssue } from '../records/import-record.ts';
import type { ExistingHousehold, ExistingIndex } from './existing.ts';
import type { PlannedChange } from './planned-change.ts';
import type { ExtrasChange, ExtrasOptions, ExtrasSink } from './extras-change.ts';
import { planJourneyDates } from './extras-journey.ts';
import { planPeople } from './extras-people.ts';
import { readerFor } from './extras-reader.ts';
import { planTerms } from './extras-terms.ts';

/**
 * A row's carers, approval terms and journey dates against what the household holds
 * (issues 14 and 15): planned beside the household's own changes (plan.ts calls withExtras
 * once per row) and written by the same commit (extras-write.ts writeExtras), in its transaction.
 * What was typed by hand is kept unless the user chose to overwrite, as for every other field;
 * undo replays the audit entries written there (revertExtra).
 *
 * withExtras takes a row's extras in turn: its carers (extras-people.ts), its approval terms
 * (extras-terms.ts) and its journey dates (extras-journey.ts), each adding to one ExtrasChange.
 */
export type { ExtrasChange, PersonChange } from './extras-change.ts';

export type { ExtrasOptions } from './extras-change.ts';

/**
 * People: erasure is final, so a purged household takes no carer's details again. One warning a
 * row: plan.ts's own about the household's details, or this one.
 */
function refuseErasedCarers(
  r: ImportRecord,
  first: CarerPosition,
  purgedAt: string,
  warnings: RowIssue[],
  to: ExtrasSink,
): void {
  const erasedWarned = () =>
    warnings.some(
      (w) => w.row === r.row && w.message.startsWith(`${r.reference}: personal details were erased`),
    );
  if (!erasedWarned())
    to.issue(
      false,
      carerField(first, 'surname'),
      `${r.reference}: personal details were erased on ${formatUkDate(purgedAt.slice(0, 10))} (retention period passed), so this row's carers were not imported.`,
    );
}

/**
 * `change` with the row's extras (`out`) added, or a change of those alone when the household's
 * own details are unchanged; `change` as it is (null: nothing changes) when the row brings none.
 */
function changeWithExtras(
  r: ImportRecord,
  existing: ExistingHousehold | null,
  change: PlannedChange | null,
  out: ExtrasChange,
): PlannedChange | null {
  if (out.people.length === 0 && !out.terms && !out.placeChange && out.journey.length === 0) return change;
  if (change) {
    change.extras = out;
    return change;
  }
  // The household's own details are unchanged: a change of its carers, terms or dates alone.
  const h = existing!;
  return {
    row: r.row,
    reference: h.reference,
    derived: r.derived,
    householdId: h.id,
    episode: h.episode,
    reopen: null,
    oldUpdatedAt: h.updated_at,
    pathway: h.pathway,
    fields: [],
    milestones: [],
    closure: null,
    cessation: null,
    extras: out,
  };
}

/**
 * The row's change with its carers, terms and journey dates added: `change` itself (or a change
 * of those alone when the household's own details are unchanged), null when nothing changes,
 * undefined when the row is refused (its errors pushed).
 */
export function withExtras(
  r: ImportRecord,
  existing: ExistingHousehold | null,
  change: PlannedChange | null,
  purgedAt: string | null,
  index: ExistingIndex,
  opts: ExtrasOptions,
  errors: RowIssue[],
  warnings: RowIssue[],
): PlannedChange | null | undefined {
  const x = r.extras;
  if (!x) return change;
  const reader = existing ? readerFor(index) : null;
  const issue = (list: RowIssue[], field: string, message: string) =>
    list.push({ row: r.row, column: opts.columnOf(field), message });
  const to: ExtrasSink = {
    out: { people: [], terms: null, journey: [] },
    issue: (error, field, message) => issue(error ? errors : warnings, field, message),
    keptByHand: (what, field) =>
      issue(warnings, field, `Kept the ${what} entered by hand (choose "overwrite" to replace it).`),
  };

  const positions = Object.keys(x.people).map(Number) as CarerPosition[];
  if (purgedAt && positions.length > 0) refuseErasedCarers(r, positions[0]!, purgedAt, warnings, to);
  else planPeople(x.people, positions, r, existing, change, index, opts, to);

  if (x.terms)
    planTerms(
      x.terms,
      r,
      existing && reader
        ? // Ceased before, or by this row.
          { h: existing, reader, ceased: !!change?.cessation || index.cessation(existing) !== null }
        : null,
      index,
      opts,
      to,
    );

  planJourneyDates(x.journey, r, existing, change, purgedAt, index, opts, to);

  if (errors.length > 0) return undefined;
  return changeWithExtras(r, existing, change, to.out);
}
