import type { ResolvedReportOptions } from '../contract/reports.ts';
import type { Db } from '../db/open.ts';
import { pathwayJoin, periodSql, periods, rangeOf } from './period.ts';
import { byPathway, scopedFrom, type Scope } from './pathway.ts';
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

const MONTHS_APART = `(${monthIndex('b.date')} - ${monthIndex('a.date')})`;
const OVER_8_MONTHS = `(${MONTHS_APART} > 8 OR (${MONTHS_APART} = 8 AND ${dayOf('b.date')} > ${dayOf('a.date')}))`;

/** The later milestone `b` in a scope, paired with the earlier `a` of the same episode; dates as parameters. */
function pairsIn(scope: Scope) {
  return `${scopedFrom(scope, 'milestones', 'b').replace(
    / WHERE /,
    ` JOIN milestones a INDEXED BY milestones_by_episode_kind
      ON a.household_id = b.household_id AND a.episode = b.episode AND a.kind = ? WHERE `,
  )} AND b.kind = ? AND b.date BETWEEN ? AND ?`;
}

/** For drill-down: the same pairs, households joined for the pathway. */
function pairs(o: ResolvedReportOptions, from: string, to: string) {
  const join = pathwayJoin(o, 'b.household_id');
  return {
    sql: `FROM milestones b ${join.sql}
      JOIN milestones a ON a.household_id = b.household_id AND a.episode = b.episode AND a.kind = ?
      WHERE b.kind = ? AND b.date BETWEEN ? AND ?`,
    params: (i: { from: string; to: string }) => [...join.params, i.from, i.to, from, to],
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
    for (const i of withBasis(db)) {
      const flag = i.key === 'application_panel' ? OVER_8_MONTHS : '0';
      const hist = byPathway(o, ['c', 'v', 'o8'], (scope) =>
        db
          .prepare<unknown[], { c: number; v: number; o8: number; n: number }>(
            `SELECT ${periodSql('b.date', o.quarterly)} AS c, CAST(julianday(b.date) - julianday(a.date) AS INTEGER) AS v,
             ${flag} AS o8, COUNT(*) AS n ${pairsIn(scope)} GROUP BY 1, 2, 3`,
          )
          .all(i.from, i.to, range.from, range.to),
      ).filter((h) => h.n > 0);
      if (i.key === 'application_panel') {
        for (const h of hist)
          if (h.o8) over[byCode.get(h.c) ?? ''] = (over[byCode.get(h.c) ?? ''] ?? 0) + h.n;
      }
      const per = cols.map((c) => {
        const h = hist.filter((x) => x.c === c.code);
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
    const p = pairs(o, col.from, col.to);
    return {
      sql: `SELECT b.household_id ${p.sql}${over ? ` AND ${OVER_8_MONTHS}` : ''}`,
      params: p.params(i),
    };
  },
};
