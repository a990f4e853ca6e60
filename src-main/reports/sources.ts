import type { ResolvedReportOptions } from '../contract/reports.ts';
import type { Db } from '../db/open.ts';
import { SOURCES, sourceLabel } from '../domain/sources.ts';
import { periodSql, periods, rangeOf } from './period.ts';
import type { RawRow, RawTable } from './shape.ts';
import type { TableModule } from './types.ts';

/**
 * Enquiries (all episodes) by the household's source, and how many of those enquiries'
 * episodes went on to EOI (or any later stage) and to approval, whenever that happened.
 */
const MEASURES = {
  enquiries: '1',
  eoi: "EXISTS (SELECT 1 FROM milestones x WHERE x.household_id = e.household_id AND x.episode = e.episode AND x.kind IN ('eoi', 'stage1', 'stage2', 'panel', 'approval'))",
  approved:
    "EXISTS (SELECT 1 FROM milestones x WHERE x.household_id = e.household_id AND x.episode = e.episode AND x.kind = 'approval')",
} as const;
type Measure = keyof typeof MEASURES;

const NOT_RECORDED = 'not_recorded';

function source(o: ResolvedReportOptions, from: string, to: string) {
  const pathway = o.pathway === 'all' ? '' : ' AND h.pathway = ?';
  return {
    sql: `FROM milestones e JOIN households h ON h.id = e.household_id${pathway}
      WHERE e.kind = 'enquiry' AND e.date BETWEEN ? AND ?`,
    params: [...(o.pathway === 'all' ? [] : [o.pathway]), from, to],
  };
}

const sourceKey = `COALESCE(NULLIF(h.source, ''), '${NOT_RECORDED}')`;

export const sourcesTable: TableModule = {
  key: 'sources',
  title: 'Enquiries by source, with conversion to EOI and approval',
  definitions: () => [
    {
      key: 'enquiries',
      label: 'Enquiries',
      text: 'Enquiry milestones dated in the period (every episode), by the source recorded for the household.',
    },
    {
      key: 'conversion',
      label: 'To EOI / to approval',
      text: 'Of those enquiries, how many episodes went on to EOI (or a later stage) and to approval, at any date up to today; rates are of the same source’s enquiries, to one decimal place.',
    },
  ],

  build(db: Db, o) {
    const cols = periods(o);
    const range = rangeOf(o);
    const s = source(o, range.from, range.to);
    const counts = db
      .prepare<unknown[], { s: string; c: number; enquiries: number; eoi: number; approved: number }>(
        `SELECT ${sourceKey} AS s, ${periodSql('e.date', o.quarterly)} AS c,
          ${Object.entries(MEASURES)
            .map(([k, p]) => `SUM(CASE WHEN ${p} THEN 1 ELSE 0 END) AS ${k}`)
            .join(', ')} ${s.sql} GROUP BY 1, 2`,
      )
      .all(...s.params);
    const known = SOURCES.map((x) => x.key as string);
    const extra = [...new Set(counts.map((x) => x.s))]
      .filter((k) => !known.includes(k) && k !== NOT_RECORDED)
      .sort();
    const keys = [...known, ...extra, ...(counts.some((x) => x.s === NOT_RECORDED) ? [NOT_RECORDED] : [])];
    const label = (k: string) => (k === NOT_RECORDED ? 'Not recorded' : sourceLabel(k));
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
    return { main: { columns: cols, rows, relations }, sections: [] };
  },

  drill(_db, o, section, row, column) {
    const col = periods(o).find((c) => c.key === column);
    const [key = '', m = 'enquiries'] = row.split(':');
    if (section || !col || !(m in MEASURES)) return null;
    const s = source(o, col.from, col.to);
    const bySource = key === 'total' ? '' : ` AND ${sourceKey} = ?`;
    return {
      sql: `SELECT e.household_id ${s.sql}${bySource} AND ${MEASURES[m as Measure]}`,
      params: [...s.params, ...(key === 'total' ? [] : [key])],
    };
  },
};
