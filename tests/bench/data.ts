import { appendFileSync, closeSync, openSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as XLSX from 'xlsx';
import * as fs from 'node:fs';
import { openDatabase, type Db } from '../../src-main/db/open.ts';
import { generateSample } from '../../src-main/sample/generate.ts';
import { SOURCES } from '../../src-main/domain/sources.ts';

XLSX.set_fs(fs);

/**
 * The bench's own data: a sample database made by the product's generator, and the
 * enquiry exports (xlsx, csv) written with SheetJS from that database's households, so
 * the files hold realistic, order-respecting milestones the import must accept.
 */

/** The 15 columns of the xlsx enquiry export, as a CRM would head them. */
export const XLSX_HEADERS = [
  'Reference',
  'Enquiry Date',
  'First Name',
  'Surname',
  'Email',
  'Telephone',
  'Postcode',
  'Source',
  'Pathway',
  'Household Type',
  'EOI Date',
  'Stage 1 Start',
  'Stage 2 Start',
  'Panel Date',
  'Approval Date',
] as const;

/**
 * The csv has 12 columns (no telephone, pathway or household type): 1,000,000 rows of the
 * 15 would pass the import's 100 MB file limit; 12 columns keep the file near 90 MB.
 */
export const CSV_HEADERS = [
  'Reference',
  'Enquiry Date',
  'First Name',
  'Surname',
  'Email',
  'Postcode',
  'Source',
  'EOI Date',
  'Stage 1 Start',
  'Stage 2 Start',
  'Panel Date',
  'Approval Date',
] as const;

export interface ExportRow {
  id: number;
  reference: string;
  enquiry: string | null;
  first: string | null;
  surname: string | null;
  email: string | null;
  telephone: string | null;
  postcode: string | null;
  source: string | null;
  pathway: string;
  type: string | null;
  eoi: string | null;
  stage1: string | null;
  stage2: string | null;
  panel: string | null;
  approval: string | null;
}

const SOURCE_LABEL = new Map<string, string>(SOURCES.map((s) => [s.key, s.label]));

/** Households with their episode-1 milestones, in id order, `limit` at a time from `afterId`. */
function exportRows(db: Db, afterId: number, limit: number): ExportRow[] {
  return db
    .prepare(
      `SELECT h.id, h.reference, h.first_name AS first, h.surname, h.email, h.telephone, h.postcode, h.source,
         h.pathway, h.household_type AS type,
         MAX(CASE WHEN m.kind = 'enquiry' THEN m.date END) AS enquiry,
         MAX(CASE WHEN m.kind = 'eoi' THEN m.date END) AS eoi,
         MAX(CASE WHEN m.kind = 'stage1' THEN m.date END) AS stage1,
         MAX(CASE WHEN m.kind = 'stage2' THEN m.date END) AS stage2,
         MAX(CASE WHEN m.kind = 'panel' THEN m.date END) AS panel,
         MAX(CASE WHEN m.kind = 'approval' THEN m.date END) AS approval
       FROM households h JOIN milestones m ON m.household_id = h.id AND m.episode = 1
       WHERE h.id > ? GROUP BY h.id ORDER BY h.id LIMIT ?`,
    )
    .all(afterId, limit) as ExportRow[];
}

/** Excel shows dates as dd/mm/yyyy; a Date made at local midnight is what SheetJS turns into a serial. */
const excelDate = (iso: string | null): Date | null => {
  if (!iso) return null;
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
};
const ukDate = (iso: string | null): string | null =>
  iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : null;
const sourceText = (key: string | null) => (key ? (SOURCE_LABEL.get(key) ?? key) : null);
const pathwayText = (p: string) => (p === 'kinship' ? 'Kinship' : 'Mainstream');
const typeText = (t: string | null) => (t === 'couple' ? 'Couple' : t === 'single' ? 'Single' : t);

export async function makeDatabase(args: { path: string; households: number; today: string }) {
  for (const suffix of ['', '-wal', '-shm']) rmSync(args.path + suffix, { force: true });
  const db = await openDatabase(args.path);
  const t0 = performance.now();
  generateSample(db, { households: args.households, seed: 20261126, today: args.today });
  const ms = performance.now() - t0;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { ms, bytes: statSync(args.path).size };
}

export async function makeXlsx(args: { db: string; out: string; rows: number }) {
  const db = await openDatabase(args.db, { create: false, dailyBackup: false });
  const t0 = performance.now();
  const aoa: unknown[][] = [[...XLSX_HEADERS]];
  const rows = exportRows(db, 0, args.rows);
  db.close();
  if (rows.length < args.rows)
    throw new Error(`Only ${rows.length} households to export, wanted ${args.rows}.`);
  for (const r of rows) {
    aoa.push([
      r.reference,
      excelDate(r.enquiry),
      r.first,
      r.surname,
      r.email,
      r.telephone,
      r.postcode,
      sourceText(r.source),
      pathwayText(r.pathway),
      typeText(r.type),
      excelDate(r.eoi),
      excelDate(r.stage1),
      excelDate(r.stage2),
      excelDate(r.panel),
      excelDate(r.approval),
    ]);
  }
  const ws = XLSX.utils.aoa_to_sheet(aoa, { dateNF: 'dd/mm/yyyy' });
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'Enquiries');
  XLSX.writeFile(wb, args.out, { bookType: 'xlsx', compression: true });
  return { ms: performance.now() - t0, rows: rows.length, bytes: statSync(args.out).size };
}

/** Written in chunks (SheetJS formats and quotes each chunk) so 1,000,000 rows never sit in memory at once. */
export async function makeCsv(args: { db: string; out: string; rows: number }) {
  const db = await openDatabase(args.db, { create: false, dailyBackup: false });
  const t0 = performance.now();
  writeFileSync(args.out, '');
  const fd = openSync(args.out, 'a');
  let after = 0;
  let written = 0;
  try {
    while (written < args.rows) {
      const rows = exportRows(db, after, Math.min(50_000, args.rows - written));
      if (rows.length === 0) break;
      const aoa: unknown[][] = written === 0 ? [[...CSV_HEADERS]] : [];
      for (const r of rows) {
        aoa.push([
          r.reference,
          ukDate(r.enquiry),
          r.first,
          r.surname,
          r.email,
          r.postcode,
          sourceText(r.source),
          ukDate(r.eoi),
          ukDate(r.stage1),
          ukDate(r.stage2),
          ukDate(r.panel),
          ukDate(r.approval),
        ]);
      }
      const csv = XLSX.utils.sheet_to_csv(XLSX.utils.aoa_to_sheet(aoa), { blankrows: false });
      appendFileSync(fd, csv.endsWith('\n') ? csv : `${csv}\n`);
      written += rows.length;
      after = rows[rows.length - 1]!.id;
    }
  } finally {
    closeSync(fd);
    db.close();
  }
  if (written < args.rows) throw new Error(`Only ${written} households to export, wanted ${args.rows}.`);
  return { ms: performance.now() - t0, rows: written, bytes: statSync(args.out).size };
}

export const dataTasks = {
  'data.db': makeDatabase,
  'data.xlsx': makeXlsx,
  'data.csv': makeCsv,
};
