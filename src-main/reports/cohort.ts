import type { Db } from '../db/open.ts';
import {
  cohortHouseholds,
  cohortPerDay,
  type CohortMembers,
  type CohortStage,
} from '../db/queries/reports/cohort.ts';
import { MILESTONES, MILESTONE_WORDS } from '../domain/stages.ts';
import { IMMATURE_DEFINITION, markImmature } from './maturity.ts';
import { columnOf, periods, rangeOf } from './period.ts';
import { percentiles, type RawRow } from './shape.ts';
import { isSmall } from './suppress.ts';
import type { TableModule } from './types.ts';

/**
 * Cohort conversion: every episode whose enquiry is dated in the period is a cohort member,
 * on the pathway it was on at that enquiry; it "reached" a stage when it has that milestone or
 * any later one (db/queries/reports/cohort.ts), so counts can only fall along the stages.
 */
const STAGES = MILESTONES.filter((m): m is CohortStage => m !== 'enquiry' && m !== 'initial_visit').map(
  (col) =>
    col === 'approval'
      ? { key: 'approved', label: 'Approved', col }
      : { key: col, label: `Reached ${MILESTONE_WORDS[col]}`, col },
);

/** The households each count row's drill selects. */
const MEMBERS: Record<string, CohortMembers> = {
  households: 'all',
  ...Object.fromEntries(STAGES.map((s) => [s.key, s.col])),
  open: 'open',
  closed: 'closed',
};

export const cohortTable: TableModule = {
  key: 'cohort',
  title: 'Cohort conversion by period of enquiry',
  definitions: () => [
    {
      key: 'households',
      label: 'Households enquiring',
      text: 'Enquiries (of any episode: a re-enquiry after closure is a new member) dated in the period, on the pathway the household was on at that enquiry. Each column follows those enquirers to today.',
    },
    {
      key: 'reached',
      label: 'Reached a stage',
      text: 'The enquiry’s episode has that milestone or a later one, whenever it was dated. Shares are of the households enquiring, to one decimal place.',
    },
    {
      key: 'days',
      label: 'Days to a stage',
      text: 'Days from the enquiry to the milestone itself, of the members with that milestone recorded (one that went straight to a later stage has none): median (the middle value, or the mean of the two middle values) and 90th percentile (nearest rank). With small numbers suppressed, no days are shown from fewer than 5 households measured.',
    },
    { key: 'open', label: 'Still open', text: 'Neither approved nor closed today.' },
    { key: 'closed', label: 'Closed', text: 'The episode was closed (dropped out) before approval.' },
    IMMATURE_DEFINITION,
  ],

  build(db: Db, o, today) {
    const cols = periods(o);
    const range = rangeOf(o);
    const column = columnOf(o);
    const stageCols = STAGES.map((s) => s.col);
    const perDay = cohortPerDay(db, o, stageCols, range);
    const totals = new Map<string, Record<string, number>>(cols.map((c) => [c.key, {}]));
    const add = (col: string | undefined, k: string, n: number) => {
      const t = col === undefined ? undefined : totals.get(col);
      if (t) t[k] = (t[k] ?? 0) + n;
    };
    // Each stage's histogram of days per column (episodes by days), then its percentiles once (a
    // quarterly table has 28 columns).
    const hist = new Map<string, Map<number, number>>();
    const count = (k: string, days: readonly number[]) => {
      if (days.length === 0) return;
      let h = hist.get(k);
      if (!h) hist.set(k, (h = new Map()));
      for (const v of days) h.set(v, (h.get(v) ?? 0) + 1);
    };
    for (const e of perDay) {
      const key = column(e.d);
      add(key, 'households', e.households);
      for (const s of STAGES) add(key, s.key, e[s.col]);
      add(key, 'open', e.open);
      if (!totals.has(key)) continue;
      for (const s of STAGES) count(`${s.key}\u0000${key}`, e.days[s.col]);
    }
    for (const t of totals.values()) {
      t.closed = (t.households ?? 0) - (t.open ?? 0) - (t.approved ?? 0);
    }
    const countRow = (key: string, label: string): RawRow => ({
      key,
      label,
      kind: 'count',
      values: Object.fromEntries(cols.map((c) => [c.key, totals.get(c.key)![key] ?? 0])),
    });
    const histogram = (k: string) => [...(hist.get(k) ?? [])].map(([v, n]) => ({ v, n }));
    const stats = new Map(
      STAGES.flatMap((s) =>
        cols.map((c) => {
          const k = `${s.key}\u0000${c.key}`;
          const h = histogram(k);
          return [k, { ...percentiles(h), measured: h.reduce((t, f) => t + f.n, 0) }] as const;
        }),
      ),
    );
    const days = (stage: string, c: { key: string }) => stats.get(`${stage}\u0000${c.key}`)!;
    // The days are measured on the members with the milestone itself, fewer than those that reached
    // the stage (a member that went straight to a later stage has no days to it): the count row
    // they sit under can be 5 or more while the median is one household's own. Suppressed, no days
    // are shown from 1 to 4 households measured, as the timescales and the Ofsted return do.
    const measuredFew = (stage: string, c: { key: string }) => isSmall(days(stage, c).measured);

    const columns = markImmature(
      cols,
      perDay.map((e) => ({
        d: e.d,
        households: e.households,
        open: e.open,
        daysToApproval: e.days.approval,
      })),
      column,
      today,
    );

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
      const to = MILESTONE_WORDS[s.col];
      for (const which of ['median', 'p90'] as const) {
        rows.push({
          key: `${s.key}_${which}`,
          label: `${which === 'median' ? 'Median' : '90th percentile'} days from enquiry to ${to}`,
          kind: 'days',
          basis: s.key,
          values: Object.fromEntries(
            cols.map((c) => [c.key, o.suppress && measuredFew(s.key, c) ? null : days(s.key, c)[which]]),
          ),
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
    const which = MEMBERS[key];
    const col = periods(o).find((c) => c.key === column);
    if (section || !which || !col) return null;
    return cohortHouseholds(o, which, col);
  },
};
