import * as fs from 'node:fs';
import Database from 'better-sqlite3';
import * as XLSX from 'xlsx';

XLSX.set_fs(fs);

/**
 * The floor of the import cases (issue 12): the least work that gets a file's rows into
 * SQLite at all. SheetJS reads the file; better-sqlite3 inserts every row, as read, into one
 * plain table without indexes, in one transaction. No mapping, validation, matching,
 * households, milestones, episodes, provenance, audit or batch: whatever the import costs
 * beyond this is its own work. The definition is written into bench-results.json.
 */
export const IMPORT_FLOOR = {
  definition:
    'SheetJS reads the file (XLSX.readFile, dense; sheet_to_json with header: 1, raw values) and better-sqlite3 inserts every data row, as read, into one plain table (one untyped column per file column, no key, no index, no constraint) of a new database in WAL mode with synchronous = FULL (as the app opens its file), through one prepared INSERT, in one transaction',
  csvDefinition:
    'Node reads the file (fs.readFileSync, utf8), splits it at line ends and commas (no quoting) and better-sqlite3 inserts every data row into one plain table (one untyped column per file column, no key, no index, no constraint) of a new database in WAL mode with synchronous = FULL, through one prepared INSERT, in one transaction (SheetJS takes minutes over a 90 MB csv, so it is not part of this floor)',
};

function plainTable(path: string, columns: number) {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path + suffix, { force: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  const cols = Array.from({ length: columns }, (_, i) => `c${i}`);
  db.exec(`CREATE TABLE rows (${cols.join(', ')})`);
  const insert = db.prepare(`INSERT INTO rows VALUES (${cols.map(() => '?').join(', ')})`);
  return { db, insert };
}

/** `columns`: the file's width, so the database is made before the clock starts (as the app's is). */
export async function floorImport(args: { file: string; db: string; columns: number }) {
  const { db, insert } = plainTable(args.db, args.columns);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let rows: unknown[][];
  if (args.file.endsWith('.csv')) {
    const text = fs.readFileSync(args.file, 'utf8');
    rows = text
      .split(/\r?\n/)
      .filter((l) => l !== '')
      .map((l) => l.split(','));
  } else {
    const wb = XLSX.readFile(args.file, { dense: true });
    rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, {
      header: 1,
      raw: true,
      defval: null,
    });
  }
  const readMs = performance.now() - t0;
  const width = args.columns;
  if ((rows[0]?.length ?? 0) !== width)
    throw new Error(`the file has ${rows[0]?.length} columns, not ${width}`);
  db.transaction(() => {
    const values = new Array<unknown>(width);
    for (let r = 1; r < rows.length; r++) {
      const row = rows[r]!;
      for (let c = 0; c < width; c++) {
        const v = row[c];
        values[c] = v === undefined ? null : v;
      }
      insert.run(values);
    }
  })();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const stored = db.prepare('SELECT COUNT(*) FROM rows').pluck().get() as number;
  db.close();
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, readMs, rows: rows.length - 1, stored };
}
