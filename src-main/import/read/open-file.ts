import { createHash } from 'node:crypto';
import { readFileSync, statSync, type Stats } from 'node:fs';
import { basename, extname } from 'node:path';
import { MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS } from '../limits.ts';
import { columnLetters, hasControlChars, withoutControlChars } from './cell-text.ts';
import { countLines, csvRows, detectSeparator, UnterminatedQuote } from './csv.ts';
import { decodeText } from './decode-text.ts';
import { logFault } from '../../fault-log.ts';
import { fileRefused } from './import-error.ts';
import type { FileFormat, OpenedFile, RawSheet } from './raw-sheet.ts';
import { readWorkbook } from './workbook.ts';
import { readXlsxFast } from './fast-xlsx.ts';
import { htmlSheet, looksLikeHtml } from './html-table.ts';
import { odsHiddenTables } from './hidden.ts';
import { inspectZip, isCompoundFile, isEncryptedOoxml, isZip } from './zip-guard.ts';

/** The file's identity: the same export imported twice is recognised by it. */
const sha256 = (buf: Buffer): string => createHash('sha256').update(buf).digest('hex');

const TEXT_EXTENSIONS = new Set(['.csv', '.txt', '.tsv', '.tab']);

/**
 * Opens any supported file as sheets of raw rows, refusing (with a message naming the
 * file) what is too big, empty, hostile, encrypted or damaged. Reads nothing from the
 * database and writes nothing anywhere.
 */
export function openImportFile(path: string, displayName = basename(path)): OpenedFile {
  let stat: Stats;
  try {
    stat = statSync(path);
  } catch {
    throw fileRefused(displayName, 'the file cannot be found or read.');
  }
  // Read, a folder failed as an internal error (EISDIR) naming its path.
  if (stat.isDirectory())
    throw fileRefused(displayName, 'this is a folder, not a file: choose the file itself.');
  const size = stat.size;
  if (size > MAX_FILE_BYTES) {
    throw fileRefused(
      displayName,
      `the file is ${(size / 1024 / 1024).toFixed(0)} MB; files over 100 MB cannot be imported.`,
    );
  }
  if (size === 0) throw fileRefused(displayName, 'the file is empty.');
  const buf = readFileSync(path);
  const fileHash = sha256(buf);
  const ext = extname(displayName).toLowerCase();

  if (isEncryptedOoxml(buf)) {
    throw fileRefused(
      displayName,
      'the workbook is password-protected: remove the password in Excel and save it again.',
    );
  }
  if (isZip(buf)) {
    const { problem, parts, sheetRows } = inspectZip(buf);
    if (problem) throw fileRefused(displayName, problem);
    const other = otherDocument(parts);
    if (other)
      throw fileRefused(
        displayName,
        `the file is ${other}, not a spreadsheet: choose the export itself (.xlsx, .xls, .ods or .csv).`,
      );
    // The usual xlsx is read from the parts the guard inflated; anything else by SheetJS.
    const fast = parts.has('xl/workbook.xml')
      ? readXlsxFast(parts, () => rereadSheets(path, displayName, fileHash), sheetRows)
      : null;
    const sheets = fast ? checkedSheets(fast, displayName) : workbookSheets(buf, displayName, parts);
    // SheetJS does not say which sheets of an OpenDocument file are hidden: its content.xml does.
    const hidden = odsHiddenTables(parts.get('content.xml'));
    for (const s of sheets) if (hidden.has(s.name)) s.hidden = true;
    return { fileName: displayName, fileHash, format: ext === '.ods' ? 'ods' : 'xlsx', sheets };
  }
  if (isCompoundFile(buf)) {
    return { fileName: displayName, fileHash, format: 'xls', sheets: workbookSheets(buf, displayName) };
  }
  if (['.xlsx', '.xlsm', '.ods'].includes(ext)) {
    throw fileRefused(
      displayName,
      'the file is damaged or is not really a workbook (it is not a zip archive).',
    );
  }
  if (!TEXT_EXTENSIONS.has(ext) && ext !== '.xls' && looksBinary(buf)) {
    throw fileRefused(displayName, 'this is not a spreadsheet or CSV file the app can read.');
  }
  if (looksBinary(buf))
    throw fileRefused(displayName, 'the file is damaged or is not a spreadsheet or CSV file.');
  const text = decodeText(buf);
  // Excel's XML Spreadsheet 2003, as older reporting tools write it (often named .xls): its
  // cells are typed (dates as dates), so SheetJS reads it as it reads any workbook.
  if (
    /^\s*<\?xml[^>]*\?>[\s\S]{0,2000}urn:schemas-microsoft-com:office:spreadsheet/.test(text.slice(0, 4096))
  )
    return { fileName: displayName, fileHash, format: 'xls', sheets: workbookSheets(buf, displayName) };
  if (looksLikeHtml(text)) {
    const sheet = htmlSheet(text, displayName, (row, columns) => {
      throw tooWide(displayName, row, columns);
    });
    if (sheet.totalRows === 0)
      throw fileRefused(
        displayName,
        'the file is a web page with no table in it, not a spreadsheet (a system that was asked for an export may have sent a login or error page instead).',
      );
    return { fileName: displayName, fileHash, format: 'csv', sheets: [sheet] };
  }
  return { fileName: displayName, fileHash, format: 'csv', sheets: [csvSheet(text, displayName)] };
}

/**
 * Another office program's zipped document (a Word file chosen by mistake): named as what it is.
 * Read by SheetJS, it was "a damaged workbook", which sent the user to repair a file that is fine.
 */
function otherDocument(parts: ReadonlyMap<string, Buffer>): string | null {
  if (parts.has('word/document.xml')) return 'a Word document';
  if (parts.has('ppt/presentation.xml')) return 'a PowerPoint presentation';
  const content = parts.get('content.xml');
  if (content?.includes('<office:text')) return 'a text document (OpenDocument)';
  if (content?.includes('<office:presentation')) return 'a presentation (OpenDocument)';
  return null;
}

const tooWide = (fileName: string, row: number, columns: number) =>
  fileRefused(
    fileName,
    `row ${row} has ${columns.toLocaleString('en-GB')} columns; a spreadsheet has at most ${MAX_COLUMNS.toLocaleString('en-GB')}. Nothing was imported.`,
  );

/** `parts`: a zipped workbook's parts, as the zip guard inflated them (hidden rows are read from them). */
function workbookSheets(buf: Buffer, fileName: string, parts?: ReadonlyMap<string, Buffer>): RawSheet[] {
  let read: ReturnType<typeof readWorkbook>;
  try {
    read = readWorkbook(buf, parts);
  } catch (e) {
    const msg = (e as Error).message ?? '';
    if (/password|encrypt/i.test(msg)) {
      throw fileRefused(
        fileName,
        'the workbook is password-protected: remove the password in Excel and save it again.',
      );
    }
    // The reader's own words ("Major Version: Expected 3 or 4 saw 16705", "Cannot read properties of
    // undefined") tell the user nothing: they go to the fault log, where whoever supports the app looks.
    throw fileRefused(
      fileName,
      `the workbook is damaged and cannot be read, so nothing was imported. Open it in Excel (or LibreOffice) and save it as a new .xlsx file, or export it again from the system it came from, and import that. ${logFault(e).note}`,
    );
  }
  return checkedSheets(read, fileName);
}

/**
 * The workbook read again from its file by SheetJS, for the rare row the fast reader declines
 * after opening. From the file, not from bytes kept in memory all along (the import lets them go
 * at once); so a file saved again in the meantime is refused rather than read half old, half new.
 */
function rereadSheets(path: string, fileName: string, fileHash: string): RawSheet[] {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch {
    throw fileRefused(fileName, 'the file could no longer be read while it was being imported.');
  }
  if (sha256(buf) !== fileHash) {
    throw fileRefused(
      fileName,
      'the file was changed while it was being imported. Nothing was imported; import it again.',
    );
  }
  return workbookSheets(buf, fileName);
}

function checkedSheets(
  read: { sheets: RawSheet[]; tooManyRows: boolean; tooWide?: { row: number; columns: number } },
  fileName: string,
): RawSheet[] {
  if (read.tooWide) throw tooWide(fileName, read.tooWide.row, read.tooWide.columns);
  if (read.tooManyRows)
    throw fileRefused(fileName, `a sheet has over ${MAX_ROWS.toLocaleString('en-GB')} rows.`);
  if (read.sheets.every((s) => s.totalRows === 0)) throw fileRefused(fileName, 'the file is empty.');
  return read.sheets;
}

/** NUL bytes never appear in real CSV text (UTF-16 files are recognised by their BOM first). */
function looksBinary(buf: Buffer): boolean {
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) return false;
  return buf.subarray(0, 8192).includes(0);
}

function csvSheet(text: string, fileName: string): RawSheet {
  if (text.trim() === '') throw fileRefused(fileName, 'the file is empty.');
  const totalRows = countLines(text);
  if (totalRows > MAX_ROWS + 1) {
    throw fileRefused(fileName, `the file has over ${MAX_ROWS.toLocaleString('en-GB')} rows.`);
  }
  const sep = detectSeparator(text);
  // One scan of the whole text spares the per-cell check in the usual, clean file.
  const clean = !hasControlChars(text);
  return {
    name: fileName,
    totalRows,
    date1904: false,
    *rows() {
      let n = 0;
      try {
        for (const cells of csvRows(text, sep)) {
          n++;
          if (cells.length > MAX_COLUMNS) throw tooWide(fileName, n, cells.length);
          if (!clean) for (let c = 0; c < cells.length; c++) cells[c] = withoutControlChars(cells[c]!);
          yield { rowNumber: n, cells };
        }
      } catch (e) {
        if (!(e instanceof UnterminatedQuote)) throw e;
        throw fileRefused(
          fileName,
          `row ${e.record}, column ${columnLetters(e.column)}: a quote (") opens a value and never closes, so every later row would be read into that one cell. Nothing was imported; close the quote (or double it, "") and import again.`,
        );
      }
    },
  };
}

export type { FileFormat };
