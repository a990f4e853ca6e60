import type { ReportColumn } from '../contract/reports.ts';
import type { Db } from '../db/open.ts';
import { daysBetween } from '../domain/dates.ts';
import { byPathway, scopedFrom, type Scope } from './pathway.ts';
import { columnOf, periodSql, periods, rangeOf } from './period.ts';
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

const KINDS = ['enquiry', 'eoi', 'stage1', 'stage2', 'panel', 'approval'];

/**
 * One row per episode, read in index order from milestones_by_episode_kind (household, episode,
 * kind, date): no lookup per milestone. `from` is a `FROM … WHERE …` clause over milestones `m`.
 */
const episodesOf = (from: string) =>
  `SELECT m.household_id AS hid, m.episode AS ep, ${KINDS.map(
    (k) => `MAX(CASE WHEN m.kind = '${k}' THEN m.date END) AS ${k}`,
  ).join(', ')} ${from} GROUP BY m.household_id, m.episode`;

/** Episodes whose enquiry is in [from, to], with `closed`; the SQL takes the two dates as parameters. */
const cohortOf = (from: string) =>
  `SELECT x.*, EXISTS (SELECT 1 FROM closures cl WHERE cl.household_id = x.hid AND cl.episode = x.ep) AS closed
   FROM (${episodesOf(from)}) AS x WHERE x.enquiry BETWEEN ? AND ?`;

/**
 * The episodes that got past enquiry (about one in six), from one pass over the episode index
 * in its own order (no sort, no lookups); the kinship scope starts from the kinship households.
 */
const progressed = (scope: Scope) =>
  `SELECT * FROM (${episodesOf(scopedFrom(scope, 'milestones', 'm'))})
   WHERE COALESCE(eoi, stage1, stage2, panel, approval) IS NOT NULL`;

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
    const column = columnOf(o);
    // Cohort sizes per enquiry date, streamed from the (kind, date) index.
    const enquiries = byPathway(o, ['d'], (scope) =>
      db
        .prepare<unknown[], { d: string; n: number }>(
          `SELECT m.date AS d, COUNT(*) AS n ${scopedFrom(scope, 'milestones', 'm')}
           AND m.kind = 'enquiry' AND m.date BETWEEN ? AND ? GROUP BY 1`,
        )
        .all(range.from, range.to),
    );
    // Reached counts (v NULL) and days histograms, from the episodes that got past enquiry.
    const facts = byPathway(o, ['s', 'c', 'v'], (scope) =>
      db
        .prepare<unknown[], { s: string; c: number; v: number | null; n: number }>(
          `WITH ep AS MATERIALIZED (${progressed(scope)})
           ${STAGES.flatMap((s) => [
             `SELECT 'reached:${s.key}' AS s, ${periodSql('enquiry', o.quarterly)} AS c, NULL AS v, COUNT(*) AS n
              FROM ep WHERE ${s.reached} IS NOT NULL AND enquiry BETWEEN ? AND ? GROUP BY 2`,
             `SELECT '${s.key}' AS s, ${periodSql('enquiry', o.quarterly)} AS c,
              CAST(julianday(${s.col}) - julianday(enquiry) AS INTEGER) AS v, COUNT(*) AS n
              FROM ep WHERE ${s.col} IS NOT NULL AND enquiry BETWEEN ? AND ? GROUP BY 2, 3`,
           ]).join(' UNION ALL ')}`,
        )
        .all(...STAGES.flatMap(() => [range.from, range.to, range.from, range.to])),
    );
    // Still open: the household's current episode is neither closed nor approved (earlier episodes
    // always ended), as the summary kept by refreshSummaries records it.
    const open = db
      .prepare<unknown[], { d: string; n: number }>(
        `SELECT enquiry_date AS d, COUNT(*) AS n FROM households INDEXED BY households_by_status_stage
         WHERE status = 'open' AND enquiry_date BETWEEN ? AND ?${o.pathway === 'all' ? '' : ' AND pathway = ?'}
         GROUP BY 1`,
      )
      .all(range.from, range.to, ...(o.pathway === 'all' ? [] : [o.pathway]));

    const totals = new Map<string, Record<string, number>>(cols.map((c) => [c.key, {}]));
    const add = (col: string | undefined, k: string, n: number) => {
      const t = col === undefined ? undefined : totals.get(col);
      if (t) t[k] = (t[k] ?? 0) + n;
    };
    const youngest = new Map<string, string>();
    for (const e of enquiries) {
      const key = column(e.d);
      add(key, 'households', e.n);
      if (e.n > 0 && e.d > (youngest.get(key) ?? '')) youngest.set(key, e.d);
    }
    const byCode = new Map(cols.map((c) => [c.code, c.key]));
    for (const f of facts) if (f.v === null) add(byCode.get(f.c), f.s.replace('reached:', ''), f.n);
    for (const x of open) add(column(x.d), 'open', x.n);
    for (const t of totals.values()) {
      t.closed = (t.households ?? 0) - (t.open ?? 0) - (t.approved ?? 0);
    }
    const hist = facts.filter((f): f is typeof f & { v: number } => f.v !== null);
    const countRow = (key: string, label: string): RawRow => ({
      key,
      label,
      kind: 'count',
      values: Object.fromEntries(cols.map((c) => [c.key, totals.get(c.key)![key] ?? 0])),
    });
    const days = (stage: string, c: { code: number } | null) =>
      percentiles(hist.filter((h) => h.s === stage && h.n > 0 && (c === null || h.c === c.code)));

    const medianToApproval = days('approved', null).median;
    const columns: ReportColumn[] = cols.map((c) => {
      const y = youngest.get(c.key);
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
      const to = s.key === 'approved' ? 'approval' : s.label.replace('Reached ', '');
      for (const which of ['median', 'p90'] as const) {
        rows.push({
          key: `${s.key}_${which}`,
          label: `${which === 'median' ? 'Median' : '90th percentile'} days from enquiry to ${to}`,
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
    const pathway = o.pathway === 'all' ? '' : ' AND hid IN (SELECT id FROM households WHERE pathway = ?)';
    return {
      sql: `SELECT hid FROM (${cohortOf(scopedFrom('all', 'milestones', 'm'))}) WHERE ${predicate}${pathway}`,
      params: [col.from, col.to, ...(o.pathway === 'all' ? [] : [o.pathway])],
    };
  },
};
