/**
 * TEST REFERENCE ONLY: the Ofsted return as it was built before the speed work of issue 12
 * (main at c9a13fd), kept word for word so that tests/integration/reports/ofsted-reference.test.ts
 * can check the faster build gives the same figures. Not used by the app.
 */
import type { ReportColumn, ResolvedReportOptions } from '../../../../src-main/contract/reports.ts';
import type { Db } from '../../../../src-main/db/open.ts';
import { getDeregistrationMap, listLeavingReasons } from '../../../../src-main/db/ofsted-settings.ts';
import {
  applicationToApprovalDays,
  carersAt,
  countPeopleByEvery,
  countSets,
  drillSet,
  ofstedSets,
  peopleHouseholds,
  peopleAged,
  peopleWith,
  type PathwayCount,
  type Range,
} from './queries.ts';
import {
  CHARACTERISTICS,
  CHARACTERISTIC_LABELS,
  CHARACTERISTIC_VALUES,
  NOT_RECORDED_KEY,
  NOT_RECORDED_LABEL,
  type Characteristic,
} from '../../../../src-main/domain/characteristics.ts';
import { fyEnd, fyStart, fyStartYear } from '../../../../src-main/domain/financial-year.ts';
import {
  AGE_BANDS,
  DEREGISTRATION_CATEGORIES,
  OFSTED_COLUMNS,
  deregistrationCategoryOf,
} from '../../../../src-main/domain/ofsted.ts';
import type { Pathway } from '../../../../src-main/domain/stages.ts';
import { OFSTED_ROWS, ofstedDefinitions } from '../../../../src-main/reports/ofsted-definitions.ts';
import type { RawRow, RawTable } from '../../../../src-main/reports/shape.ts';
import { percentiles } from '../../../../src-main/reports/shape.ts';
import type { BuiltTable, TableModule } from '../../../../src-main/reports/types.ts';

/**
 * The Ofsted fostering data collection for one financial year (the report's `to` year):
 * columns mainstream, family and friends (kinship) and all, as the return splits them. The
 * figures come from the sets in db/queries/ofsted.ts; a figure the records cannot give
 * (carers or places never entered for a household approved at 31 March) is "not recorded".
 * Carer characteristics are counts like every other figure, suppressed when the return is.
 */
const COLUMNS: ReportColumn[] = OFSTED_COLUMNS.map((c) => ({ key: c.key, label: c.label }));

const rangeOf = (o: ResolvedReportOptions): Range => ({ from: fyStart(o.to), to: fyEnd(o.to) });

/** Leaving reason keys by deregistration category, from the saved mapping. */
function deregistrationKeys(db: Db): Record<string, string[]> {
  const mapping = getDeregistrationMap(db);
  const reasons = listLeavingReasons(db).map((r) => r.key);
  const out: Record<string, string[]> = Object.fromEntries(DEREGISTRATION_CATEGORIES.map((c) => [c.key, []]));
  for (const key of reasons) out[deregistrationCategoryOf(key, mapping)]!.push(key);
  return out;
}

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

/** Rows of counts of people by category, one table per characteristic, all columns summing. */
function characteristicTable(
  categories: ReadonlyArray<{ key: string; label: string }>,
  counts: ReadonlyArray<{ pathway: Pathway; key: string | null; n: number }>,
): RawTable {
  const rows = [...categories, { key: NOT_RECORDED_KEY, label: NOT_RECORDED_LABEL }].map((c) => ({
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
    const row = rows.find((r) => r.key === (c.key ?? NOT_RECORDED_KEY)) ?? rows[rows.length - 1]!;
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

export const referenceOfstedTable: TableModule = {
  key: 'ofsted',
  title: 'Ofsted annual fostering data collection',
  pathwayColumns: true,
  definitions: (o) => ofstedDefinitions(fyStartYear(o.to)),

  build(db, o) {
    const range = rangeOf(o);
    const sets = ofstedSets(range, deregistrationKeys(db));
    const counts = countSets(db, sets);
    const hist = applicationToApprovalDays(db, range);
    const median = (pathway: Pathway | null) =>
      percentiles(hist.filter((h) => pathway === null || h.pathway === pathway)).median;
    const rows: RawRow[] = [];
    for (const def of OFSTED_ROWS) {
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
      // Not a figure: printed as "not collected" (presentation, added after the reference was taken).
      const notCollected = def.mainstreamOnly ? ['family_and_friends'] : [];
      rows.push({ key: def.key, label: def.label, kind: 'count', values, notRecorded, notCollected });
    }
    const relations: RawTable['relations'] = rows
      .filter((r) => r.kind === 'count')
      .map((r) => ({
        cells: COLUMNS.map((c) => [r.key, c.key] as [string, string]),
        total: [r.key, 'all'] as [string, string],
      }));
    const parts = (total: string, keys: string[]) =>
      COLUMNS.forEach((c) =>
        relations.push({
          cells: [...keys, total].map((k) => [k, c.key] as [string, string]),
          total: [total, c.key],
        }),
      );
    parts(
      'applications_withdrawn',
      ['aw0', 'aw1', 'aw2', 'aw3', 'aw4', 'aw5'].map((c) => `withdrawn_${c}`),
    );
    parts(
      'households_deregistered',
      DEREGISTRATION_CATEGORIES.map((c) => `deregistered_${c.key}`),
    );

    // Carer characteristics at 31 March.
    const people = carersAt(range);
    const sections: BuiltTable['sections'] = [];
    const groups = countPeopleByEvery(db, people, range.to);
    const ages = groups.map((x) => ({
      pathway: x.pathway,
      key: x.age === null ? null : (AGE_BANDS.find((b) => x.age! >= b.from && x.age! <= b.to)?.key ?? null),
      n: x.n,
    }));
    sections.push({
      key: sectionKey('age'),
      title: 'Approved carers at 31 March by age',
      rowHeading: 'Age band',
      raw: characteristicTable(AGE_BANDS, ages),
    });
    for (const c of CHARACTERISTICS) {
      const counts = groups.map((x) => ({ pathway: x.pathway, key: x.values[c], n: x.n }));
      sections.push({
        key: sectionKey(c),
        title: `Approved carers at 31 March by ${CHARACTERISTIC_LABELS[c].toLowerCase()}`,
        rowHeading: CHARACTERISTIC_LABELS[c],
        raw: characteristicTable(CHARACTERISTIC_VALUES[c], counts),
      });
    }
    return { main: { columns: COLUMNS, rows, relations }, sections };
  },

  drill(db, o, section, row, column) {
    if (!COLUMNS.some((c) => c.key === column)) return null;
    const range = rangeOf(o);
    const pathway = pathwayOf(column);
    if (!section) {
      const set = ofstedSets(range, deregistrationKeys(db))[row];
      return set ? drillSet(set, pathway) : null;
    }
    const people = carersAt(range);
    const everyone = drillSet(peopleHouseholds(people), pathway);
    const rowKey = row === NOT_RECORDED_KEY ? null : row;
    if (section === sectionKey('age')) {
      if (row === 'total') return everyone;
      const band = rowKey === null ? null : AGE_BANDS.find((b) => b.key === rowKey);
      if (band === undefined) return null;
      return drillSet(peopleAged(people, range.to, band), pathway);
    }
    const c = CHARACTERISTICS.find((x) => section === sectionKey(x));
    if (!c) return null;
    if (row === 'total') return everyone;
    if (rowKey !== null && !CHARACTERISTIC_VALUES[c].some((v) => v.key === rowKey)) return null;
    return drillSet(peopleWith(people, c, rowKey), pathway);
  },
};
