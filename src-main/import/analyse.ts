import { ApiError } from '../contract/errors.ts';
import { openImportReader } from '../db/import-connection.ts';
import { readApplicationBasis } from '../db/journey-dates.ts';
import { applicationMilestone } from '../domain/journey-dates.ts';
import type { Db } from '../db/open.ts';
import { profileByName, profileForSignature } from '../db/queries/import-profiles.ts';
import { readRowMarks } from '../db/queries/import-marks.ts';
import { lastImportOfFile } from '../db/queries/import-batches.ts';
import { formatUkDateTime } from '../domain/dates.ts';
import { reasonsForImport } from '../db/queries/reasons.ts';
import { normaliseLabel } from '../domain/reasons.ts';
import { ExistingIndex } from './apply/existing.ts';
import { planImport, PREVIEW_ROWS, type KnownRow } from './apply/plan.ts';
import type { Plan } from './apply/planned-change.ts';
import { MAX_ROWS } from './limits.ts';
import { columnLetters } from './read/cell-text.ts';
import { fileRefused } from './read/import-error.ts';
import { openImportFile } from './read/open-file.ts';
import type { FileFormat, RawRow, RawSheet, RowSkip } from './read/raw-sheet.ts';
import { columnFieldOf, FIELD_LABELS, type ImportField } from './records/fields.ts';
import { csvRowWidth, findHeader, headerSignature, type HeaderInfo } from './records/header.ts';
import { withFieldsByValues } from './records/by-values.ts';
import type { ImportRecord } from './records/import-record.ts';
import {
  autoMapping,
  detectKind,
  fieldNamed,
  mappingFromProfile,
  missingFields,
  needLabel,
  withOverrides,
  type ColumnMapping,
  type ImportKind,
} from './records/mapping.ts';
import { OverLongCell, type MonthFirstDate } from './records/file-refusals.ts';
import { isBlankRow, monthFirstFile, parseRow, rowContext, type RowContext } from './records/parse-row.ts';
import { rawRowHash, rawRowHashKey, rowHash, rowHashKey, rowMark } from './records/row-hash.ts';
import { buildVocab, type ReasonRow } from './records/vocab.ts';
import { dayNumberNotes } from './records/day-numbers.ts';
import { andList } from '../domain/words.ts';

export interface AnalyseInput {
  dbPath: string;
  path: string;
  fileName?: string;
  sheet?: string;
  profile?: string;
  kind: ImportKind | 'auto';
  /** Column index → field, as the user confirmed it; overrides profiles and the header scorer. */
  mapping?: Array<{ column: number; field: string | null }>;
  /** Header → field (null: not imported), named from the CLI with --map, over any other mapping. */
  overrides?: Array<{ header: string; field: string | null }>;
  overwriteHand: boolean;
  today: string;
}

export interface Analysis {
  fileName: string;
  fileHash: string;
  format: FileFormat;
  sheets: Array<{ name: string; rows: number; hasHeader: boolean; hidden: boolean }>;
  sheet: string;
  headerRow: number;
  kind: ImportKind;
  /** The saved profile whose mapping was applied, if any. */
  profile: string | null;
  headerSignature: string;
  mapping: ColumnMapping[];
  /** Needs of the kind no column meets (each met by any one of its fields): rows were not read. */
  missing: ImportField[][];
  /**
   * What the user must settle before this can be committed: a needed field with no column, a
   * header that fits two fields equally. Empty when the file can be committed as it is.
   */
  questions: string[];
  plan: Plan;
}

const emptyPlan = (): Plan => ({
  changes: [],
  counts: { rows: 0, new: 0, updated: 0, unchanged: 0, duplicates: 0, rejected: 0 },
  errors: [],
  warnings: [],
  nearMatches: [],
  preview: [],
  marks: { ids: [], hashes: [] },
});

export interface AnalyseHooks {
  progress(rowsRead: number, totalRows: number): void;
  /** Awaited every few thousand rows: lets a run in the app's process be cancelled and the UI breathe. */
  tick(): Promise<void>;
}

const TICK_ROWS = 5000;

/**
 * File → raw rows → header → mapping → records → plan. Reads the database, never writes it.
 * A row whose hash an earlier import marked on a household that has not changed since
 * (db/queries/import-marks.ts) is counted unchanged without being parsed or planned; should such
 * a row share its reference or household with another row of the file, which the plan would
 * have to weigh against each other, the file is analysed again without marks.
 * Its caller makes a DatabaseWatch (db/import-connection.ts) before calling it, so a change the
 * app makes while the file is read (settings, reasons, a record) refuses the commit rather than
 * being written over by a plan made under what was there before (found by a review).
 */
export async function analyse(input: AnalyseInput, hooks: AnalyseHooks): Promise<Analysis> {
  return (await analyseWith(input, hooks, true)) ?? (await analyseWith(input, hooks, false))!;
}

async function analyseWith(
  input: AnalyseInput,
  hooks: AnalyseHooks,
  useMarks: boolean,
): Promise<Analysis | null> {
  const file = openImportFile(input.path, input.fileName);
  // The file's bytes and its inflated parts (a 100,000-row sheet's XML: ~47 MB) are garbage once
  // opened, but held outside V8's heap, which does not hurry to collect them before the rows are
  // parsed: let go here, with the heap still small, they take ~15 MB off the worker's peak (~300
  // rather than ~315 MB, measured). The worker runs with --expose-gc; inline, nothing happens.
  (globalThis as { gc?: () => void }).gc?.();
  const db = openImportReader(input.dbPath);
  try {
    const headers = new Map<RawSheet, HeaderInfo | null>(file.sheets.map((s) => [s, findHeader(s)]));
    let sheet: RawSheet | undefined;
    if (input.sheet) {
      sheet = file.sheets.find((s) => s.name === input.sheet);
      if (!sheet) {
        throw fileRefused(
          file.fileName,
          `there is no sheet called "${input.sheet}" (sheets: ${file.sheets.map((s) => s.name).join(', ')}).`,
        );
      }
    } else {
      // A sheet on show first: a hidden one (last month's rows, a CRM's lookups) the officer never saw.
      sheet = file.sheets.find((s) => !s.hidden && headers.get(s)) ?? file.sheets.find((s) => headers.get(s));
    }
    const header = sheet ? headers.get(sheet) : null;
    if (!sheet || !header) {
      const where = input.sheet ? `sheet "${input.sheet}"` : 'any sheet';
      throw fileRefused(
        file.fileName,
        `no recognisable header row in ${where}: the first rows need column names such as Reference, Enquiry Date, Surname, Email.`,
      );
    }

    const signature = headerSignature(header.headers);
    const { mapping, profile } = chooseMapping(db, input, file.fileName, sheet, header, signature);
    const kind = input.kind === 'auto' ? detectKind(mapping) : input.kind;
    const missing = missingFields(kind, mapping);
    const questions = [
      ...missing.map(
        (need) =>
          `No column is mapped to ${needLabel(need)}, which ${kind === 'carers' ? 'a carers register' : 'an enquiry export'} needs: choose its column.`,
      ),
      ...mapping
        .filter((m) => m.tied.length > 0)
        .map(
          (m) =>
            `Column "${m.header}" could be ${m.tied.map((f) => FIELD_LABELS[f]).join(' or ')}: choose which (or Not imported).`,
        ),
    ];
    const summary = {
      fileName: file.fileName,
      fileHash: file.fileHash,
      format: file.format,
      sheets: file.sheets.map((s) => ({
        name: s.name,
        rows: s.totalRows,
        hasHeader: Boolean(headers.get(s)),
        hidden: Boolean(s.hidden),
      })),
      sheet: sheet.name,
      headerRow: header.rowNumber,
      kind,
      profile,
      headerSignature: signature,
      mapping,
      missing,
      questions,
    };
    // Without a needed column no row can be placed: show the mapping so the user can go on.
    if (missing.length > 0) return { ...summary, plan: emptyPlan() };

    const reasons: ReasonRow[] = reasonsForImport(db);
    const applicationBasis = readApplicationBasis(db);
    const ctx = rowContext(
      kind,
      mapping,
      sheet.date1904,
      input.today,
      buildVocab(reasons),
      applicationBasis,
      file.format === 'csv' ? { heading: header.headers.length, row: csvRowWidth(sheet, header) } : null,
    );
    const hashKey = rowHashKey({
      kind,
      columns: mapping,
      date1904: sheet.date1904,
      reasons,
      applicationBasis,
      overwriteHand: input.overwriteHand,
    });
    const marks = useMarks ? readRowMarks(db, input.today) : new Map<string, never>();
    const records: ImportRecord[] = [];
    /** Rows whose reference cell is a number: a spreadsheet may have dropped its leading zeros. */
    const numericReferences: ImportRecord[] = [];
    const referenceColumn = mapping.find((m) => m.field === 'reference')?.column;
    /** Rows known unchanged by their marks, by household. */
    const known = new Map<number, KnownRow>();
    /** Rows of data hidden in the sheet (the first few, and how many). */
    const hidden = { first: [] as number[], count: 0 };
    // Where the reader has a row's bytes (the fast xlsx reader), they are hashed before its cells
    // are read: a row whose bytes meet their mark is counted unchanged with its cells unread (the
    // same bytes under the same key, shared strings and styles are the same cells), and a row read
    // is marked with both hashes. The reader asks just before it gives each row.
    const rawKey = rawRowHashKey(hashKey, sheet.rawContext);
    /** The last row offered to skip: its number, the mark of its bytes, the household it met. */
    const offered = { row: 0, mark: '', household: undefined as number | undefined };
    const skip: RowSkip | undefined = rawKey
      ? (rowNumber, rowBytes) => {
          if (rowNumber <= header.rowNumber) return false;
          offered.row = rowNumber;
          offered.mark = rawRowHash(rawKey, rowBytes);
          // The preview shows the first rows as parsed, so those are always parsed.
          offered.household = records.length >= PREVIEW_ROWS ? marks.get(offered.mark) : undefined;
          return offered.household !== undefined;
        }
      : undefined;
    let read = 0;
    for (const row of sheet.rows(skip)) {
      if (++read % TICK_ROWS === 0) {
        hooks.progress(read, sheet.totalRows);
        await hooks.tick();
      }
      const bytesMark = offered.row === row.rowNumber ? offered.mark : null;
      if (!row.skipped && (row.rowNumber <= header.rowNumber || isBlankRow(row, ctx))) continue;
      if (row.hidden && hidden.count++ < HIDDEN_ROWS_NAMED) hidden.first.push(row.rowNumber);
      if (records.length + known.size >= MAX_ROWS)
        throw fileRefused(file.fileName, `over ${MAX_ROWS.toLocaleString('en-GB')} rows.`);
      const hash = row.skipped ? null : rowHash(hashKey, row.cells);
      // The preview shows the first rows as parsed, so those are always parsed.
      const marked = row.skipped
        ? offered.household
        : records.length >= PREVIEW_ROWS
          ? marks.get(hash!)
          : undefined;
      if (marked !== undefined) {
        // The same row twice is the plan's to judge (a duplicate, or a conflict).
        if (known.has(marked)) return null;
        known.set(marked, { row: row.rowNumber });
        continue;
      }
      if (row.skipped) throw new Error(`Row ${row.rowNumber} was passed over without a mark.`);
      const record = parseOrRefuse(file.fileName, row, ctx, rowMark(hash!, bytesMark));
      records.push(record);
      if (referenceColumn !== undefined && typeof row.cells[referenceColumn] === 'number')
        numericReferences.push(record);
    }
    hooks.progress(sheet.totalRows, sheet.totalRows);
    const monthFirst = monthFirstFile(ctx.dateOrders);
    if (monthFirst) throw monthFirstRefusal(file.fileName, monthFirst);
    // Asked once the rows are read: the reader notes such cells as it reads them.
    const uncalculated = sheet.uncalculatedColumns?.(header.rowNumber);
    // Every such column mapped is named, so one save in a spreadsheet is known to mend them all.
    const formulas = uncalculated?.size ? mapping.filter((m) => m.field && uncalculated.has(m.column)) : [];
    if (formulas.length > 0) {
      const named = formulas.map((m) => `${columnLetters(m.column + 1)} ("${m.header}")`);
      const columns = named.length === 1 ? `column ${named[0]} holds` : `columns ${andList(named)} hold`;
      throw fileRefused(
        file.fileName,
        `${columns} formulas that were never calculated: the workbook was written by a program, not saved by a spreadsheet, so their values are not in the file (they would import as empty). Nothing was imported; open the file in Excel or LibreOffice, save it, and import it again.`,
      );
    }
    // The file's cells (a workbook's whole sheet text) are not needed past here: let them go
    // before the plan is made, which holds as much again.
    file.sheets.length = 0;
    headers.clear();
    sheet = undefined;
    // The import worker process runs with --expose-gc (import/jobs.ts): a sheet's text is held
    // outside V8's heap, which does not hurry to collect it, so it is let go here, before the plan.
    (globalThis as { gc?: () => void }).gc?.();
    if (records.length + known.size === 0)
      throw fileRefused(file.fileName, 'there are no rows under the header.');

    const mapped = (f: string) => mapping.some((m) => m.field === f);
    const application = applicationMilestone(applicationBasis) === 'eoi' ? 'eoi_date' : 'stage1_date';
    // A field with no column of its own is named by the column it was read from (carer 1's name).
    const readFrom = (f: string) => columnFieldOf(f as ImportField, mapped, application);
    const columnOf = (f: string) =>
      mapping.find((m) => m.field === readFrom(f))?.header ?? FIELD_LABELS[f as ImportField] ?? f;
    const index = new ExistingIndex(db, records.length);
    // An export's "00123", opened in Excel or LibreOffice and saved, comes back as the number
    // 123: read as a new reference, every such household was imported a second time. A number
    // no household has as its reference is the household whose reference is that number with
    // leading zeros, when exactly one is (only this way round: a spreadsheet drops zeros, never
    // adds them). A merged-away "00123" counts too, or its row would make the duplicate again.
    for (const r of numericReferences) {
      if (r.errors.length > 0 || index.byReference(r.reference) || index.mergedInto(r.reference)) continue;
      const held = index.referenceWithLeadingZeros(r.reference);
      if (held) r.reference = held;
    }
    // A reference typed in another letter case ("e001" for E001, in a sheet kept by hand) was a new
    // household, counted twice in every table: it is the household whose reference that is, when
    // exactly one is, as the app and the CLI find a reference in any case (the exact spelling first).
    if (index.knowsAny())
      for (const r of records) {
        if (
          r.derived ||
          r.errors.length > 0 ||
          index.byReference(r.reference) ||
          index.mergedInto(r.reference)
        )
          continue;
        const held = index.referenceInAnotherCase(r.reference);
        if (held) r.reference = held;
      }
    const plan = planImport(
      records,
      index,
      {
        kind,
        today: input.today,
        overwriteHand: input.overwriteHand,
        columnOf,
        mapped,
        readFrom,
      },
      known,
    );
    if (!plan) return null;
    plan.warnings.unshift(...dayNumberNotes(file.fileName, ctx.dayNumbers));
    if (hidden.count > 0) plan.warnings.unshift({ row: null, column: null, message: hiddenRowsNote(hidden) });
    const again = changedSinceImported(db, summary.fileHash, plan.changes);
    if (again) plan.warnings.unshift({ row: null, column: null, message: again });
    return { ...summary, plan };
  } finally {
    db.close();
  }
}

/**
 * An exact file imported before, imported again after other imports or hand edits changed
 * households it holds, puts its values back over theirs (an old export chosen by mistake after a
 * newer one takes back a surname, an email, an enquiry date corrected since), each row in itself a
 * plain update: the file's own words cannot say so, but its earlier import can, so the preview
 * says how many households it would take back.
 */
function changedSinceImported(
  db: Db,
  fileHash: string,
  changes: ReadonlyArray<{ oldUpdatedAt: string | null }>,
): string | null {
  const before = lastImportOfFile(db, fileHash);
  if (!before) return null;
  const since = changes.filter((c) => c.oldUpdatedAt !== null && c.oldUpdatedAt > before.created_at).length;
  if (since === 0) return null;
  const households = since === 1 ? '1 household' : `${since.toLocaleString('en-GB')} households`;
  // Which is the newer the app cannot tell (a newer export may be put back over an older one
  // imported by mistake since), so it says what will happen, not which file to import.
  return `This exact file was imported before (import ${before.id}, ${formatUkDateTime(before.created_at)}), and ${households} it would update ${since === 1 ? 'was' : 'were'} changed since, by another import or by hand: importing it again puts this file's values back over those changes (undo this import afterwards to take them back).`;
}

/** How many hidden rows the note names by number. */
const HIDDEN_ROWS_NAMED = 10;

/**
 * Rows hidden in the sheet are imported like the rows on show (an officer who filtered this
 * month's rows, or hid the ones done with, sees fewer rows than the file holds), and said so, on
 * the preview and in the result. Not left out: a hidden row is still data, and a filter left on by
 * chance would then drop households from next month's import without a word; deleting the rows
 * is the one way to leave them out, and it shows in the file.
 */
function hiddenRowsNote({ first, count }: { first: number[]; count: number }): string {
  const more = count - first.length;
  const rows = first.map(String);
  const named = more > 0 ? `${rows.join(', ')} and ${more.toLocaleString('en-GB')} more` : andList(rows);
  return count === 1
    ? `1 row hidden in the sheet (row ${named}) is read like the rows on show: a row hidden or filtered out is still in the file. To leave it out, delete it from the sheet and import again.`
    : `${count.toLocaleString('en-GB')} rows hidden in the sheet (rows ${named}) are read like the rows on show: rows hidden or filtered out are still in the file. To leave them out, delete them from the sheet and import again.`;
}

/** A file whose dates are written month first (parse-row.ts monthFirstFile), named by the date that shows it. */
const monthFirstRefusal = (fileName: string, e: MonthFirstDate) =>
  fileRefused(
    fileName,
    `row ${e.row}, column ${columnLetters(e.column)} ("${e.header}"): "${e.text}" is a date only if the month comes first, so this file writes its dates month first (mm/dd/yyyy, as a spreadsheet or CRM set to US English does), and a date in it such as 03/05/2024 would be read as 3 May when it means 5 March. Nothing was imported; save the file with dates as dd/mm/yyyy (or as an Excel workbook with real dates) and import again.`,
  );

/** One row parsed; an over-long cell refuses the whole file, naming its row and column. */
function parseOrRefuse(fileName: string, row: RawRow, ctx: RowContext, hash: string): ImportRecord {
  try {
    return parseRow(row, ctx, hash);
  } catch (e) {
    if (!(e instanceof OverLongCell)) throw e;
    throw fileRefused(
      fileName,
      `row ${e.row}, column ${columnLetters(e.column)} ("${e.header}"): ${e.length.toLocaleString('en-GB')} characters, more than the ${e.max.toLocaleString('en-GB')} this field holds (the same limit as typing it in the app). Nothing was imported; shorten the cell (or map the column to another field) and import again.`,
    );
  }
}

function chooseMapping(
  db: Db,
  input: AnalyseInput,
  fileName: string,
  sheet: RawSheet,
  header: HeaderInfo,
  signature: string,
): { mapping: ColumnMapping[]; profile: string | null } {
  const headers = header.headers;
  const base = baseMapping(db, input, headers, signature);
  // Only a mapping made from the headers is judged by a column's values: a profile or the user chose.
  if (base.auto) base.mapping = withFieldsByValues(sheet, header.rowNumber, base.mapping, input.kind);
  if (!input.overrides?.length) return base;
  const overrides = input.overrides.map((o) => {
    if (!headers.some((h) => normaliseLabel(h) === normaliseLabel(o.header)))
      throw fileRefused(
        fileName,
        `there is no column headed "${o.header}" (columns: ${headers
          .filter(Boolean)
          .map((h) => `"${h}"`)
          .join(', ')}).`,
      );
    const field = o.field === null ? null : fieldNamed(o.field);
    if (o.field !== null && !field)
      throw new ApiError('invalid_input', `"${o.field}" is not a field an import can fill.`, 'map');
    return { header: o.header, field };
  });
  return { mapping: withOverrides(base.mapping, overrides), profile: base.profile };
}

function baseMapping(
  db: Db,
  input: AnalyseInput,
  headers: string[],
  signature: string,
): { mapping: ColumnMapping[]; profile: string | null; auto?: true } {
  if (input.mapping) {
    const byColumn = new Map(input.mapping.map((m) => [m.column, m.field]));
    const used = new Set<string>();
    const mapping = headers.map((header, column): ColumnMapping => {
      const f = byColumn.get(column) ?? null;
      const field = f && !used.has(f) && f in FIELD_LABELS ? (f as ImportField) : null;
      if (field) used.add(field);
      return { column, header, field, confidence: null, tied: [] };
    });
    return { mapping, profile: input.profile ?? null };
  }
  if (input.profile) {
    const p = profileByName(db, input.profile);
    if (!p)
      throw new ApiError('not_found', `There is no import profile called "${input.profile}".`, 'profile');
    return { mapping: mappingFromProfile(headers, p.mapping), profile: p.name };
  }
  const saved = profileForSignature(db, signature);
  if (saved) return { mapping: mappingFromProfile(headers, saved.mapping), profile: saved.name };
  return { mapping: autoMapping(headers), profile: null, auto: true };
}
