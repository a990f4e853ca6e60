import type { ReportColumn, ResolvedReportOptions } from '../contract/reports.ts';
import type { Db } from '../db/open.ts';
import { getChildrenInCare } from '../db/ofsted-settings.ts';
import { readApplicationBasis } from '../db/journey-dates.ts';
import {
  COHORTS,
  cohortHouseholds,
  peopleByCohortYear,
  valueKey,
  type Cohort,
  type PeopleCounts,
} from '../db/queries/diversity.ts';
import { anyOf, NO_HOUSEHOLDS } from '../db/queries/reports/scope.ts';
import {
  CHARACTERISTICS,
  CHARACTERISTIC_LABELS,
  CHARACTERISTIC_VALUES,
  ERASED_KEY,
  ERASED_LABEL,
  ETHNIC_GROUPS,
  ethnicGroupOf,
  NOT_RECORDED_KEY,
  NOT_RECORDED_LABEL,
  type Category,
  type Characteristic,
} from '../domain/characteristics.ts';
import { fyEnd, fyRange, fyStart, fyStartYear } from '../domain/financial-year.ts';
import { rangeOf } from './period.ts';
import type { Pathway } from '../domain/stages.ts';
import type { RawRow, RawTable } from './shape.ts';
import type { BuiltTable, TableModule } from './types.ts';

/**
 * Diversity of the people coming forward: ethnicity (by the five ONS headings) of
 * enquirers, applicants and newly approved carers in each financial year, beside the local
 * children-in-care profile typed into Settings, with each group's share of the people whose
 * ethnicity is recorded. Further views: the 19 ethnicity categories and every other
 * recorded characteristic. Counts people (one or two per household).
 */
const COHORT_LABELS: Record<Cohort, string> = {
  enquirers: 'enquirers',
  applicants: 'applicants',
  approved: 'approved carers',
};
const CIC = 'children_in_care';
const ERASED = { key: ERASED_KEY, label: ERASED_LABEL };

interface Column extends ReportColumn {
  fy?: string;
  cohort?: Cohort;
}

function columnsOf(o: ResolvedReportOptions, withCic: boolean): Column[] {
  const cols: Column[] = [];
  for (const fy of fyRange(o.from, o.to)) {
    for (const cohort of COHORTS)
      cols.push({ key: `${fy} ${cohort}`, label: `${fy} ${COHORT_LABELS[cohort]}`, fy, cohort });
  }
  if (withCic) cols.push({ key: CIC, label: 'Children in care (local profile)' });
  return cols;
}

const pathwayOf = (o: ResolvedReportOptions): Pathway | null => (o.pathway === 'all' ? null : o.pathway);

/** The people counted, with each cell's column key (worked out once for every view; none: no column shows it). */
interface Placed {
  counts: PeopleCounts;
  columns: ReadonlyArray<string | undefined>;
}

function place(o: ResolvedReportOptions, counts: PeopleCounts): Placed {
  const cell = new Map(columnsOf(o, false).map((col) => [`${fyStartYear(col.fy!)} ${col.cohort}`, col.key]));
  return { counts, columns: counts.cells.map((x) => cell.get(`${x.fyStart} ${x.cohort}`)) };
}

function countTable(
  db: Db,
  o: ResolvedReportOptions,
  people: Placed,
  c: Characteristic,
  grouped: boolean,
  categories: readonly Category[],
  /** The profile is by ethnic group only: other views show its column as not recorded. */
  cic: 'profile' | 'not_recorded',
): { columns: Column[]; rows: Array<RawRow & { kind: 'count' }> } {
  const columns = columnsOf(o, true);
  const rows = [...categories, { key: NOT_RECORDED_KEY, label: NOT_RECORDED_LABEL }, ERASED].map((x) => ({
    key: x.key,
    label: x.label,
    kind: 'count' as const,
    values: Object.fromEntries(columns.map((col) => [col.key, 0])) as Record<string, number>,
  }));
  const rowOf = new Map(rows.map((r) => [r.key, r]));
  const notRecorded = rowOf.get(NOT_RECORDED_KEY)!;
  const add = (row: RawRow & { kind: 'count' }, counts: Int32Array) =>
    people.columns.forEach((column, i) => {
      if (column) row.values[column]! += counts[i]!;
    });
  // A value outside the vocabulary counts as not recorded.
  for (const [value, counts] of people.counts.byValue[c])
    add(rowOf.get(valueKey(value, grouped)) ?? notRecorded, counts);
  add(rowOf.get(ERASED.key)!, people.counts.erased);
  const profile = getChildrenInCare(db);
  for (const row of rows) row.values[CIC] = cic === 'profile' ? (profile.counts[row.key] ?? 0) : 0;
  return { columns, rows };
}

/** Marks the children-in-care column "not recorded" on every count row (views it does not describe). */
function cicNotRecorded(t: RawTable): RawTable {
  return {
    ...t,
    rows: t.rows.map((r) => (r.kind === 'count' ? { ...r, notRecorded: [CIC] } : r)),
  };
}

function withTotals(
  columns: Column[],
  rows: Array<RawRow & { kind: 'count' }>,
  categories: readonly Category[],
  shares: boolean,
): RawTable {
  const sum = (keys: string[], key: string, label: string): RawRow & { kind: 'count' } => ({
    key,
    label,
    kind: 'count',
    values: Object.fromEntries(
      columns.map((c) => [
        c.key,
        rows.filter((r) => keys.includes(r.key)).reduce((t, r) => t + r.values[c.key]!, 0),
      ]),
    ),
  });
  const catKeys = categories.map((c) => c.key);
  const recorded = sum(catKeys, 'recorded', 'Recorded');
  const total = sum([...catKeys, NOT_RECORDED_KEY, ERASED.key], 'total', 'Total people');
  const out: RawRow[] = [...rows, recorded, total];
  if (shares) {
    for (const c of categories) {
      out.push({
        key: `share_${c.key}`,
        label: `${c.label} (% of recorded)`,
        kind: 'rate',
        numerator: c.key,
        denominator: 'recorded',
      });
    }
  }
  const relations: RawTable['relations'] = columns.flatMap((col) => [
    {
      cells: [...catKeys, 'recorded'].map((k) => [k, col.key] as [string, string]),
      total: ['recorded', col.key] as [string, string],
    },
    {
      cells: ['recorded', NOT_RECORDED_KEY, ERASED.key, 'total'].map((k) => [k, col.key] as [string, string]),
      total: ['total', col.key] as [string, string],
    },
  ]);
  return { columns, rows: out, relations };
}

/** The further views: ethnicity in full, then each other characteristic. */
const SECTIONS: ReadonlyArray<{ key: string; c: Characteristic; title: string }> = [
  { key: 'ethnicity', c: 'ethnicity', title: 'Ethnicity (ONS 2021 categories)' },
  ...CHARACTERISTICS.filter((c) => c !== 'ethnicity').map((c) => ({
    key: c,
    c,
    title: CHARACTERISTIC_LABELS[c],
  })),
];

/**
 * The main table's rows each view counts again: the same people in every view (Total people, and
 * Erased), and in the ethnicity view each heading as its categories added up. Suppression reads
 * them, so a view neither prints every category of a hidden heading nor hides one category alone
 * under a printed one.
 */
function restatedRows(c: Characteristic): Array<{ main: string; parts: string[] }> {
  const same = ['total', ERASED.key].map((k) => ({ main: k, parts: [k] }));
  if (c !== 'ethnicity') return same;
  return [
    ...ETHNIC_GROUPS.map((g) => ({
      main: g.key,
      parts: CHARACTERISTIC_VALUES.ethnicity.filter((e) => ethnicGroupOf(e.key) === g.key).map((e) => e.key),
    })),
    ...same,
  ];
}

export const diversityTable: TableModule = {
  key: 'diversity',
  title: 'Diversity of enquirers, applicants and approved carers',
  definitions: () => [
    {
      key: 'counting',
      label: 'What is counted',
      text: 'People recorded on the households that enquired (an enquiry dated in the year), applied (application received in the year: the Stage 1 start, or the EOI where Settings say the EOI is the formal application; for a kinship household its viability assessment request, unless a Stage 1 start or EOI came before it) or were first approved in the year; one or two people a household. A household with nobody entered counts once as Not recorded; a household whose personal details were erased after its retention period counts as Erased.',
    },
    {
      key: 'ethnicity',
      label: 'Ethnicity',
      text: 'The Office for National Statistics 2021 Census categories for England, grouped under their five headings in the main table (https://www.ons.gov.uk/census/census2021dictionary/variablesbytopic/ethnicgroupnationalidentitylanguageandreligionvariablescensus2021/ethnicgroup).',
    },
    {
      key: 'shares',
      label: '% of recorded',
      text: 'A group’s people as a share of the people whose ethnicity is recorded (refusals included), to one decimal place.',
    },
    {
      key: CIC,
      label: 'Children in care (local profile)',
      text: 'The local profile typed into Settings → Diversity (children by ethnic group, at the date given there); it opens no households.',
    },
  ],

  build(db, o) {
    const people = place(o, peopleByCohortYear(db, rangeOf(o), pathwayOf(o), readApplicationBasis(db)));
    const main = countTable(db, o, people, 'ethnicity', true, ETHNIC_GROUPS, 'profile');
    const sections: BuiltTable['sections'] = SECTIONS.map((s) => {
      const t = countTable(db, o, people, s.c, false, CHARACTERISTIC_VALUES[s.c], 'not_recorded');
      return {
        key: s.key,
        title: s.title,
        rowHeading: CHARACTERISTIC_LABELS[s.c],
        raw: cicNotRecorded(withTotals(t.columns, t.rows, CHARACTERISTIC_VALUES[s.c], false)),
        restatesMainRows: restatedRows(s.c),
      };
    });
    const totalled = withTotals(main.columns, main.rows, ETHNIC_GROUPS, true);
    // No profile typed yet: its column is not recorded, not a profile of 0 children in every group.
    const typed = Object.keys(getChildrenInCare(db).counts).length > 0;
    return { main: typed ? totalled : cicNotRecorded(totalled), sections };
  },

  drill(db, o, section, row, column) {
    const s = section ? SECTIONS.find((x) => x.key === section) : null;
    if (section && !s) return null;
    const col = columnsOf(o, true).find((c) => c.key === column);
    if (!col) return null;
    // The local profile describes children, not households: it opens none.
    if (!col.fy || !col.cohort) return NO_HOUSEHOLDS;
    const c = s ? s.c : 'ethnicity';
    const categories = s ? CHARACTERISTIC_VALUES[s.c] : ETHNIC_GROUPS;
    const range = { from: fyStart(col.fy), to: fyEnd(col.fy) };
    const basis = readApplicationBasis(db);
    const households = (value: string | null) =>
      cohortHouseholds(col.cohort!, range, pathwayOf(o), c, !s, value, basis);
    if (row === 'total') return households(null);
    if (row === 'recorded') return anyOf(categories.map((x) => households(x.key)));
    const known = [...categories.map((x) => x.key), NOT_RECORDED_KEY, ERASED.key];
    if (!known.includes(row)) return null;
    return households(row);
  },
};
