import * as fs from 'node:fs';
import * as XLSX from 'xlsx';
import { openDatabase } from '../../../src-main/db/open.ts';
import { SOURCES } from '../../../src-main/domain/sources.ts';

XLSX.set_fs(fs);

/**
 * The floor of cases 1 and 2: the least work that gets the same rows into the same schema.
 * SheetJS reads the file; one transaction of prepared inserts writes a household per row
 * (with its summary columns) and a milestone per date cell. No mapping, validation, matching,
 * provenance, audit or batch: whatever the import costs beyond this is its own work.
 */
const HOUSEHOLD_COLUMNS: Record<string, string> = {
  Reference: 'reference',
  'First Name': 'first_name',
  Surname: 'surname',
  Email: 'email',
  Telephone: 'telephone',
  Postcode: 'postcode',
  Source: 'source',
  Pathway: 'pathway',
  'Household Type': 'household_type',
};
const MILESTONE_COLUMNS: Record<string, string> = {
  'Enquiry Date': 'enquiry',
  'EOI Date': 'eoi',
  'Stage 1 Start': 'stage1',
  'Stage 2 Start': 'stage2',
  'Panel Date': 'panel',
  'Approval Date': 'approval',
};
const STAGE_OF: Record<string, string> = {
  enquiry: 'enquiry',
  eoi: 'eoi',
  stage1: 'stage1',
  stage2: 'stage2',
  panel: 'panel',
  approval: 'approval',
};
const SOURCE_KEY = new Map<string, string>(SOURCES.map((s) => [s.label, s.key]));

const EPOCH_1900 = Date.UTC(1899, 11, 30);
const isoOfSerial = (n: number) =>
  new Date(EPOCH_1900 + Math.round(n) * 86_400_000).toISOString().slice(0, 10);
const isoOfUk = (s: string) => `${s.slice(6, 10)}-${s.slice(3, 5)}-${s.slice(0, 2)}`;
const isoOf = (v: unknown): string | null =>
  typeof v === 'number' ? isoOfSerial(v) : typeof v === 'string' && v ? isoOfUk(v) : null;

export async function floorImport(args: { file: string; db: string }) {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(args.db + suffix, { force: true });
  const db = await openDatabase(args.db);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  // csv: raw keeps dd/mm/yyyy as text (SheetJS would otherwise guess US-order dates).
  const wb = XLSX.readFile(args.file, { dense: true, raw: args.file.endsWith('.csv') });
  const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, {
    header: 1,
    raw: true,
    defval: null,
  });
  const readMs = performance.now() - t0;
  const header = (rows[0] ?? []).map(String);
  const hCols = header.map((h) => HOUSEHOLD_COLUMNS[h] ?? null);
  const mCols = header.map((h) => MILESTONE_COLUMNS[h] ?? null);
  const now = new Date().toISOString();
  const insHousehold = db.prepare(`INSERT INTO households
    (reference, pathway, first_name, surname, email, telephone, postcode, source, household_type, episode,
     status, stage, stage_date, enquiry_date, search_text, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)`);
  const insMilestone = db.prepare(
    `INSERT INTO milestones (household_id, episode, kind, date, source) VALUES (?, 1, ?, ?, 'import')`,
  );
  db.transaction(() => {
    for (let r = 1; r < rows.length; r++) {
      const row = rows[r]!;
      const h: Record<string, string | null> = {};
      const ms: Array<[string, string]> = [];
      for (let c = 0; c < header.length; c++) {
        const v = row[c];
        if (v === null || v === undefined || v === '') continue;
        if (hCols[c]) h[hCols[c]!] = String(v);
        else if (mCols[c]) {
          const iso = isoOf(v);
          if (iso) ms.push([mCols[c]!, iso]);
        }
      }
      const last = ms[ms.length - 1];
      const enquiry = ms.find((m) => m[0] === 'enquiry')?.[1] ?? null;
      const id = insHousehold.run(
        h.reference,
        h.pathway?.toLowerCase() === 'kinship' ? 'kinship' : 'mainstream',
        h.first_name ?? null,
        h.surname ?? null,
        h.email ?? null,
        h.telephone ?? null,
        h.postcode ?? null,
        h.source ? (SOURCE_KEY.get(h.source) ?? 'other') : null,
        h.household_type?.toLowerCase() ?? null,
        last?.[0] === 'approval' ? 'approved' : 'open',
        last ? STAGE_OF[last[0]]! : 'enquiry',
        last?.[1] ?? null,
        enquiry,
        [h.reference, h.first_name, h.surname, h.email, h.postcode].filter(Boolean).join(' ').toLowerCase(),
        now,
        now,
      ).lastInsertRowid;
      for (const [kind, date] of ms) insMilestone.run(id, kind, date);
    }
  })();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const stored = db.prepare('SELECT COUNT(*) FROM households').pluck().get() as number;
  db.close();
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, readMs, rows: rows.length - 1, stored };
}
