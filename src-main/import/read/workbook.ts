import type * as XLSX from 'xlsx';
import { xlsx } from '../../export/xlsx-lib.ts';
import { MAX_COLUMNS, MAX_ROWS } from '../limits.ts';
import { withoutControlChars } from './cell-text.ts';
import { markHiddenRows, odsHiddenRows, xlsxHiddenRows } from './hidden.ts';
import { serialToIso } from './serial-dates.ts';
import type { MergedAcross, RawCell, RawSheet } from './raw-sheet.ts';

/**
 * Reads xlsx, xls and ods workbooks with SheetJS (after the zip guard has vouched for
 * them). Date cells become ISO text here, once, honouring the workbook's 1900 or 1904
 * date system; other numbers stay numbers (a date column holding raw serials is read
 * later, knowing the column is a date). A row hidden in the sheet is marked so: SheetJS says it of
 * an xls row; of an xlsx or ods row, the workbook's zip `parts` do (hidden-rows.ts).
 */
export function readWorkbook(
  buf: Buffer,
  parts?: ReadonlyMap<string, Buffer>,
): {
  sheets: RawSheet[];
  date1904: boolean;
  tooManyRows: boolean;
  tooWide?: { row: number; columns: number };
} {
  const wb = withoutOdsFormatNotes(() =>
    xlsx().read(buf, {
      type: 'buffer',
      dense: true,
      cellDates: false,
      cellNF: true,
      cellText: false,
      cellHTML: false,
      cellFormula: false,
      sheetRows: MAX_ROWS + 2,
      WTF: false,
    }),
  );
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  let tooManyRows = false;
  let tooWide: { row: number; columns: number } | undefined;
  const sheets = wb.SheetNames.map((name, index): RawSheet => {
    const ws = wb.Sheets[name]!;
    // The rows actually read, never the range the file declares (`<dimension>` is written
    // by the exporting program and may claim a million rows for two). SheetJS stops at
    // sheetRows, so a sheet reaching it holds more than MAX_ROWS rows under a header.
    const data = (ws['!data'] ?? []) as Array<Array<XLSX.CellObject | undefined> | undefined>;
    const rows = data.length;
    const rowInfo = (ws['!rows'] ?? []) as Array<XLSX.RowInfo | undefined>;
    if (rows > MAX_ROWS + 1) tooManyRows = true;
    // A row is as long as its last cell's column, which an Excel 2003 XML file states as a number
    // (ss:Index="50000000" in a 600-byte file): read, each such row became an array that long,
    // 76 s of work for one cell, and a few times more ran out of memory. Looked at before any is.
    for (let r = 0; r < rows && !tooWide; r++) {
      const columns = data[r]?.length ?? 0;
      if (columns > MAX_COLUMNS) tooWide = { row: r + 1, columns };
    }
    return {
      name,
      ...(wb.Workbook?.Sheets?.[index]?.Hidden ? { hidden: true } : {}),
      totalRows: rows,
      date1904,
      mergedAcross: mergedAcross(ws['!merges']),
      *rows() {
        for (let r = 0; r < data.length; r++) {
          const row = data[r];
          if (!row) continue;
          const cells: RawCell[] = new Array(row.length);
          for (let c = 0; c < row.length; c++) cells[c] = cellValue(row[c], date1904);
          yield rowInfo[r]?.hidden ? { rowNumber: r + 1, cells, hidden: true } : { rowNumber: r + 1, cells };
        }
      },
    };
  });
  const hidden = !parts
    ? null
    : parts.has('xl/workbook.xml')
      ? xlsxHiddenRows(parts)
      : odsHiddenRows(parts.get('content.xml'));
  if (hidden?.size)
    for (const sheet of sheets) {
      const ranges = hidden.get(sheet.name);
      if (ranges) markHiddenRows(sheet, ranges);
    }
  return { sheets, date1904, tooManyRows, ...(tooWide ? { tooWide } : {}) };
}

/**
 * SheetJS writes "ODS number format may be incorrect: value()&gt;0" to the console for every
 * conditional number format it cannot translate, and LibreOffice gives every .ods it saves several
 * (its currency and accounting styles). A number format only displays a cell: the values read are
 * the same. Those lines went to the terminal of an officer importing an .ods with the CLI (a dozen
 * of them for a clean file), and to the server's log: they are left out, anything else is not.
 */
function withoutOdsFormatNotes<T>(read: () => T): T {
  const print = console.error;
  console.error = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith('ODS number format may be incorrect')) return;
    print(...args);
  };
  try {
    return read();
  } finally {
    console.error = print;
  }
}

/** SheetJS's merged ranges (xlsx, xls and ods alike) that span columns, each by its top row. */
function mergedAcross(merges: XLSX.Range[] | undefined): MergedAcross[] {
  const out: MergedAcross[] = [];
  for (const m of merges ?? []) if (m.e.c > m.s.c) out.push({ row: m.s.r + 1, from: m.s.c, to: m.e.c });
  return out;
}

function cellValue(cell: XLSX.CellObject | undefined, date1904: boolean): RawCell {
  if (!cell) return null;
  switch (cell.t) {
    case 's':
      return withoutControlChars(typeof cell.v === 'string' ? cell.v : String(cell.v ?? ''));
    case 'n': {
      const v = cell.v as number;
      if (typeof cell.z === 'string' && xlsx().SSF.is_date(cell.z)) return serialToIso(v, date1904) ?? v;
      return v;
    }
    case 'd': {
      const d = cell.v instanceof Date ? cell.v : new Date(String(cell.v));
      return Number.isNaN(d.getTime()) ? null : d.toISOString().slice(0, 10);
    }
    case 'b':
      return cell.v ? 'TRUE' : 'FALSE';
    case 'e':
      // A formula's error as its text (#N/A), as the xlsx reader gives it (fast-xlsx-cells.ts).
      return typeof cell.w === 'string' ? cell.w : xlsx().utils.format_cell(cell);
    default:
      return null;
  }
}
