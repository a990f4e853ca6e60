import type { ReportColumn, ResolvedReportOptions } from '../contract/reports.ts';
import type { Db } from '../db/open.ts';
import { daysBetween } from '../domain/dates.ts';
import { pathwayJoin, periodSql, periods, rangeOf } from './period.ts';
import { percentiles, type RawRow } from './shape.ts';
import type { TableModule } from './types.ts';

/**
 * Cohort conversion: every enquiry (of any episode) dated in the period is a cohort member;
 * it "reached" a stage when its episode has that milestone or any later one, so counts can
 * only fall along the stages.
 */
const STAGES = [
  { key: 'eoi', label: 'Reached EOI', col: 'eoi', reached: 'COALESCE(eoi, stage1, stage2, panel, approval)' },
  {
    key: 'stage1',
    label: 'Reached Stage 1',
    col: 'stage1',
    reached: 'COALESCE(stage1, stage2, panel, approval)',
  },
  { key: 'stage2', label: 'Reached Stage 2', col: 'stage2', reached: 'COALESCE(stage2, panel, approval)' },
  { key: 'panel', label: 'Reached panel', col: 'panel', reached: 'COALESCE(panel, approval)' },
  { key: 'approved', label: 'Approved', col: 'approval', reached: 'approval' },
] as const;

const PREDICATES: Record<string, string> = {
  households: '1',
  ...Object.fromEntries(STAGES.map((s) => [s.key, `${s.reached} IS NOT NULL`])),
  open: 'approval IS NULL AND NOT closed',
  closed: 'approval IS NULL AND closed',
};

const milestone = (kind: string) =>
  `(SELECT x.date FROM milestones x WHERE x.household_id = e.household_id AND x.episode = e.episode AND x.kind = '${kind}') AS ${kind}`;

function episodes(o: ResolvedReportOptions, from: string, to: string) {
  const join = pathwayJoin(o, 'e.household_id');
  return {
    sql: `SELECT e.household_id AS hid, e.date AS enquiry, ${periodSql('e.date', o.quarterly)} AS c,
      ${['eoi', 'stage1', 'stage2', 'panel', 'approval'].map(milestone).join(', ')},
      EXISTS (SELECT 1 FROM closures cl WHERE cl.household_id = e.household_id AND cl.episode = e.episode) AS closed
      FROM milestones e ${join.sql} WHERE e.kind = 'enquiry' AND e.date BETWEEN ? AND ?`,
    params: [...join.params, from, to],
  };
}

export const cohortTable: TableModule = {
  key: 'cohort',
  title: 'Cohort conversion by period of enquiry',
  definitions: () => [
    {
      key: 'households',
      label: 'Households enquiring',
      text: 'Enquiries (of any episode: a re-enquiry after closure is a new member) dated in the period. Each column follows those enquirers to today.',
    },
    {
      key: 'reached',
      label: 'Reached a stage',
      text: 'The enquiry’s episode has that milestone or a later one, whenever it was dated. Shares are of the households enquiring, to one decimal place.',
    },
    {
      key: 'days',
      label: 'Days to a stage',
      text: 'Days from the enquiry to the milestone itself: median (the middle value, or the mean of the two middle values) and 90th percentile (nearest rank).',
    },
    { key: 'open', label: 'Still open', text: 'Neither approved nor closed today.' },
    { key: 'closed', label: 'Closed', text: 'The episode was closed (dropped out) before approval.' },
    {
      key: 'immature',
      label: 'Immature cohort',
      text: 'Its youngest member enquired fewer days ago than the median time from enquiry to approval of all the cohorts shown: its members have not had time to reach approval yet, so its low rates are not a poor result.',
    },
  ],

  build(db: Db, o, today) {
    const cols = periods(o);
    const range = rangeOf(o);
    const ep = episodes(o, range.from, range.to);
    const counts = db
      .prepare<unknown[], Record<string, number>>(
        `WITH ep AS (${ep.sql}) SELECT c, MAX(enquiry) AS youngest, ${Object.entries(PREDICATES)
          .map(([k, p]) => `SUM(CASE WHEN ${p} THEN 1 ELSE 0 END) AS "${k}"`)
          .join(', ')} FROM ep GROUP BY c`,
      )
      .all(...ep.params);
    const hist = db
      .prepare<unknown[], { s: string; c: number; v: number; n: number }>(
        `WITH ep AS MATERIALIZED (${ep.sql}) ${STAGES.map(
          (s) =>
            `SELECT '${s.key}' AS s, c, CAST(julianday(${s.col}) - julianday(enquiry) AS INTEGER) AS v, COUNT(*) AS n
             FROM ep WHERE ${s.col} IS NOT NULL GROUP BY c, v`,
        ).join(' UNION ALL ')}`,
      )
      .all(...ep.params);

    const byCode = new Map(counts.map((r) => [r.c, r]));
    const value = (col: { code: number }, k: string) => Number(byCode.get(col.code)?.[k] ?? 0);
    const countRow = (key: string, label: string): RawRow => ({
      key,
      label,
      kind: 'count',
      values: Object.fromEntries(cols.map((c) => [c.key, value(c, key)])),
    });
    const days = (stage: string, c: { code: number } | null) =>
      percentiles(hist.filter((h) => h.s === stage && (c === null || h.c === c.code)));

    const medianToApproval = days('approved', null).median;
    const youngest = new Map(counts.map((r) => [r.c, r.youngest as unknown as string | null]));
    const columns: ReportColumn[] = cols.map((c) => {
      const y = youngest.get(c.code);
      const immature = medianToApproval !== null && (!y || daysBetween(y, today) < medianToApproval);
      return immature ? { key: c.key, label: c.label, immature: true } : { key: c.key, label: c.label };
    });

    const rows: RawRow[] = [countRow('households', 'Households enquiring')];
    for (const s of STAGES) rows.push(countRow(s.key, s.label));
    for (const s of STAGES) {
      rows.push({
        key: `${s.key}_rate`,
        label: `${s.label} (% of cohort)`,
        kind: 'rate',
        numerator: s.key,
        denominator: 'households',
      });
    }
    for (const s of STAGES) {
      for (const which of ['median', 'p90'] as const) {
        rows.push({
          key: `${s.key}_${which}`,
          label: `${which === 'median' ? 'Median' : '90th percentile'} days from enquiry to ${s.label.replace('Reached ', '').replace('Approved', 'approval')}`,
          kind: 'days',
          basis: s.key,
          values: Object.fromEntries(cols.map((c) => [c.key, days(s.key, c)[which]])),
        });
      }
    }
    rows.push(countRow('open', 'Still open'), countRow('closed', 'Closed (dropped out)'));
    return {
      main: {
        columns,
        rows,
        relations: cols.map((c) => ({
          cells: (['households', 'open', 'closed', 'approved'] as const).map(
            (r) => [r, c.key] as [string, string],
          ),
          total: ['households', c.key] as [string, string],
        })),
      },
      sections: [],
    };
  },

  drill(_db, o, section, row, column) {
    const key = row.replace(/_(rate|median|p90)$/, '');
    const predicate = PREDICATES[key];
    const col = periods(o).find((c) => c.key === column);
    if (section || !predicate || !col) return null;
    const ep = episodes(o, col.from, col.to);
    return { sql: `SELECT hid FROM (${ep.sql}) WHERE ${predicate}`, params: ep.params };
  },
};
