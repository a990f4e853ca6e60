import type { Db } from '../db/open.ts';
import {
  isSourceMeasure,
  sourceHouseholds,
  sourcesPerDay,
  type SourceMeasure,
} from '../db/queries/reports/sources.ts';
import { NOT_RECORDED_KEY, NOT_RECORDED_LABEL } from '../domain/characteristics.ts';
import { SOURCES, sourceLabel } from '../domain/sources.ts';
import { IMMATURE_DEFINITION, markImmature } from './maturity.ts';
import { columnOf, periods, rangeOf } from './period.ts';
import type { RawRow, RawTable } from './shape.ts';
import type { TableModule } from './types.ts';

/**
 * Enquiries (all episodes) by the source recorded for that enquiry's own episode (a re-enquiry
 * through another channel never re-credits an earlier one), on the pathway the household was on
 * at the enquiry, and how many of those episodes went on to EOI (or any later stage) and to
 * approval, whenever that happened.
 */
type Measure = SourceMeasure;

/** The row of enquiries with no source recorded: the key and words every table's "not recorded" row has. */
const NOT_RECORDED = NOT_RECORDED_KEY;

export const sourcesTable: TableModule = {
  key: 'sources',
  title: 'Enquiries by source, with conversion to EOI and approval',
  definitions: () => [
    {
      key: 'enquiries',
      label: 'Enquiries',
      text: 'Enquiry milestones dated in the period (every episode), by the source recorded for that enquiry: a household that enquires again through another channel is credited to each channel once.',
    },
    {
      key: 'conversion',
      label: 'To EOI / to approval',
      text: 'Of those enquiries, how many episodes went on to EOI (or a later stage) and to approval, at any date up to today; rates are of the same source’s enquiries, to one decimal place.',
    },
    // The same enquirers as the cohort table's, so the same periods are marked, by the same rule.
    IMMATURE_DEFINITION,
  ],

  build(db: Db, o, today) {
    const cols = periods(o);
    const range = rangeOf(o);
    const column = columnOf(o);
    const code = new Map(cols.map((c) => [c.key, c.code]));
    const perDay = sourcesPerDay(db, o, range);
    const counts: Array<{ s: string; c: number } & Record<Measure, number>> = [];
    const at = new Map<string, (typeof counts)[number]>();
    for (const x of perDay) {
      const src = x.s === null || x.s === '' ? NOT_RECORDED : x.s;
      const c = code.get(column(x.d))!;
      const k = `${src}\u0000${c}`;
      let row = at.get(k);
      if (!row) {
        row = { s: src, c, enquiries: 0, eoi: 0, approved: 0 };
        at.set(k, row);
        counts.push(row);
      }
      for (const m of ['enquiries', 'eoi', 'approved'] as const) row[m] += x[m];
    }
    const known = SOURCES.map((x) => x.key as string);
    const extra = [...new Set(counts.filter((x) => x.enquiries > 0).map((x) => x.s))]
      .filter((k) => !known.includes(k) && k !== NOT_RECORDED)
      .sort();
    const keys = [
      ...known,
      ...extra,
      ...(counts.some((x) => x.s === NOT_RECORDED && x.enquiries > 0) ? [NOT_RECORDED] : []),
    ];
    const label = (k: string) => (k === NOT_RECORDED ? NOT_RECORDED_LABEL : sourceLabel(k));
    const rows: RawRow[] = [];
    const relations: RawTable['relations'] = [];
    const value = (k: string | null, m: Measure, code: number) =>
      counts.reduce((t, x) => (x.c === code && (k === null || x.s === k) ? t + x[m] : t), 0);
    const block = (k: string | null) => {
      const key = k ?? 'total';
      const name = k === null ? 'All sources' : label(k);
      const count = (m: Measure, text: string): RawRow => ({
        key: m === 'enquiries' ? key : `${key}:${m}`,
        label: `${name}: ${text}`,
        kind: 'count',
        values: Object.fromEntries(cols.map((c) => [c.key, value(k, m, c.code)])),
      });
      rows.push(
        count('enquiries', 'enquiries'),
        count('eoi', 'went on to EOI'),
        count('approved', 'went on to approval'),
        {
          key: `${key}:eoi_rate`,
          label: `${name}: % to EOI`,
          kind: 'rate',
          numerator: `${key}:eoi`,
          denominator: key,
        },
        {
          key: `${key}:approved_rate`,
          label: `${name}: % to approval`,
          kind: 'rate',
          numerator: `${key}:approved`,
          denominator: key,
        },
      );
    };
    for (const k of keys) block(k);
    block(null);
    for (const c of cols) {
      for (const suffix of ['', ':eoi', ':approved']) {
        relations.push({
          cells: [...keys, 'total'].map((k) => [`${k}${suffix}`, c.key] as [string, string]),
          total: [`total${suffix}`, c.key],
        });
      }
    }
    const columns = markImmature(
      cols,
      perDay.map((x) => ({
        d: x.d,
        households: x.enquiries,
        open: x.open,
        daysToApproval: x.daysToApproval,
      })),
      column,
      today,
    );
    return { main: { columns, rows, relations }, sections: [] };
  },

  drill(_db, o, section, row, column) {
    const col = periods(o).find((c) => c.key === column);
    const [key = '', m = 'enquiries'] = row.split(':');
    if (section || !col || !isSourceMeasure(m)) return null;
    return sourceHouseholds(o, col, key === 'total' ? null : key, m, NOT_RECORDED);
  },
};
