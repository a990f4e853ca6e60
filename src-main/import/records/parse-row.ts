import { createHash } from 'node:crypto';
import { checkEndDate, checkMilestoneOrder, responseFault } from '../../domain/order-rules.ts';
import { latestMilestone } from '../../domain/journey-state.ts';
import {
  defaultCessationInitiator,
  endedByFault,
  normaliseLabel,
  UNKNOWN_DROPOUT_REASON,
  UNKNOWN_LEAVING_REASON,
} from '../../domain/reasons.ts';
import { ENDED_BY_LABELS, MILESTONES, type CeaseInitiatedBy, type EndedBy } from '../../domain/stages.ts';
import type { RawCell, RawRow } from '../read/raw-sheet.ts';
import { FIELD_LABELS, FIELD_MAX_CHARS, MILESTONE_FIELDS, type ImportField } from './fields.ts';
import type { HouseholdColumn, ImportRecord, RowIssue } from './import-record.ts';
import type { ColumnMapping, ImportKind } from './mapping.ts';
import { EARLIEST_RECORD_DATE } from '../../domain/dates.ts';
import { parseDate } from './parse-date.ts';
import {
  ceasedByFor,
  endedByFor,
  reasonSaysServiceEnded,
  namesKinship,
  pathwayIn,
  reasonListWords,
  reasonsStartingWith,
  saysOnlyItEnded,
  sourceNamedIn,
  type ReasonListWords,
  type Vocab,
} from './vocab.ts';
import { sourceLabel } from '../../domain/sources.ts';
import { looksLikeEmail } from '../../domain/email.ts';
import { ukPostcode } from '../../domain/postcode.ts';
import { importedTelephone } from '../../domain/telephone.ts';
import { DEFAULT_APPLICATION_BASIS, type ApplicationBasis } from '../../domain/journey-dates.ts';
import { EXTRA_FIELDS, type ExtraField } from './extra-fields.ts';
import { identifiesHousehold } from '../../domain/household-details.ts';
import { parseExtras } from './parse-extras.ts';
import { splitFullName } from './full-name.ts';
import { MonthFirstDate, OverLongCell } from './file-refusals.ts';
import { loneLine, loneRecord } from './lone-line.ts';
import { noteDayNumber, type DayNumbers } from './day-numbers.ts';
import { columnLetters } from '../../contract/import-issues.ts';
import {
  reasonBlank,
  reasonByAcronym,
  reasonByCode,
  reasonByExample,
  reasonByItsStart,
  reasonByPhrasing,
  reasonUntold,
  unlistedReason,
  type ReasonColumn,
} from './reason-words.ts';
import { exampleKey, reasonOfAcronyms } from './reason-examples.ts';
import { reasonOfPhrasings } from './reason-phrasings.ts';

export interface RowContext {
  kind: ImportKind;
  date1904: boolean;
  today: string;
  vocab: Vocab;
  /** field → column index and header text, built once per file. */
  columns: Map<ImportField, { index: number; header: string }>;
  /** The file has milestone columns beyond enquiry and approval. */
  hasStageColumns: boolean;
  /** Carer, terms and journey fields with a column (parse-extras.ts); null when there are none. */
  extras: ReadonlySet<ExtraField> | null;
  /** Which milestone an "Application received" column fills (Settings). */
  applicationBasis: ApplicationBasis;
  /** The pathway column's header names kinship, so its cells may be yes or no (vocab.ts pathwayIn). */
  kinshipColumn: boolean;
  /** Each mapped column with its field's longest cell, in `columns`' order (refuseOverLongCells). */
  lengths: ReadonlyArray<{ index: number; header: string; max: number }>;
  /** Source and pathway cells already looked up (remembered): a file repeats a few words. */
  sourceKeys: Map<string, string | null>;
  /** A cell naming no source outright → the one its words name (vocab.ts sourceNamedIn). */
  sourceWords: Map<string, string | null>;
  pathways: Map<string, string | null>;
  /** The file's dates written as numbers, by the order they read in (see monthFirstFile). */
  dateOrders: DateOrders;
  /**
   * A CSV file's cells in its header row, and in its rows (records/header.ts csvRowWidth):
   * `cellsBeyondHeader`. Null for a spreadsheet.
   */
  csvWidth: { heading: number; row: number } | null;
  /** A CSV's date cells read as Excel day numbers, by column (records/day-numbers.ts). Null for a spreadsheet. */
  dayNumbers: DayNumbers | null;
}

/**
 * How a file's dates written as numbers read: only day first (25/03/2024), either way
 * (03/05/2024), and the dates that read only month first (02/20/2024), the first of them kept.
 */
export interface DateOrders {
  dayFirst: number;
  either: number;
  monthFirst: number;
  firstMonthFirst: MonthFirstDate | null;
}

/**
 * The date that shows a file writes its dates month first, or null. One such date among dates
 * that read only day first is a typing slip (an error in its row); so is a lone one with no date
 * that reads either way. Otherwise its dates that read both ways would be stored wrongly, without
 * a word, so the whole file is refused.
 */
export function monthFirstFile(o: DateOrders): MonthFirstDate | null {
  if (o.monthFirst === 0 || o.dayFirst > 0) return null;
  return o.either > 0 || o.monthFirst > 1 ? o.firstMonthFirst : null;
}

/** Words remembered per file, at most (a file of all different words looks each up). */
const REMEMBERED_WORDS = 1000;

/** `look(text)`, remembered for the file: the same few words fill 100,000 rows. */
function remembered<K extends string>(
  memo: Map<string, string | null>,
  text: string,
  look: (text: string) => K | null | undefined,
): K | undefined {
  const known = memo.get(text);
  if (known !== undefined) return (known ?? undefined) as K | undefined;
  const key = look(text) ?? undefined;
  if (memo.size < REMEMBERED_WORDS) memo.set(text, key ?? null);
  return key;
}

export function rowContext(
  kind: ImportKind,
  mapping: readonly ColumnMapping[],
  date1904: boolean,
  today: string,
  vocab: Vocab,
  applicationBasis: ApplicationBasis = DEFAULT_APPLICATION_BASIS,
  csvWidth: RowContext['csvWidth'] = null,
): RowContext {
  const columns = new Map<ImportField, { index: number; header: string }>();
  for (const m of mapping) if (m.field) columns.set(m.field, { index: m.column, header: m.header });
  const hasStageColumns = (['eoi_date', 'stage1_date', 'stage2_date', 'panel_date'] as const).some((f) =>
    columns.has(f),
  );
  const extras = new Set(EXTRA_FIELDS.filter((f) => columns.has(f)));
  return {
    kind,
    date1904,
    today,
    vocab,
    columns,
    hasStageColumns,
    extras: extras.size > 0 ? extras : null,
    applicationBasis,
    kinshipColumn: namesKinship(columns.get('pathway')?.header ?? ''),
    sourceKeys: new Map(),
    sourceWords: new Map(),
    pathways: new Map(),
    dateOrders: { dayFirst: 0, either: 0, monthFirst: 0, firstMonthFirst: null },
    csvWidth,
    dayNumbers: csvWidth ? new Map() : null,
    // Made once a file, not each row: walking the map and reading each field's limit by its
    // name was a sixth of a 100,000-row file's parsing.
    lengths: [...columns].map(([f, c]) => ({ index: c.index, header: c.header, max: FIELD_MAX_CHARS[f] })),
  };
}

/** Shared by the (many) rows without problems: one empty array, never written to. */
const NO_ISSUES: RowIssue[] = Object.freeze([]) as unknown as RowIssue[];

const BLANKS = new Set(['', '-', 'n/a', 'na', 'none', 'null', 'tbc', 'unknown']);

const LONGEST_BLANK = Math.max(...[...BLANKS].map((b) => b.length));
/** Whitespace other than single plain spaces: only a cell with some is changed by collapsing it. */
const UNTIDY_SPACE = /[^\S ]| {2}/;

/**
 * Whether UNTIDY_SPACE is in `c`, read a character at a time while they are ASCII (most cells:
 * quicker than the expression for a short text), else asked of the expression.
 */
function untidy(c: string): boolean {
  for (let i = 0; i < c.length; i++) {
    const k = c.charCodeAt(i);
    if (k === 32) {
      if (c.charCodeAt(i + 1) === 32) return true;
    } else if (k >= 9 && k <= 13) return true;
    else if (k > 127) return UNTIDY_SPACE.test(c);
  }
  return false;
}

/**
 * A cell as the import reads it: runs of whitespace made one space, trimmed, and '' for a word
 * that means nothing was entered. Called for every mapped cell (1.5 million in a 100,000-row
 * file), so the replace and the lower-casing are done only where they can change the answer.
 */
export const cellText = (c: RawCell | undefined): string => {
  if (c === null || c === undefined) return '';
  if (typeof c === 'number') return String(c);
  const t = (untidy(c) ? c.replace(/\s+/g, ' ') : c).trim();
  return t.length <= LONGEST_BLANK && BLANKS.has(t.toLowerCase()) ? '' : t;
};

/** True when every mapped cell of the row is blank: such rows are skipped, not counted. */
export function isBlankRow(row: RawRow, ctx: RowContext): boolean {
  for (const { index } of ctx.columns.values()) if (cellText(row.cells[index]) !== '') return false;
  return true;
}

/**
 * Parses and checks one row on its own; database matching comes later (apply/plan.ts).
 * `rowHash`: the raw row's hash (records/row-hash.ts), kept on the record it makes.
 */
export function parseRow(row: RawRow, ctx: RowContext, rowHash?: string): ImportRecord {
  const errors: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  const n = row.rowNumber;
  const lone = loneLine(row, ctx);
  if (lone) return loneRecord(n, lone, rowHash);
  refuseOverLongCells(row, ctx);
  reportErrorValues(row, ctx, errors);
  cellsBeyondHeader(row, ctx, errors);
  /**
   * The cell as read: a number stays a number (a telephone number that lost its leading 0). An
   * error value reads as empty: reportErrorValues has said it, and no field's check says it again.
   */
  const cellOf = (f: ImportField): RawCell | undefined => {
    const col = ctx.columns.get(f);
    const c = col ? row.cells[col.index] : undefined;
    return isErrorValue(c) ? undefined : c;
  };
  const get = (f: ImportField): string => cellText(cellOf(f));
  const header = (f: ImportField): string => ctx.columns.get(f)?.header ?? FIELD_LABELS[f];
  /** A date cell of this row was a CSV's day number: its note is the file's, so the row keeps no mark. */
  let dayNumber = false;
  /**
   * `earliest`: null for a date of birth, which may lie before the records' earliest date;
   * `notAfter`: a date of birth's today (parse-date.ts).
   */
  const date = (
    f: ImportField,
    earliest: string | null = EARLIEST_RECORD_DATE,
    notAfter: string | null = null,
  ): string | null => {
    const col = ctx.columns.get(f);
    if (!col) return null;
    const raw = cellOf(f) ?? null;
    const result = parseDate(
      typeof raw === 'string' && BLANKS.has(raw.trim().toLowerCase()) ? null : raw,
      ctx.date1904,
      earliest,
      notAfter,
    );
    if (!result) return null;
    if (!result.ok) {
      if (result.monthFirst) {
        const orders = ctx.dateOrders;
        if (orders.monthFirst++ === 0)
          orders.firstMonthFirst = new MonthFirstDate(n, col.index + 1, col.header, String(raw).trim());
      }
      errors.push({ row: n, column: col.header, message: result.message });
      return null;
    }
    if (result.order) ctx.dateOrders[result.order]++;
    else if (result.dayNumber && ctx.dayNumbers) {
      noteDayNumber(ctx.dayNumbers, col, n, raw as string, result.iso);
      dayNumber = true;
    }
    return result.iso;
  };

  const values: ImportRecord['values'] = {};
  const set = (k: Exclude<HouseholdColumn, 'pathway'>, v: string) => {
    if (v) values[k] = v;
  };
  let first = get('first_name');
  let surname = get('surname');
  const full = get('full_name');
  if (full && !first && !surname) ({ first, surname } = splitFullName(full));
  set('first_name', first);
  set('surname', surname);
  const email = get('email').toLowerCase();
  if (email && !looksLikeEmail(email)) {
    warnings.push({
      row: n,
      column: header('email'),
      message: `"${email}" does not look like an email address.`,
    });
  }
  set('email', email);
  const phone = get('telephone');
  const telephone = phone ? importedTelephone(cellOf('telephone') ?? phone) : null;
  set('telephone', telephone?.value ?? '');
  const postcode = get('postcode');
  const tidied = postcode ? ukPostcode(postcode) : null;
  if (postcode && !tidied) {
    warnings.push({
      row: n,
      column: header('postcode'),
      message: `"${postcode}" does not look like a UK postcode; kept as written, in capitals.`,
    });
  }
  set('postcode', tidied ?? postcode.toUpperCase());
  set('household_type', get('household_type'));
  set('notes', get('notes'));
  const source = get('source');
  if (source) {
    const outright = remembered(ctx.sourceKeys, source, (t) => ctx.vocab.source.get(normaliseLabel(t)));
    const key = outright ?? remembered(ctx.sourceWords, source, sourceNamedIn);
    if (!outright)
      warnings.push({
        row: n,
        column: header('source'),
        message: key
          ? `Source "${source}" is not in the list; recorded as ${sourceLabel(key)}, which its words name.`
          : `Source "${source}" is not in the list; recorded as Other.`,
      });
    values.source = key ?? 'other';
  }
  const pathway = get('pathway');
  if (pathway) {
    const key = remembered(ctx.pathways, pathway, (t) => pathwayIn(t, ctx.kinshipColumn));
    if (key) values.pathway = key;
    else
      errors.push({
        row: n,
        column: header('pathway'),
        message: `Pathway "${pathway}" is neither mainstream nor kinship / connected persons${ctx.kinshipColumn ? ', nor yes or no' : ''}.`,
      });
  }

  const milestones: ImportRecord['milestones'] = {};
  for (const [f, m] of MILESTONE_FIELDS) {
    const d = date(f);
    if (d) milestones[m] = d;
  }
  const extras = ctx.extras
    ? parseExtras(
        {
          row: n,
          today: ctx.today,
          applicationBasis: ctx.applicationBasis,
          fields: ctx.extras,
          get,
          raw: (f) => {
            const c = cellOf(f);
            return c === null || c === undefined ? '' : String(c).replace(/\s+/g, ' ').trim();
          },
          date,
          header,
          errors,
          warnings,
        },
        values,
        milestones,
      )
    : null;
  // A household named only through its carer 1 columns.
  first = values.first_name ?? '';
  surname = values.surname ?? '';
  for (const v of checkMilestoneOrder(milestones, ctx.today)) {
    const f = MILESTONE_FIELDS.find(([, m]) => m === v.field)![0];
    errors.push({ row: n, column: header(f), message: v.message });
  }
  if (milestones.approval && ctx.hasStageColumns && ctx.kind === 'enquiries') {
    const earlier = MILESTONES.slice(MILESTONES.indexOf('eoi'), MILESTONES.indexOf('approval'));
    if (!earlier.some((m) => milestones[m])) {
      warnings.push({
        row: n,
        column: header('approval_date'),
        message: 'Approved without any EOI, Stage 1, Stage 2 or panel date.',
      });
    }
  }
  const latest = latestMilestone(milestones);

  const responded = date('responded_date');
  if (responded) {
    const problem = responseFault(responded, milestones.enquiry, ctx.today);
    if (problem) errors.push({ row: n, column: header('responded_date'), message: problem });
  }

  const closedDate = date('closed_date');
  const closure = closedDate
    ? parseClosure(closedDate, get('closure_reason'), get('closed_by'), ctx, n, header, warnings)
    : null;
  if (closure) {
    const problem = checkEndDate('Closure', closure.date, latest, ctx.today);
    if (problem) errors.push({ row: n, column: header('closed_date'), message: problem });
    if (milestones.approval)
      errors.push({
        row: n,
        column: header('closed_date'),
        message: 'An approved household cannot also be closed as a drop-out; use the deregistration date.',
      });
  } else if (get('closure_reason')) {
    warnings.push({
      row: n,
      column: header('closure_reason'),
      message: 'A closure reason without a date closed was ignored.',
    });
  }

  const deregDate = date('deregistration_date');
  let cessation: ImportRecord['cessation'] = null;
  if (deregDate) {
    const reasonText = get('leaving_reason');
    const { key, text } = readReason(
      'Reason for leaving',
      reasonText,
      reasonListWords(ctx.vocab, 'leaving'),
      (message) => warnings.push({ row: n, column: header('leaving_reason'), message }),
    );
    const reasonKey = key ?? UNKNOWN_LEAVING_REASON;
    const given = ceasedBy(get, ctx, n, header, warnings);
    const initiatedBy =
      given ??
      (reasonKey === UNKNOWN_LEAVING_REASON && reasonSaysServiceEnded(text)
        ? 'service'
        : defaultCessationInitiator(reasonKey));
    cessation = { date: deregDate, reasonKey, reasonText: text, initiatedBy };
    if (!reasonText) cessation.noReason = true;
    if (given) cessation.initiatedByGiven = true;
    if (!reasonText && ctx.columns.has('leaving_reason'))
      cessation.blankNote = reasonBlank(
        'Reason for leaving',
        leavingLabel(ctx.vocab, reasonKey),
        `initiated by the ${initiatedBy}`,
      );
    const problem = checkEndDate('Deregistration', deregDate, latest, ctx.today);
    if (problem) errors.push({ row: n, column: header('deregistration_date'), message: problem });
  } else if (get('leaving_reason') && !get('deregistration_date')) {
    // Not beside a date refused as no date (31/11/2026): the row is refused for that, and a
    // warning that it has no date contradicted the error (helper-238).
    warnings.push({
      row: n,
      column: header('leaving_reason'),
      message: 'A reason for leaving without a deregistration date was ignored.',
    });
  }
  if (!deregDate && !get('deregistration_date') && get('ceased_by'))
    warnings.push({
      row: n,
      column: header('ceased_by'),
      message: `${FIELD_LABELS.ceased_by} without a deregistration date was ignored.`,
    });

  let reference = get('reference');
  let derived = false;
  if (!reference) {
    if (!identifiesHousehold({ reference, firstName: first, surname, email })) {
      errors.push({
        row: n,
        column: header('reference'),
        message: 'No reference, name or email: the household cannot be identified.',
      });
    }
    reference = derivedReference(first, surname, email, milestones.enquiry ?? '');
    derived = true;
  }
  return {
    row: n,
    reference,
    derived,
    values,
    milestones,
    responded,
    closure,
    cessation,
    ...(extras ? { extras } : {}),
    ...(telephone?.fault ? { telephoneFault: telephone.fault } : {}),
    errors: errors.length ? errors : NO_ISSUES,
    warnings: warnings.length ? warnings : NO_ISSUES,
    // In the literal, not added afterwards: 100,000 records keep one shape and no extra store.
    // Not marked with a day number: a re-import skips a marked row unread, and its cells would
    // then go uncounted in the file's note (a row warned of is read again, as apply/plan.ts has it).
    rowHash: dayNumber ? undefined : rowHash,
  };
}

/** A spreadsheet's error value, left by a formula that failed (#N/A, #VALUE!; LibreOffice's Err:502). */
const ERROR_VALUE =
  /^(?:#(?:N\/A|VALUE!|REF!|DIV\/0!|NAME\?|NUM!|NULL!|SPILL!|CALC!|FIELD!|BLOCKED!|GETTING_DATA)|Err:\d{3})$/;

/**
 * Whether a cell holds an error value: asked of every mapped cell, so most are passed on their
 * first character ("#", "E", or a space a csv left before one).
 */
function isErrorValue(c: RawCell | undefined): boolean {
  if (typeof c !== 'string' || c.length > 20) return false;
  const k = c.charCodeAt(0);
  return (k === 35 || k === 69 || k === 32) && ERROR_VALUE.test(c.trim());
}

/**
 * A mapped cell holding an error value is an error of its row, in any column: read as text it
 * would be stored as a name, reference or source "#N/A"; read as blank, a date or reason lost
 * without a word. An xlsx or xls gives it as its text, as a csv or ods holds it.
 */
function reportErrorValues(row: RawRow, ctx: RowContext, errors: RowIssue[]): void {
  for (const col of ctx.lengths) {
    const c = row.cells[col.index];
    if (isErrorValue(c))
      errors.push({
        row: row.rowNumber,
        column: col.header,
        message: `"${String(c).trim()}" is a spreadsheet's error value, left by a formula that failed, not a value: correct the formula or clear the cell.`,
      });
  }
}

/**
 * A CSV row with more cells than the file's rows have, or a filled one beyond its headings: a
 * separator inside a cell not in quotes ("Mary, Ann") split it, and every cell after it moved one
 * column on, so it would be read as first name Mary, surname Ann and email "Jones", its email lost
 * (helper-245); its last cell empty (an optional column) is no excuse (helper-249). The row is
 * refused, naming its cells. Empty cells the file's rows all end with (a trailing separator) are fine.
 */
function cellsBeyondHeader(row: RawRow, ctx: RowContext, errors: RowIssue[]): void {
  const width = ctx.csvWidth;
  if (width === null || row.cells.length <= width.heading) return;
  let last = row.cells.length - 1;
  while (last >= width.heading && cellText(row.cells[last]) === '') last--;
  if (last < width.heading && row.cells.length <= width.row) return;
  const longer = row.cells.length > width.row;
  const where = last >= width.heading ? `in column ${columnLetters(last + 1)}, beyond the last heading` : '';
  const what = longer
    ? `this row has ${row.cells.length} cells where the file's rows have ${width.row}${where ? ` (a cell ${where})` : ''}`
    : `this row has a cell ${where}`;
  errors.push({
    row: row.rowNumber,
    column: null,
    message: `${what}: a separator (comma, semicolon or tab) inside a cell that is not in quotes splits it, and moves every cell after it one column on, so none of this row was imported. Put that cell in double quotes ("Mary, Ann") or take the separator out, and import again.`,
  });
}

function refuseOverLongCells(row: RawRow, ctx: RowContext): void {
  for (const col of ctx.lengths) {
    const raw = row.cells[col.index];
    // The raw length bounds the tidied one, so most cells are passed without tidying.
    if (typeof raw !== 'string' || raw.length <= col.max) continue;
    const length = cellText(raw).length;
    if (length > col.max) throw new OverLongCell(row.rowNumber, col.index + 1, col.header, length, col.max);
  }
}

/**
 * Who initiated a cessation, as the row says it: its "Initiated by" cell, or where the file has no
 * such column and the row no date closed, its "Closed by" or "Ended by" cell (a register heads it
 * so; an applicant who ended it is the carer). Null where the row does not say: the reason decides.
 */
function ceasedBy(
  get: (f: ImportField) => string,
  ctx: RowContext,
  n: number,
  header: (f: ImportField) => string,
  warnings: RowIssue[],
): CeaseInitiatedBy | null {
  const field: ImportField | null = ctx.columns.has('ceased_by')
    ? 'ceased_by'
    : ctx.columns.has('closed_by') && !get('closed_date')
      ? 'closed_by'
      : null;
  const text = field ? get(field) : '';
  if (!field || !text) return null;
  const by = ceasedByFor(text);
  if (!by)
    warnings.push({
      row: n,
      column: header(field),
      message: `${FIELD_LABELS[field]} "${text}" is not the carer or the service; taken from the reason for leaving.`,
    });
  return by;
}

function parseClosure(
  date: string,
  reasonText: string,
  closedBy: string,
  ctx: RowContext,
  n: number,
  header: (f: ImportField) => string,
  warnings: RowIssue[],
): NonNullable<ImportRecord['closure']> {
  const endedByGiven: EndedBy | null = closedBy ? endedByFor(closedBy) : null;
  const { key, text } = readReason(
    'Closure reason',
    reasonText,
    reasonListWords(ctx.vocab, 'dropout'),
    (message) => warnings.push({ row: n, column: header('closure_reason'), message }),
    // A phrasing is the app's guess: one the row's Closed by contradicts (the service closing for
    // "No response") stays Other, as before, rather than refuse the row for a reason it never named.
    (k) => {
      const r = ctx.vocab.dropoutReasons.get(k);
      return !endedByGiven || !r || !endedByFault(r, endedByGiven);
    },
  );
  const reasonKey = key ?? UNKNOWN_DROPOUT_REASON;
  let endedBy = endedByGiven;
  if (closedBy && !endedBy) {
    warnings.push({
      row: n,
      column: header('closed_by'),
      message: `Closed by "${closedBy}" is not applicant, service or lost contact; taken from the reason.`,
    });
  }
  const reason = ctx.vocab.dropoutReasons.get(reasonKey) ?? null;
  if (!endedBy) {
    const byReason = reason?.endedBy;
    endedBy = byReason === 'service' || byReason === 'lost_contact' ? byReason : 'applicant';
  }
  const closure: NonNullable<ImportRecord['closure']> = {
    date,
    reasonKey,
    reasonText: text,
    endedBy,
    reason,
  };
  if (!reasonText) closure.noReason = true;
  if (endedByGiven) closure.endedByGiven = true;
  // Where the file has the column (without one, no closure of the file has a reason).
  if (!reasonText && ctx.columns.has('closure_reason'))
    closure.blankNote = reasonBlank(
      'Closure reason',
      reason?.label ?? reasonKey,
      `ended by "${ENDED_BY_LABELS[endedBy]}"`,
    );
  return closure;
}

/** A leaving reason's label now (the key where the list has lost it). */
const leavingLabel = (v: Vocab, key: string): string =>
  v.leavingStarts.find((s) => s.key === key)?.label ?? key;

/**
 * A reason cell's key and the text to keep with it: its label or key outright; else, for a drop-out
 * reason, the reason of the Ofsted withdrawal code it is ("AW3", vocab.ts reasonsByCode); else the
 * one reason whose label gives it as an example or alternative ("Retirement"), keeping the cell's words, which
 * say more than the label; else the one reason whose label it starts; else the one reason an
 * acronym in it names ("Moved to an IFA"), keeping its words; else the one reason a common phrasing
 * in it names ("No response after 3 attempts", reason-phrasings.ts) where `fits` lets it, keeping
 * its words; else none (Other with the text).
 * Each but the first warns, the last naming the labels the cell could start. A cell saying only
 * that it ended ("Resigned") names none.
 */
function readReason(
  what: ReasonColumn,
  text: string,
  { byLabel, examples, starts, codes, acronyms, phrasings }: ReasonListWords,
  warn: (message: string) => void,
  fits?: (key: string) => boolean,
): { key: string | undefined; text: string | null } {
  if (!text) return { key: undefined, text: null };
  const words = normaliseLabel(text);
  const key = byLabel.get(words);
  if (key) return { key, text: null };
  const coded = codes.get(words);
  if (coded) {
    warn(reasonByCode(what, text, coded.label));
    return { key: coded.key, text: null };
  }
  if (saysOnlyItEnded(text)) {
    warn(reasonUntold(what, text));
    return { key: undefined, text };
  }
  const example = examples.get(exampleKey(text));
  if (example) {
    warn(reasonByExample(what, text, example.label, example.example));
    return { key: example.key, text };
  }
  const found = reasonsStartingWith(starts, text);
  if (found.length === 1) {
    warn(reasonByItsStart(what, text, found[0]!.label));
    return { key: found[0]!.key, text: null };
  }
  const short = reasonOfAcronyms(text, acronyms);
  if (short) {
    warn(
      short.words === null
        ? reasonByExample(what, text, short.label, short.acronym)
        : reasonByAcronym(what, text, short.label, short.acronym, short.words),
    );
    return { key: short.key, text };
  }
  const phrased = reasonOfPhrasings(text, phrasings, fits);
  if (phrased) {
    warn(reasonByPhrasing(what, text, phrased.label, phrased.phrasing));
    return { key: phrased.key, text };
  }
  warn(
    unlistedReason(
      what,
      text,
      found.map((f) => f.label),
    ),
  );
  return { key: undefined, text };
}

/** Same person, same email, same enquiry date → the same key in every export. */
export function derivedReference(first: string, surname: string, email: string, enquiry: string): string {
  const basis = [normaliseLabel(first), normaliseLabel(surname), email.toLowerCase(), enquiry].join('|');
  return `X-${createHash('sha256').update(basis).digest('hex').slice(0, 12).toUpperCase()}`;
}
