import type { ResolvedReportOptions } from '../contract/reports.ts';
import type { Db } from '../db/open.ts';
import { periodSql, periods, rangeOf } from './period.ts';
import { pathwayAt } from './pathway.ts';
import { percentiles, type RawRow } from './shape.ts';
import type { TableModule } from './types.ts';
import { readApplicationBasis } from '../db/journey-dates.ts';

/**
 * Time between two milestones of the same episode, counted in the period of the later one
 * (the interval ended then). "Application" is application received (domain/journey-dates.ts):
 * the Stage 1 start, or the EOI where Settings say so (`withBasis`).
 */
const INTERVALS = [
  { key: 'enquiry_eoi', from: 'enquiry', to: 'eoi', label: 'enquiry to EOI' },
  { key: 'eoi_stage2', from: 'eoi', to: 'stage2', label: 'EOI to Stage 2' },
  { key: 'stage2_panel', from: 'stage2', to: 'panel', label: 'Stage 2 to panel' },
  { key: 'application_panel', from: 'stage1', to: 'panel', label: 'application to panel' },
  { key: 'panel_approval', from: 'panel', to: 'approval', label: 'panel to approval' },
] as const;

/**
 * Later than 8 calendar months after the application: more than 8 months apart, or exactly
 * 8 months with a later day of the month (as domain/dates.addMonths clamps 31st to month end).
 */
const monthIndex = (col: string) =>
  `(CAST(substr(${col}, 1, 4) AS INTEGER) * 12 + CAST(substr(${col}, 6, 2) AS INTEGER))`;
const dayOf = (col: string) => `CAST(substr(${col}, 9, 2) AS INTEGER)`;
/** The intervals with "application received" as the service chose it. */
function withBasis(db: Db) {
  const basis = readApplicationBasis(db);
  return INTERVALS.map((i) => (i.key === 'application_panel' ? { ...i, from: basis } : i));
}

/** The interval's `to` dated more than 8 calendar months after its `from` (application to panel). */
const over8Months = (i: { from: string; to: string }) => {
  const apart = `(${monthIndex(i.to)} - ${monthIndex(i.from)})`;
  return `(${apart} > 8 OR (${apart} = 8 AND ${dayOf(i.to)} > ${dayOf(i.from)}))`;
};

/**
 * Episodes whose later milestone is dated in [from, to] and that have the earlier one, on the
 * pathway they were on at the later date: the later milestone's own index, which carries the
 * earlier dates it is paired with.
 */
function pairs(o: ResolvedReportOptions, i: { from: string; to: string }, from: string, to: string) {
  const p = pathwayAt(o, i.to);
  return {
    sql: `FROM episodes INDEXED BY episodes_by_${i.to}
      WHERE ${i.to} BETWEEN ? AND ? AND ${i.from} IS NOT NULL${p.sql}`,
    params: [from, to, ...p.params],
  };
}

export const timescalesTable: TableModule = {
  key: 'timescales',
  title: 'Timescales between milestones',
  definitions: () => [
    {
      key: 'counting',
      label: 'What is measured',
      text: 'Days between two milestones of the same episode, for the households whose later milestone is dated in the period. Median: the middle value (or the mean of the two middle ones); 90th percentile: nearest rank.',
    },
    {
      key: 'application',
      label: 'Application',
      text: 'Application received: the Stage 1 start (the statutory two-stage process starts Stage 1 on receipt of the application), or the EOI where Settings say the EOI is the formal application.',
    },
    {
      key: 'over_8_months',
      label: 'Over 8 months, application to panel',
      text: 'Panels in the period held more than 8 calendar months after the application (the expected maximum).',
    },
  ],

  build(db: Db, o) {
    const cols = periods(o);
    const range = rangeOf(o);
    const rows: RawRow[] = [];
    const over: Record<string, number> = Object.fromEntries(cols.map((c) => [c.key, 0]));
    const byCode = new Map(cols.map((c) => [c.code, c.key]));
    // One statement: each interval from its later milestone's index, by period and days.
    const parts = withBasis(db).map((i) => ({ i, q: pairs(o, i, range.from, range.to) }));
    const all = db
      .prepare<unknown[], { k: string; c: number; v: number; o8: number; n: number }>(
        parts
          .map(
            ({ i, q }) =>
              `SELECT '${i.key}' AS k, ${periodSql(i.to, o.quarterly)} AS c,
                 CAST(julianday(${i.to}) - julianday(${i.from}) AS INTEGER) AS v,
                 ${i.key === 'application_panel' ? over8Months(i) : '0'} AS o8, COUNT(*) AS n ${q.sql} GROUP BY 2, 3, 4`,
          )
          .join(' UNION ALL '),
      )
      .all(...parts.flatMap(({ q }) => q.params));
    for (const { i } of parts) {
      const hist = all.filter((h) => h.k === i.key && h.n > 0);
      if (i.key === 'application_panel') {
        for (const h of hist)
          if (h.o8) over[byCode.get(h.c) ?? ''] = (over[byCode.get(h.c) ?? ''] ?? 0) + h.n;
      }
      const inColumn = new Map<number, typeof hist>();
      for (const h of hist) {
        const list = inColumn.get(h.c);
        if (list) list.push(h);
        else inColumn.set(h.c, [h]);
      }
      const per = cols.map((c) => {
        const h = inColumn.get(c.code) ?? [];
        return { key: c.key, n: h.reduce((t, x) => t + x.n, 0), ...percentiles(h) };
      });
      rows.push(
        {
          key: `${i.key}_n`,
          label: `Households measured, ${i.label}`,
          kind: 'count',
          values: Object.fromEntries(per.map((x) => [x.key, x.n])),
        },
        {
          key: `${i.key}_median`,
          label: `Median days, ${i.label}`,
          kind: 'days',
          basis: `${i.key}_n`,
          values: Object.fromEntries(per.map((x) => [x.key, x.median])),
        },
        {
          key: `${i.key}_p90`,
          label: `90th percentile days, ${i.label}`,
          kind: 'days',
          basis: `${i.key}_n`,
          values: Object.fromEntries(per.map((x) => [x.key, x.p90])),
        },
      );
    }
    rows.push(
      {
        key: 'over_8_months',
        label: 'Households over 8 months from application to panel',
        kind: 'count',
        values: Object.fromEntries(cols.map((c) => [c.key, over[c.key] ?? 0])),
      },
      {
        key: 'over_8_months_rate',
        label: 'Over 8 months as a % of panels measured',
        kind: 'rate',
        numerator: 'over_8_months',
        denominator: 'application_panel_n',
      },
    );
    return { main: { columns: cols, rows, relations: [] }, sections: [] };
  },

  drill(db, o, section, row, column) {
    const col = periods(o).find((c) => c.key === column);
    if (section || !col) return null;
    const over = row === 'over_8_months';
    const i = withBasis(db).find((x) => (over ? x.key === 'application_panel' : row === `${x.key}_n`));
    if (!i) return null;
    const p = pairs(o, i, col.from, col.to);
    return { sql: `SELECT household_id ${p.sql}${over ? ` AND ${over8Months(i)}` : ''}`, params: p.params };
  },
};
