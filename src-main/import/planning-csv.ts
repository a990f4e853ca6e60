import { csvRows, detectSeparator, UnterminatedQuote } from './read/csv.ts';
import {
  checkValue,
  figureNumberText,
  isYear,
  MEASURE_KIND,
  parseBasis,
  parseMeasure,
  parsePathway,
  type PlanningFigure,
} from '../domain/targets.ts';

/**
 * Targets and comparators from a csv, one figure a row under a header naming the columns
 * Year, Comparator (or Basis), Measure, Value and optionally Pathway (default mainstream), in any
 * order, e.g. `2025/26,England,Number of households approved,1520`. Every problem is reported
 * with its row and column as a spreadsheet shows them; a file with any problem stores nothing.
 */
export interface FigureIssue {
  row: number | null;
  column: string | null;
  message: string;
}

const COLUMNS = {
  year: ['year', 'financialyear', 'fy'],
  basis: ['comparator', 'basis', 'comparedwith', 'source', 'who'],
  measure: ['measure', 'figure', 'indicator'],
  value: ['value', 'number', 'amount'],
  pathway: ['pathway'],
} as const;
type Column = keyof typeof COLUMNS;

/** A, B, … Z, AA: columns as a spreadsheet names them. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const squash = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');
export const MAX_FIGURE_ROWS = 5000;

export function parsePlanningCsv(
  fileName: string,
  text: string,
): { figures: PlanningFigure[]; issues: FigureIssue[] } {
  const issues: FigureIssue[] = [];
  const figures: PlanningFigure[] = [];
  let rows: string[][];
  try {
    rows = [...csvRows(text.replace(/^\uFEFF/, ''), detectSeparator(text))];
  } catch (e) {
    if (!(e instanceof UnterminatedQuote)) throw e;
    const column = columnLetter(e.column - 1);
    const message = `${fileName}, row ${e.record}, column ${column}: a quote opens a value and never closes.`;
    return { figures, issues: [{ row: e.record, column, message }] };
  }
  const first = rows.findIndex((r) => r.some((c) => c.trim() !== ''));
  if (first < 0) return { figures, issues: [{ row: null, column: null, message: `${fileName} is empty.` }] };
  // The header may sit under a title or two: the first row naming every column needed.
  const columnsOf = (r: readonly string[]) => {
    const header = r.map(squash);
    const at = {} as Record<Column, number>;
    for (const [col, names] of Object.entries(COLUMNS) as Array<[Column, readonly string[]]>) {
      at[col] = header.findIndex((h) => names.includes(h));
    }
    return at;
  };
  const needed: Column[] = ['year', 'basis', 'measure', 'value'];
  let headerAt = rows.slice(0, 30).findIndex((r) => needed.every((c) => columnsOf(r)[c] >= 0));
  if (headerAt < 0) {
    // Name what the likeliest header (the one naming most columns) lacks.
    headerAt = first;
    let best = -1;
    rows.slice(0, 30).forEach((r, i) => {
      const found = needed.filter((c) => columnsOf(r)[c] >= 0).length;
      if (found > best) [best, headerAt] = [found, i];
    });
    const at = columnsOf(rows[headerAt]!);
    for (const col of needed.filter((c) => at[c] < 0)) {
      issues.push({
        row: headerAt + 1,
        column: null,
        message: `${fileName}, row ${headerAt + 1}: no column headed ${col === 'basis' ? 'Comparator' : col[0]!.toUpperCase() + col.slice(1)} (the header needs Year, Comparator, Measure and Value).`,
      });
    }
  }
  const at = columnsOf(rows[headerAt]!);
  if (issues.length) return { figures, issues };
  if (rows.length - headerAt - 1 > MAX_FIGURE_ROWS) {
    return {
      figures,
      issues: [
        { row: null, column: null, message: `${fileName} has more than ${MAX_FIGURE_ROWS} rows of figures.` },
      ],
    };
  }
  const seen = new Map<string, number>();
  for (let i = headerAt + 1; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.every((c) => c.trim() === '')) continue;
    const line = i + 1;
    const problem = (col: Column, message: string) => {
      const letter = columnLetter(at[col]);
      issues.push({
        row: line,
        column: letter,
        message: `${fileName}, row ${line}, column ${letter}: ${message}`,
      });
    };
    const cell = (col: Column) => (at[col] >= 0 ? (r[at[col]] ?? '').trim() : '');
    const fy = cell('year').replace(/\s+/g, '').replace(/-/, '/');
    const basis = parseBasis(cell('basis'));
    const measure = parseMeasure(cell('measure'));
    const pathway = parsePathway(cell('pathway'));
    // As the Settings grid reads a box: "2 000" is no number there, nor here.
    const valueText = figureNumberText(cell('value'));
    const value = valueText === '' ? NaN : Number(valueText);
    let ok = true;
    if (!isYear(fy)) ok = (problem('year', `"${cell('year')}" is not a financial year like 2024/25.`), false);
    if (!basis)
      ok =
        (problem(
          'basis',
          `"${cell('basis')}" is not one of Target, Statistical neighbours, England, Regional, IFA.`,
        ),
        false);
    if (!measure)
      ok =
        (problem(
          'measure',
          `"${cell('measure')}" is not one of Enquiries, Approved, Net change, Enquiry to approval rate.`,
        ),
        false);
    if (!pathway) ok = (problem('pathway', `"${cell('pathway')}" is not Mainstream, Kinship or All.`), false);
    if (measure) {
      // A per cent sign belongs to a rate: "12%" given for a count is a value in the wrong row.
      const bad =
        valueText === ''
          ? 'No value.'
          : cell('value').includes('%') && MEASURE_KIND[measure] !== 'rate'
            ? 'This measure is a number, not a percentage.'
            : checkValue(measure, value);
      if (bad) ok = (problem('value', `"${cell('value')}": ${bad}`), false);
    }
    if (!ok || !basis || !measure || !pathway) continue;
    const key = `${fy}|${pathway}|${basis}|${measure}`;
    const before = seen.get(key);
    if (before !== undefined) {
      problem('value', `the same figure is already given on row ${before}.`);
      continue;
    }
    seen.set(key, line);
    figures.push({ fy, pathway, basis, measure, value });
  }
  return { figures, issues };
}
