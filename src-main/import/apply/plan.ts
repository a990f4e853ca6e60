import type { ImportRecord, RowIssue } from '../records/import-record.ts';
import type { ExistingHousehold, ExistingIndex } from './existing.ts';
import { differingFields, sameReference } from './carer-rows.ts';
import type { ImportField } from '../records/field-keys.ts';
import { withExtras } from './extras.ts';
import {
  FILE_NEAR_MATCHES_LISTED,
  FileNearMatches,
  HeldNearMatches,
  previewRow,
  rowKeys,
} from './near-matches.ts';
import { closureStageNote, newFor, telephoneNote, withoutErased, type PlanOptions } from './plan-parts.ts';
import type { Plan, PreviewRow } from './planned-change.ts';
import { EARLIER_EPISODE, updateFor } from './plan-update.ts';
import { formatUkDate } from '../../domain/dates.ts';
import { andList } from '../../domain/words.ts';

export type { PlanOptions } from './plan-parts.ts';

/** The file's first rows, shown in the preview whatever happens to each (always parsed). */
export const PREVIEW_ROWS = 20;

/** A row counted unchanged by its mark, without being parsed (analyse.ts). */
export interface KnownRow {
  row: number;
}

/**
 * Decides, for every parsed row, whether it is new, an update, unchanged, a duplicate or
 * rejected, and exactly what it will change. Reads the database (through the index) and
 * writes nothing: the commit replays the plan.
 *
 * `known`: rows counted unchanged by their marks, by household. Null when a parsed row matches one
 * of those households (by its reference, or without one): the plan would have weighed the two
 * rows against each other, so the caller plans the file again with every row parsed. (A marked
 * household's reference is its row's: a mark is made only then, and a new reference deletes it.)
 */
export function planImport(
  records: readonly ImportRecord[],
  index: ExistingIndex,
  opts: PlanOptions,
  known: ReadonlyMap<number, KnownRow> = new Map(),
): Plan | null {
  const plan: Plan = {
    changes: [],
    counts: {
      rows: records.length + known.size,
      new: 0,
      updated: 0,
      unchanged: known.size,
      duplicates: 0,
      rejected: 0,
    },
    errors: [],
    warnings: [],
    nearMatches: [],
    preview: [],
    marks: { ids: [], hashes: [] },
  };
  // The preview shows the file's first rows, in file order, whatever happens to each.
  const shown = new Set(records.slice(0, PREVIEW_ROWS));
  const inFile = new FileNearMatches();
  const held = new HeldNearMatches(index);
  const preview = (r: ImportRecord, action: PreviewRow['action']) => {
    if (shown.has(r)) plan.preview.push(previewRow(r, action));
  };
  const reject = (r: ImportRecord) => {
    plan.counts.rejected++;
    preview(r, 'rejected');
  };

  // Same reference twice: identical rows count once, a household's two carers on two rows are
  // joined (apply/carer-rows.ts), other different ones are all refused.
  const groups = new Map<string, ImportRecord[]>();
  for (const r of records) {
    plan.warnings.push(...r.warnings);
    if (r.errors.length > 0) {
      plan.errors.push(...r.errors);
      reject(r);
      continue;
    }
    const g = groups.get(r.reference);
    if (g) g.push(r);
    else groups.set(r.reference, [r]);
  }

  const claimed = new Map<number, number>();
  /** New households of a file with no enquiry date column (noEnquiryDate, said once). */
  let undated = 0;
  for (const [reference, group] of groups) {
    if (known.size > 0 && known.has(index.byReference(reference)?.id ?? 0)) return null;
    let first = group[0]!;
    if (group.length > 1) {
      const same = sameReference(group);
      if (same.kind === 'different' || same.kind === 'too many carers') {
        const rows = group.map((r) => r.row).join(', ');
        const why =
          same.kind === 'too many carers'
            ? ', one carer per row, but a household has two carers at most'
            : ` with different values${columnsNamed(differingFields(group), opts)}`;
        for (const r of group) {
          plan.errors.push({
            row: r.row,
            column: opts.columnOf('reference'),
            message: `Reference ${r.derived ? '(derived) ' : ''}${reference} appears on rows ${rows}${why}: correct the file, the app will not guess.`,
          });
          reject(r);
        }
        continue;
      }
      if (same.kind === 'two carers') {
        // The household is planned from the joined record; the preview shows it on the first row.
        if (shown.has(same.carer1)) shown.add(same.joined);
        first = same.joined;
        plan.warnings.push({
          row: same.carer2.row,
          column: opts.columnOf('reference'),
          message: `Rows ${same.carer1.row} and ${same.carer2.row} each name one carer of ${reference}: read as its carer 1 (row ${same.carer1.row}) and carer 2 (row ${same.carer2.row}), one household.`,
        });
      }
      if (same.kind === 'later step') {
        // The household is planned from its fullest row; the others only repeat part of it.
        first = same.fullest;
        const rows = group.filter((r) => r !== first).map((r) => r.row);
        const others = andList(rows.map(String));
        plan.warnings.push({
          row: first.row,
          column: opts.columnOf('reference'),
          message: `Reference ${first.derived ? '(derived) ' : ''}${reference} is also on ${rows.length === 1 ? 'row' : 'rows'} ${others}, which ${rows.length === 1 ? 'gives' : 'give'} nothing row ${first.row} does not: read as one household, from row ${first.row}.`,
        });
      }
      // Every row of the household but the one planned repeats its reference (identical, its
      // carer 2, or an earlier step of it).
      const planned = same.kind === 'two carers' ? same.carer1 : first;
      for (const dup of group.filter((r) => r !== planned)) {
        plan.counts.duplicates++;
        preview(dup, 'duplicate');
        // The preview shows only the first rows: a repeat further down is named here, or the
        // officer told of a duplicate could not find it.
        if (same.kind === 'alike')
          plan.warnings.push({
            row: dup.row,
            column: opts.columnOf('reference'),
            message: `Row ${dup.row} repeats row ${first.row} (${reference}) exactly: counted once, as a duplicate.`,
          });
      }
    }

    const errors: RowIssue[] = [];
    const warned = plan.warnings.length;
    const existing = findExisting(first, index, opts, errors);
    if (existing && known.has(existing.id)) return null;
    // A duplicate merged away is not made again by the file it came from: the family would count
    // twice (a household of its own, with its own enquiry). Its row is a repeat of the one kept.
    const mergedInto = existing || errors.length > 0 ? undefined : index.mergedInto(first.reference);
    if (mergedInto !== undefined) {
      plan.counts.duplicates++;
      preview(first, 'duplicate');
      // The kept record erased since (its retention period passed): nothing is to be entered on it.
      const keptErased = index.byReference(mergedInto)?.purged_at ?? index.purged.get(mergedInto);
      plan.warnings.push({
        row: first.row,
        column: opts.columnOf('reference'),
        message: keptErased
          ? `${first.reference} was merged into ${mergedInto}, whose personal details were erased on ${formatUkDate(keptErased.slice(0, 10))} (retention period passed), so this row is not imported: remove the family’s record from the system the file comes from too.`
          : `${first.reference} was merged into ${mergedInto}, so this row is not imported (the family would count twice): enter any change it brings on ${mergedInto}, and merge the two records in the system the file comes from.`,
      });
      continue;
    }
    if (existing && claimed.has(existing.id)) {
      errors.push({
        row: first.row,
        column: opts.columnOf('reference'),
        message: `Row ${claimed.get(existing.id)} already matches household ${existing.reference}; this row matches it too.`,
      });
    }
    // Erasure is final: a purged household (or a reference in the purge ledger) takes no personal detail again.
    const purgedAt = existing ? existing.purged_at : (index.purged.get(first.reference) ?? null);
    const row = purgedAt ? withoutErased(first, purgedAt, opts, plan.warnings) : first;
    const planned =
      errors.length === 0
        ? existing
          ? updateFor(row, existing, index, opts, errors, plan.warnings)
          : newFor(row, opts, errors)
        : null;
    let change = planned === EARLIER_EPISODE ? null : planned;
    // Carers, approval terms and journey dates (apply/extras.ts), beside the household's own changes;
    // none from an old export's row, which changes nothing of the newer episode.
    if (row.extras && change !== undefined && errors.length === 0 && planned !== EARLIER_EPISODE)
      change = withExtras(row, existing, change, purgedAt, index, opts, errors, plan.warnings);
    if (change && !existing && purgedAt) change.purgedAt = purgedAt;
    if (errors.length > 0 || change === undefined) {
      plan.errors.push(...errors);
      reject(first);
      continue;
    }
    if (existing) claimed.set(existing.id, first.row);
    // Before the mark is settled: a row warned of is read again on a re-import. Not for an old
    // export's row, which changes nothing and says so.
    const phoneNote = planned === EARLIER_EPISODE ? null : telephoneNote(row, existing?.telephone, opts);
    if (phoneNote) plan.warnings.push(phoneNote);
    // A re-import of this row will change nothing, so long as the household stays as this import
    // leaves it: mark it (rows with warnings, extras, repeats or another reference are left out).
    const markable =
      first.rowHash !== undefined &&
      group.length === 1 &&
      first.warnings.length === 0 &&
      plan.warnings.length === warned &&
      !first.extras &&
      !purgedAt &&
      (!existing || existing.reference === first.reference);
    // Said once the row's mark is settled: a re-import finds the household held and says nothing
    // more of it, so its row may be skipped then. A kinship household's journey may start at its
    // viability request, with no enquiry.
    if (
      !existing &&
      change &&
      opts.kind === 'enquiries' &&
      !first.milestones.enquiry &&
      change.pathway !== 'kinship'
    ) {
      // A file with no enquiry date column says so once, not on every row.
      if (opts.mapped?.('enquiry_date') === false) undated++;
      else
        plan.warnings.push({
          row: first.row,
          column: opts.columnOf('enquiry_date'),
          message: noEnquiryDate(first),
        });
    }
    // A blank reason beside an ending, said where the ending is written (not where a closure or
    // cessation entered by hand is kept, nor where the row changes nothing of it), and likewise
    // once the row's mark is settled, so a re-import of a register of blank reasons skips its rows.
    const closureNote = change?.closure && !change.closure.stageOnly ? first.closure?.blankNote : undefined;
    if (closureNote)
      plan.warnings.push({ row: first.row, column: opts.columnOf('closure_reason'), message: closureNote });
    const stageNote = closureStageNote(first, change?.closure, opts);
    if (stageNote) plan.warnings.push(stageNote);
    const cessationNote =
      change?.cessation && !change.cessation.keptReason ? first.cessation?.blankNote : undefined;
    if (cessationNote)
      plan.warnings.push({ row: first.row, column: opts.columnOf('leaving_reason'), message: cessationNote });
    if (change === null) {
      if (markable && existing) {
        plan.marks.ids.push(existing.id);
        plan.marks.hashes.push(first.rowHash!);
      }
      plan.counts.unchanged++;
      preview(first, 'unchanged');
      continue;
    }
    if (markable) change.rowHash = first.rowHash;
    plan.changes.push(change);
    if (existing) plan.counts.updated++;
    else {
      plan.counts.new++;
      const keys = rowKeys(first);
      plan.nearMatches.push(...held.take(first, keys), ...inFile.take(first, keys));
    }
    preview(first, existing ? 'updated' : 'new');
  }
  if (undated > 0)
    plan.warnings.unshift({
      row: null,
      column: null,
      message: `No column is the enquiry date: ${undated === 1 ? 'the new household counts' : `the ${undated.toLocaleString('en-GB')} new households count`} in no year's enquiries until ${undated === 1 ? 'its date is' : 'their dates are'} entered.`,
    });
  if (held.more)
    plan.warnings.unshift({
      row: null,
      column: null,
      message: `More of this file's new rows look like households already held than the first ${FILE_NEAR_MATCHES_LISTED} possible duplicates listed: a shared email or telephone number (a placeholder, an office's) may stand in many rows.`,
    });
  if (inFile.more)
    plan.warnings.unshift({
      row: null,
      column: null,
      message: `More of this file's new rows look like each other than the first ${FILE_NEAR_MATCHES_LISTED} possible duplicates listed: look in the export for others of the same email, name or telephone number.`,
    });
  plan.preview.sort((a, b) => a.row - b.row);
  // Problems in the file's order, as an officer goes through it: a reference repeated on other rows
  // is found only once the whole file is read, and was listed after every later row's own problem.
  plan.errors.sort(inFileOrder);
  plan.warnings.sort(inFileOrder);
  return plan;
}

/**
 * " in First Name, Email and Telephone": the file's columns for `fields` (a name read from a full
 * name column is that column's), or nothing where none is named.
 */
function columnsNamed(fields: readonly ImportField[], opts: PlanOptions): string {
  const mapped = opts.mapped ?? (() => true);
  // A field the file has no column for differs only as a default follows another (a closure's reason).
  const named = fields.map((f) => opts.readFrom?.(f) ?? f).filter((f) => mapped(f));
  const names = [...new Set(named.map((f) => opts.columnOf(f)))];
  if (names.length === 0) return '';
  return ` in ${andList(names)}`;
}

/** Row order, stable; a problem of the whole file (no row) first. */
const inFileOrder = (a: RowIssue, b: RowIssue): number => (a.row ?? 0) - (b.row ?? 0);

function findExisting(
  r: ImportRecord,
  index: ExistingIndex,
  opts: PlanOptions,
  errors: RowIssue[],
): ExistingHousehold | null {
  const byRef = index.byReference(r.reference);
  if (byRef || !r.derived) return byRef ?? null;
  const hits = index.matchWithoutReference(r.values);
  if (hits.length > 1) {
    errors.push({
      row: r.row,
      column: opts.columnOf(r.values.email ? 'email' : 'surname'),
      message: `No reference, and ${hits.length} households match (${hits.map((h) => h.reference).join(', ')}): add the reference to the row.`,
    });
    return null;
  }
  return hits[0] ?? null;
}

/**
 * A new household of an enquiry export with its enquiry date blank counts in no year's enquiries
 * (nor is it ever due for purge while open), so it is said: often a row continuing the one above,
 * its cells merged down ("Tom" under "Ann Ash"), which the app cannot tell from a household.
 */
const noEnquiryDate = (r: ImportRecord): string =>
  `Enquiry date is blank: a new household, counted in no year's enquiries until its date is entered${
    r.derived ? ` (its reference ${r.reference} made from the row's details, as it has none)` : ''
  }.`;
