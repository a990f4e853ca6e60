import type { ReportColumn, ResolvedReportOptions } from '../contract/reports.ts';
import type { Db } from '../db/open.ts';
import { getDeregistrationMap, listLeavingReasons } from '../db/ofsted-settings.ts';
import { readApplicationBasis } from '../db/journey-dates.ts';
import {
  countApprovalsInYear,
  countPlacesAndHouseholds,
  countSets,
  drillSet,
  firstRecordedOn,
  firstRecordedOnPathway,
  ofstedSets,
  type PathwayCount,
  type Range,
  type ReturnRange,
} from '../db/queries/ofsted.ts';
import {
  carersAt,
  countCarersAt,
  notRecordedAgeWhy,
  peopleAged,
  peopleHouseholds,
  peopleWith,
} from '../db/queries/ofsted-carers.ts';
import {
  CHARACTERISTICS,
  CHARACTERISTIC_LABELS,
  CHARACTERISTIC_VALUES,
  ERASED_KEY,
  ERASED_LABEL,
  NOT_RECORDED_KEY,
  NOT_RECORDED_LABEL,
  type Characteristic,
} from '../domain/characteristics.ts';
import { formatUkDate, type IsoDate } from '../domain/dates.ts';
import { fyEnd, fyStart, fyStartYear } from '../domain/financial-year.ts';
import {
  AGE_BANDS,
  askedIn,
  DEREGISTRATION_CATEGORIES,
  OFSTED_COLUMNS,
  WITHDRAWAL_CODES,
  deregistrationCategoryOf,
} from '../domain/ofsted.ts';
import type { Pathway } from '../domain/stages.ts';
import { ofstedDefinitions, ofstedRows } from './ofsted-definitions.ts';
import { periodDays, toToday } from './period.ts';
import type { RawRow, RawTable } from './shape.ts';
import { percentiles } from './shape.ts';
import type { BuiltTable, TableModule } from './types.ts';

/**
 * The Ofsted fostering data collection for one financial year (the report's `to` year):
 * columns mainstream, family and friends (kinship) and all, as the return splits them. The
 * figures come from the sets in db/queries/ofsted.ts; a figure the records cannot give
 * (carers or places never entered for a household approved at 31 March) is "not recorded".
 * Carer characteristics are counts like every other figure, suppressed when the return is: Ofsted
 * collects them in aggregate and exactly (its template takes no "<5"); a return shared beyond
 * the service is saved with suppression, which then weighs them against the carers printed above.
 */
const COLUMNS: ReportColumn[] = OFSTED_COLUMNS.map((c) => ({ key: c.key, label: c.label }));

/** The return's year, its cessations counted as far as today while it runs (ReturnRange). */
const rangeOf = (o: ResolvedReportOptions, today: IsoDate): ReturnRange => {
  const year = { from: fyStart(o.to), to: fyEnd(o.to) };
  return { ...year, ceasedBy: toToday(year, today).to };
};

/**
 * Lines under the return where its year is not all in the records: helper-230 read a return for a
 * year before any record as plain 0s, which a service could send as its year's figures. Where the
 * records begin after the year, or within it, a line says so; none where they begin before it.
 * Where they do, one pathway's records may still begin later (kinship assessments kept elsewhere
 * at first, helper-233): a line then says so for that column.
 */
function recordsNotes(db: Db, range: Range, fy: string): string[] {
  const first = firstRecordedOn(db);
  if (first === null)
    return [
      `No household's journey is recorded yet: the 0s of ${fy} are for want of records, not a count of the year.`,
    ];
  if (first > range.to)
    return [
      `The records begin on ${formatUkDate(first)}, after ${fy}: its 0s are for want of records, not a count of the year.`,
    ];
  if (first > range.from)
    return [
      `The records begin on ${formatUkDate(first)}, within ${fy}: what happened in it before that day is not counted.`,
    ];
  return OFSTED_COLUMNS.flatMap((c) => {
    if (c.pathway === null) return [];
    const on = firstRecordedOnPathway(db, c.pathway, range.to);
    const which = c.label.toLowerCase();
    if (on === null)
      return [
        `No ${which} household's journey is recorded up to the end of ${fy}: the ${c.label} column's 0s are for want of records, not a count of the year.`,
      ];
    if (on > range.from)
      return [
        `The ${which} records begin on ${formatUkDate(on)}, within ${fy}: what happened on that pathway in it before that day is not counted.`,
      ];
    return [];
  });
}

/** Leaving reason keys by deregistration category, from the saved mapping. */
function deregistrationKeys(db: Db): Record<string, string[]> {
  const mapping = getDeregistrationMap(db);
  const reasons = listLeavingReasons(db).map((r) => r.key);
  const out: Record<string, string[]> = Object.fromEntries(DEREGISTRATION_CATEGORIES.map((c) => [c.key, []]));
  for (const key of reasons) out[deregistrationCategoryOf(key, mapping)]!.push(key);
  return out;
}

/** The rows of the year's return that Ofsted collects for mainstream fostering alone. */
const mainstreamOnlyKeys = (o: ResolvedReportOptions): string[] =>
  ofstedRows(fyStartYear(o.to))
    .filter((r) => r.mainstreamOnly)
    .map((r) => r.key);

const pathwayOf = (column: string): Pathway | null =>
  OFSTED_COLUMNS.find((c) => c.key === column)?.pathway ?? null;

/** A set's figure in each column, with the columns it cannot give. */
function byColumn(counts: readonly PathwayCount[]): {
  values: Record<string, number>;
  notRecorded: string[];
} {
  const values: Record<string, number> = { mainstream: 0, family_and_friends: 0, all: 0 };
  const missing: Record<string, number> = { mainstream: 0, family_and_friends: 0, all: 0 };
  for (const c of counts) {
    const col = c.pathway === 'kinship' ? 'family_and_friends' : 'mainstream';
    values[col]! += c.n;
    values.all! += c.n;
    missing[col]! += c.missing;
    missing.all! += c.missing;
  }
  return { values, notRecorded: Object.keys(missing).filter((k) => missing[k]! > 0) };
}

/**
 * Rows of counts of people by category, one table per characteristic, all columns summing. An
 * Erased row only where a purge erased what some carers' row would have said (a year long past):
 * they were counted under their category when the return was made, and are not people with
 * nothing recorded.
 */
function characteristicTable(
  categories: ReadonlyArray<{ key: string; label: string }>,
  counts: ReadonlyArray<{ pathway: Pathway; key: string | null; n: number }>,
): RawTable {
  const erased = counts.some((c) => c.key === ERASED_KEY && c.n > 0)
    ? [{ key: ERASED_KEY, label: ERASED_LABEL }]
    : [];
  const rows = [...categories, { key: NOT_RECORDED_KEY, label: NOT_RECORDED_LABEL }, ...erased].map((c) => ({
    key: c.key,
    label: c.label,
    kind: 'count' as const,
    values: { mainstream: 0, family_and_friends: 0, all: 0 } as Record<string, number>,
  }));
  const total = {
    key: 'total',
    label: 'Total approved carers',
    kind: 'count' as const,
    values: { mainstream: 0, family_and_friends: 0, all: 0 } as Record<string, number>,
  };
  for (const c of counts) {
    const row =
      rows.find((r) => r.key === (c.key ?? NOT_RECORDED_KEY)) ??
      rows.find((r) => r.key === NOT_RECORDED_KEY)!;
    const col = c.pathway === 'kinship' ? 'family_and_friends' : 'mainstream';
    for (const target of [row, total]) {
      target.values[col]! += c.n;
      target.values.all! += c.n;
    }
  }
  const all = [...rows, total];
  const relations: RawTable['relations'] = [
    ...all.map((r) => ({
      cells: COLUMNS.map((c) => [r.key, c.key] as [string, string]),
      total: [r.key, 'all'] as [string, string],
    })),
    ...COLUMNS.map((c) => ({
      cells: all.map((r) => [r.key, c.key] as [string, string]),
      total: ['total', c.key] as [string, string],
    })),
  ];
  return { columns: COLUMNS, rows: all, relations };
}

const sectionKey = (c: Characteristic | 'age') => `characteristics_${c}`;

/** Each characteristic's total is the approved carers at 31 March of the main table, printed above it. */
const CARERS_TOTAL = [{ main: 'carers_31_march', parts: ['total'] }];

export const ofstedTable: TableModule = {
  key: 'ofsted',
  title: 'Ofsted annual fostering data collection',
  // Its year in its heading, on screen and in every file: two years' returns side by side (in one
  // Word document, say) read alike where only the Period line said which was which.
  titleOf: (o) => `Ofsted annual fostering data collection ${o.to}`,
  period: periodDays,
  pathwayColumns: true,
  definitions: (o) => ofstedDefinitions(fyStartYear(o.to)),

  build(db, o, today) {
    const range = rangeOf(o, today);
    // The approvals of the year, the carers at 31 March, and the places and households then are
    // each counted together (their sets stay the drill's: same conditions); every other figure
    // is its set counted.
    const basis = readApplicationBasis(db);
    const approvals = countApprovalsInYear(db, range, basis);
    const carersAt31March = countCarersAt(db, range);
    const sets = ofstedSets(range, deregistrationKeys(db), basis, mainstreamOnlyKeys(o));
    const placesAt31March = countPlacesAndHouseholds(db, sets.places_31_march!);
    const together = ['carers_31_march', 'places_31_march', 'households_31_march'];
    const others = Object.fromEntries(
      Object.entries(sets).filter(([k]) => !(k in approvals.counts) && !together.includes(k)),
    );
    const counts: Record<string, PathwayCount[]> = {
      ...countSets(db, others),
      ...approvals.counts,
      carers_31_march: carersAt31March.carers,
      places_31_march: placesAt31March.places,
      households_31_march: placesAt31March.households,
    };
    const hist = approvals.days;
    const median = (pathway: Pathway | null) =>
      percentiles(hist.filter((h) => pathway === null || h.pathway === pathway)).median;
    const rows: RawRow[] = [];
    const startYear = fyStartYear(o.to);
    for (const def of ofstedRows(startYear)) {
      if (def.kind === 'days') {
        // Measured on the applications approved in the year (the same episodes).
        rows.push({
          key: def.key,
          label: def.label,
          kind: 'days',
          basis: 'applications_approved',
          values: Object.fromEntries(COLUMNS.map((c) => [c.key, median(pathwayOf(c.key))])),
        });
        continue;
      }
      const set = counts[def.key];
      if (!set) continue;
      const { values, notRecorded } = byColumn(set);
      const notCollected = def.mainstreamOnly
        ? OFSTED_COLUMNS.filter((c) => c.pathway === 'kinship').map((c) => c.key)
        : [];
      rows.push({ key: def.key, label: def.label, kind: 'count', values, notRecorded, notCollected });
    }
    const notes = recordsNotes(db, range, o.to);
    const relations: RawTable['relations'] = rows
      .filter((r) => r.kind === 'count')
      .map((r) => ({
        cells: COLUMNS.map((c) => [r.key, c.key] as [string, string]),
        total: [r.key, 'all'] as [string, string],
      }));
    // A total of parts, stated to the suppression in each column where the parts add up to it.
    // The withdrawal codes need not: a withdrawal after panel is under none, so there the total
    // is the codes plus a count printed nowhere, and gives back no hidden code's count.
    const value = (row: string, column: string) => {
      const r = rows.find((x) => x.key === row);
      return r?.kind === 'count' ? (r.values[column] ?? 0) : 0;
    };
    const parts = (total: string, keys: string[]) =>
      COLUMNS.forEach((c) => {
        // The year's collection may not ask for the parts (the withdrawal codes before 2023-24).
        if (!keys.every((k) => rows.some((r) => r.key === k))) return;
        if (keys.reduce((sum, k) => sum + value(k, c.key), 0) !== value(total, c.key)) return;
        relations.push({
          cells: [...keys, total].map((k) => [k, c.key] as [string, string]),
          total: [total, c.key],
        });
      });
    parts(
      'applications_withdrawn',
      WITHDRAWAL_CODES.map((c) => `withdrawn_${c.code.toLowerCase()}`),
    );
    parts(
      'households_deregistered',
      DEREGISTRATION_CATEGORIES.map((c) => `deregistered_${c.key}`),
    );
    // The year's approvals are those deregistered in it plus those still approved at 31 March, so
    // printing both would give back a hidden count of either part.
    parts('households_approved', ['approved_and_deregistered', 'new_approvals_active_31_march']);
    // The applications approved are the year's approvals whose application is recorded: where every
    // one's is (as in most services), the two rows are one figure twice, and a reader takes them so,
    // so one printed beside the other hidden gives it back (helper-258: applications approved <5, <5,
    // 10 beside households approved <5, 6, <5 gave the mainstream 4 as 10 − 6).
    parts('households_approved', ['applications_approved']);

    // Carer characteristics at 31 March: each characteristic's total is the approved carers printed above.
    const sections: BuiltTable['sections'] = [];
    const groups = carersAt31March.groups;
    const ages = groups.map((x) => ({ pathway: x.pathway, key: x.ageBand, n: x.n }));
    sections.push({
      key: sectionKey('age'),
      title: 'Approved carers at 31 March by age',
      rowHeading: 'Age band',
      raw: characteristicTable(AGE_BANDS, ages),
      restatesMainRows: CARERS_TOTAL,
    });
    for (const c of CHARACTERISTICS.filter((x) => askedIn(x, startYear))) {
      const counts = groups.map((x) => ({ pathway: x.pathway, key: x.values[c], n: x.n }));
      sections.push({
        key: sectionKey(c),
        title: `Approved carers at 31 March by ${CHARACTERISTIC_LABELS[c].toLowerCase()}`,
        rowHeading: CHARACTERISTIC_LABELS[c],
        raw: characteristicTable(CHARACTERISTIC_VALUES[c], counts),
        restatesMainRows: CARERS_TOTAL,
      });
    }
    return { main: { columns: COLUMNS, rows, relations, ...(notes.length ? { notes } : {}) }, sections };
  },

  // The recruitment table prints the year's enquiries, approvals and (where the application is the
  // Stage 1 start, as its Stage 1 row counts it) applications received, under each pathway; the
  // kinship table the family and friends approvals (each on the pathway at the approval); retention
  // the approved households at 31 March (each on its pathway that day); the leaving table the
  // households deregistered in the year (its total: the same cessations, each on the pathway at
  // its date, as here).
  printedForPathway: {
    columnOf: (pathway) => OFSTED_COLUMNS.find((c) => (c.pathway ?? 'all') === pathway)!.key,
    rows: (db) => [
      // The return's initial enquiries are mainstream households' alone, as the table's are only for mainstream.
      { row: 'initial_enquiries', table: 'funnel', as: 'enquiries', pathways: ['mainstream'] },
      ...(readApplicationBasis(db) === 'stage1'
        ? [{ row: 'applications_received', table: 'funnel' as const, as: 'stage1' }]
        : []),
      { row: 'households_approved', table: 'funnel', as: 'approved' },
      { row: 'households_approved', table: 'kinship', as: 'approvals' },
      { row: 'households_31_march', table: 'retention', as: 'households_end' },
      { row: 'households_deregistered', table: 'leaving', as: 'total' },
    ],
  },

  drill(db, o, section, row, column, today) {
    if (!COLUMNS.some((c) => c.key === column)) return null;
    const range = rangeOf(o, today);
    const pathway = pathwayOf(column);
    if (!section) {
      const set = ofstedSets(range, deregistrationKeys(db), readApplicationBasis(db), mainstreamOnlyKeys(o))[
        row
      ];
      return set ? drillSet(set, pathway) : null;
    }
    const people = carersAt(range);
    const everyone = drillSet(peopleHouseholds(people), pathway);
    const rowKey = row === NOT_RECORDED_KEY ? null : row;
    if (section === sectionKey('age')) {
      if (row === 'total') return everyone;
      const band =
        rowKey === null || rowKey === ERASED_KEY ? rowKey : AGE_BANDS.find((b) => b.key === rowKey);
      if (band === undefined) return null;
      const aged = peopleAged(people, range.to, band);
      if (band !== null) return drillSet(aged, pathway);
      // Not recorded counts a date of birth in no band too (a carer 17 at 31 March, say): its list
      // says of each carer why, so a mistyped date is found and not read as one never entered.
      return { ...drillSet(aged, pathway), why: notRecordedAgeWhy(aged, range.to) };
    }
    const c = CHARACTERISTICS.find((x) => section === sectionKey(x));
    if (!c) return null;
    if (row === 'total') return everyone;
    if (rowKey !== null && rowKey !== ERASED_KEY && !CHARACTERISTIC_VALUES[c].some((v) => v.key === rowKey))
      return null;
    return drillSet(peopleWith(people, c, rowKey), pathway);
  },
};
