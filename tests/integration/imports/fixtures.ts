import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import type { Db } from '../../../src-main/db/open.ts';

/** Fixture files are made by the tests themselves: SheetJS for workbooks, plain bytes for CSV. */
export type Cell = string | number | Date | null;

/** A date as an Excel date cell (1900 system), independent of the machine's time zone. */
export const xlDate = (iso: string): XLSX.CellObject => ({
  t: 'n',
  v:
    Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000 +
    25_569,
  z: 'dd/mm/yyyy',
});

/** The same date as a 1904-system serial (1,462 days fewer). */
export const xlDate1904 = (iso: string): XLSX.CellObject => {
  const c = xlDate(iso);
  return { ...c, v: (c.v as number) - 1462 };
};

export function writeWorkbook(
  path: string,
  sheets: Record<string, Array<Array<Cell | XLSX.CellObject>>>,
  opts: {
    bookType?: XLSX.BookType;
    date1904?: boolean;
    hidden?: string[];
    /** Per sheet, its merged cells ("C1:E1"). */
    merges?: Record<string, string[]>;
  } = {},
): string {
  const wb = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = XLSX.utils.aoa_to_sheet([]);
    rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (cell === null || cell === undefined) return;
        const ref = XLSX.utils.encode_cell({ r, c });
        ws[ref] =
          typeof cell === 'object' && !(cell instanceof Date)
            ? cell
            : { t: typeof cell === 'number' ? 'n' : 's', v: cell };
      }),
    );
    const width = Math.max(1, ...rows.map((r) => r.length));
    ws['!ref'] = XLSX.utils.encode_range({
      s: { r: 0, c: 0 },
      e: { r: Math.max(0, rows.length - 1), c: width - 1 },
    });
    const merges = opts.merges?.[name];
    if (merges) ws['!merges'] = merges.map((m) => XLSX.utils.decode_range(m));
    XLSX.utils.book_append_sheet(wb, ws, name);
  }
  if (opts.date1904) wb.Workbook = { ...(wb.Workbook ?? {}), WBProps: { date1904: true } };
  if (opts.hidden)
    wb.Workbook = {
      ...(wb.Workbook ?? {}),
      Sheets: wb.SheetNames.map((name) => ({ name, Hidden: opts.hidden!.includes(name) ? 1 : 0 })),
    };
  writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: opts.bookType ?? 'xlsx' }) as Buffer);
  return path;
}

/** Windows-1252 bytes for the characters the fixtures use (Latin-1 range is identical). */
export function cp1252(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

/** Every stored fact, row by row, in a stable order: two snapshots equal means nothing changed. */
export function snapshot(db: Db): Record<string, unknown[]> {
  const q = (sql: string) => db.prepare(sql).all();
  return {
    households: q('SELECT * FROM households ORDER BY id'),
    milestones: q('SELECT * FROM milestones ORDER BY id'),
    closures: q('SELECT * FROM closures ORDER BY id'),
    cessations: q('SELECT * FROM cessations ORDER BY id'),
    field_sources: q('SELECT * FROM field_sources ORDER BY household_id, field'),
  };
}

/** The database file and its write-ahead log, hashed: "byte-for-byte unchanged". */
export function hashDb(dbPath: string): string {
  const h = createHash('sha256');
  for (const p of [dbPath, `${dbPath}-wal`]) if (existsSync(p)) h.update(readFileSync(p));
  return h.digest('hex');
}

export const household = (db: Db, reference: string) =>
  db.prepare('SELECT * FROM households WHERE reference = ?').get(reference) as
    Record<string, unknown> | undefined;

export const milestonesOf = (db: Db, reference: string) =>
  Object.fromEntries(
    (
      db
        .prepare(
          'SELECT m.kind, m.date FROM milestones m JOIN households h ON h.id = m.household_id WHERE h.reference = ? ORDER BY m.kind',
        )
        .all(reference) as Array<{ kind: string; date: string }>
    ).map((m) => [m.kind, m.date]),
  );

export const fixturePath = (dir: string, name: string) => join(dir, name);
