import type { ResolvedReportOptions } from '../contract/reports.ts';
import type { Db } from '../db/open.ts';
import { SOURCES, sourceLabel } from '../domain/sources.ts';
import { byPathway } from './pathway.ts';
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
    const c = periodSql('e.date', o.quarterly);
    // Enquiries: households in source order, each one's enquiries from the episode index (no lookup per enquiry).
    const enquiries = byPathway(o, ['s', 'c'], (scope) =>
      db
        .prepare<unknown[], { s: string; c: number; n: number }>(
          `SELECT ${sourceKey} AS s, ${c} AS c, COUNT(*) AS n
           FROM households h ${scope === 'all' ? 'INDEXED BY households_by_source' : ''}
           CROSS JOIN milestones e INDEXED BY milestones_by_episode_kind ON e.household_id = h.id
           WHERE ${scope === 'all' ? '1' : "h.pathway = 'kinship'"} AND e.kind = 'enquiry' AND e.date BETWEEN ? AND ?
           GROUP BY 1, 2`,
        )
        .all(range.from, range.to),
    );
    // Conversions: only the episodes that went on (a minority), each joined to its enquiry and household.
    const pathway = o.pathway === 'all' ? '' : ' AND h.pathway = ?';
    const converted = (episodes: string) =>
      db
        .prepare<unknown[], { s: string; c: number; n: number }>(
          `SELECT ${sourceKey} AS s, ${c} AS c, COUNT(*) AS n FROM (${episodes}) p
           JOIN milestones e INDEXED BY milestones_by_episode_kind
             ON e.household_id = p.hid AND e.episode = p.ep AND e.kind = 'enquiry'
           JOIN households h ON h.id = p.hid${pathway}
           WHERE e.date BETWEEN ? AND ? GROUP BY 1, 2`,
        )
        .all(...(o.pathway === 'all' ? [] : [o.pathway]), range.from, range.to);
    const eoi = converted(
      "SELECT DISTINCT household_id AS hid, episode AS ep FROM milestones WHERE kind IN ('eoi', 'stage1', 'stage2', 'panel', 'approval')",
    );
    const approved = converted(
      "SELECT household_id AS hid, episode AS ep FROM milestones WHERE kind = 'approval'",
    );
    const counts: Array<{ s: string; c: number } & Record<Measure, number>> = [];
    const at = new Map<string, (typeof counts)[number]>();
    for (const [m, list] of [
      ['enquiries', enquiries],
      ['eoi', eoi],
      ['approved', approved],
    ] as const) {
      for (const x of list) {
        const k = `${x.s}\u0000${x.c}`;
        let row = at.get(k);
        if (!row) {
          row = { s: x.s, c: x.c, enquiries: 0, eoi: 0, approved: 0 };
          at.set(k, row);
          counts.push(row);
        }
        row[m] += x.n;
      }
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
