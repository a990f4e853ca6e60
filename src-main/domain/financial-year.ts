import { parseIso, toIso, type IsoDate } from './dates.ts';

/**
 * Financial years run 1 April to 31 March and are written `2024/25`; quarters are
 * `2024/25 Q1` (April–June) to `Q4` (January–March). This is the only place that knows.
 */
export type FinancialYear = string;

const FY = /^(\d{4})\/(\d{2})$/;

export function isFinancialYear(value: string): boolean {
  const m = FY.exec(value);
  return !!m && (Number(m[1]) + 1) % 100 === Number(m[2]);
}

export const fyStartYear = (fy: FinancialYear): number => Number(fy.slice(0, 4));

export const fyLabel = (startYear: number): FinancialYear =>
  `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;

export function fyOf(iso: IsoDate): FinancialYear {
  const { y, m } = parseIso(iso);
  return fyLabel(m >= 4 ? y : y - 1);
}

export function quarterOf(iso: IsoDate): string {
  const { m } = parseIso(iso);
  const q = m >= 4 ? Math.floor((m - 4) / 3) + 1 : 4;
  return `${fyOf(iso)} Q${q}`;
}

/** The financial year of a quarter key (`2024/25 Q3` → `2024/25`); null for anything else. */
export function yearOfQuarter(key: string): FinancialYear | null {
  const m = /^(\d{4}\/\d{2}) Q[1-4]$/.exec(key);
  return m && isFinancialYear(m[1]!) ? m[1]! : null;
}

/**
 * The dates of the period a report column's key starts with: a year (`2024/25`), a quarter
 * (`2024/25 Q3`), either followed by a space and more (the drop-out table's `2024/25 Q3 stage1`,
 * the diversity table's `2024/25 enquirers`); null for a key naming no period (`total`, `stage1`).
 */
export function periodOfKey(key: string): { from: IsoDate; to: IsoDate } | null {
  const m = /^(\d{4}\/\d{2})(?: Q([1-4]))?(?: |$)/.exec(key);
  if (!m || !isFinancialYear(m[1]!)) return null;
  return m[2]
    ? quarterRange(m[1]!, Number(m[2]) as 1 | 2 | 3 | 4)
    : { from: fyStart(m[1]!), to: fyEnd(m[1]!) };
}

export const fyStart = (fy: FinancialYear): IsoDate => toIso(fyStartYear(fy), 4, 1);
export const fyEnd = (fy: FinancialYear): IsoDate => toIso(fyStartYear(fy) + 1, 3, 31);

export function quarterRange(fy: FinancialYear, q: 1 | 2 | 3 | 4): { from: IsoDate; to: IsoDate } {
  const y = fyStartYear(fy);
  const starts: Array<[number, number]> = [
    [y, 4],
    [y, 7],
    [y, 10],
    [y + 1, 1],
  ];
  const [sy, sm] = starts[q - 1]!;
  const endMonth = sm + 2;
  const endDay = new Date(Date.UTC(sy, endMonth, 0)).getUTCDate();
  return { from: toIso(sy, sm, 1), to: toIso(sy, endMonth, endDay) };
}

/** Inclusive list of financial years from `from` to `to`, oldest first. */
export function fyRange(from: FinancialYear, to: FinancialYear): FinancialYear[] {
  const out: FinancialYear[] = [];
  for (let y = fyStartYear(from); y <= fyStartYear(to); y++) out.push(fyLabel(y));
  return out;
}

/** The last `count` complete financial years before the one containing `today`. */
export function lastCompleteYears(today: IsoDate, count = 5): { from: FinancialYear; to: FinancialYear } {
  const current = fyStartYear(fyOf(today));
  return { from: fyLabel(current - count), to: fyLabel(current - 1) };
}
