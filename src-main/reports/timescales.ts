import type { Db } from '../db/open.ts';
import { intervalHistograms, intervalHouseholds, type Interval } from '../db/queries/reports/timescales.ts';
import { periods, rangeOf } from './period.ts';
import { percentiles, type RawRow } from './shape.ts';
import type { TableModule } from './types.ts';
import { readApplicationBasis } from '../db/journey-dates.ts';
import { MILESTONE_WORDS, type Milestone } from '../domain/stages.ts';

/** The interval from one milestone to another, named in the domain's words ("enquiry to EOI"). */
const between = <K extends string>(key: K, from: Milestone, to: Milestone) => ({
  key,
  from,
  to,
  label: `${MILESTONE_WORDS[from]} to ${MILESTONE_WORDS[to]}`,
});

/**
 * Time between two milestones of the same episode, counted in the period of the later one
 * (the interval ended then). "Application" is application received (domain/journey-dates.ts):
 * the Stage 1 start, or the EOI where Settings say so (`withBasis`), or a kinship household's
 * viability request (db/journey-sql.ts `applicationReceivedSql`).
 */
const INTERVALS = [
  // The initial visit, expected within 5 working days of the enquiry (domain brief; its alert).
  between('enquiry_visit', 'enquiry', 'initial_visit'),
  between('enquiry_eoi', 'enquiry', 'eoi'),
  between('eoi_stage2', 'eoi', 'stage2'),
  between('stage2_panel', 'stage2', 'panel'),
  {
    key: 'application_panel',
    from: 'stage1',
    to: 'panel',
    label: 'application to panel',
    flag: 'over8Months',
  },
  between('panel_approval', 'panel', 'approval'),
  // The agency decision maker's timescale counts from the panel's final minutes (domain brief).
  {
    key: 'decision',
    from: 'panel',
    to: 'approval',
    label: 'panel minutes to approval',
    minutes: true,
    flag: 'noMinutes',
  },
  // A Stage 1 "unsuitable" decision, due within 10 working days of all Stage 1 information (domain
  // brief): the closure the service made at Stage 1, on or after the information (migration 24's index).
  {
    key: 'stage1_decision',
    from: 'stage1_information',
    to: 'closed_on',
    label: 'Stage 1 information to "unsuitable" decision',
    index: 'stage1_decision',
    where: `closed_stage = 'stage1' AND ended_by = 'service' AND stage1_information <= closed_on`,
  },
] as const satisfies ReadonlyArray<Interval & { label: string }>;

/**
 * The intervals with "application received" as the service chose it (under the EOI basis a
 * Stage 1 start stands in where no EOI is recorded, db/journey-sql.ts).
 */
function withBasis(db: Db) {
  const basis = readApplicationBasis(db);
  return INTERVALS.map((i) =>
    i.key === 'application_panel' ? { ...i, from: basis, application: basis } : i,
  );
}

export const timescalesTable: TableModule = {
  key: 'timescales',
  title: 'Timescales between milestones',
  definitions: () => [
    {
      key: 'counting',
      label: 'What is measured',
      text: 'Days between two milestones of the same episode (for the Stage 1 decision, between all Stage 1 information obtained and the closure), for the households whose later date is in the period. Median: the middle value (or the mean of the two middle ones); 90th percentile: nearest rank.',
    },
    {
      key: 'application',
      label: 'Application',
      text: 'Application received: the Stage 1 start (the statutory two-stage process starts Stage 1 on receipt of the application), or the EOI where Settings say the EOI is the formal application (a Stage 1 start standing in where no EOI is recorded). For a kinship household the viability assessment request stands as the application, unless a Stage 1 start (or EOI) came before it.',
    },
    {
      key: 'over_8_months',
      label: 'Over 8 months, application to panel',
      text: 'Panels in the period held more than 8 calendar months after the application (the expected maximum).',
    },
    {
      key: 'initial_visit',
      label: 'Enquiry to initial visit',
      text: 'The initial visit is expected within 5 working days of the enquiry (local practice, as the alert counts it in working days); the table counts calendar days.',
    },
    {
      key: 'decision',
      label: 'Panel minutes to approval',
      text: "The agency decision maker's timescale: days from receiving the panel's recommendation and final minutes to the approval, for approvals in the period (expected within 7 working days). Where no minutes date is recorded, or the minutes are dated after the approval (so not what the decision was made on), it is counted from the panel date, and the row beneath says how many were.",
    },
    {
      key: 'stage1_decision',
      label: 'Stage 1 information to "unsuitable" decision',
      text: 'The Stage 1 decision: days from all Stage 1 information being obtained (Stage 1 information complete, as recorded) to the service ending the assessment at Stage 1, for those closures in the period (an "unsuitable" decision is expected within 10 working days). Households that went on to Stage 2, or withdrew, are not measured. The table counts calendar days; the 10 working days are the Stage 1 decision alert\'s.',
    },
  ],

  build(db: Db, o) {
    const cols = periods(o);
    const range = rangeOf(o);
    const rows: RawRow[] = [];
    // Each flagged interval's count apart, by period: over 8 months, or measured from the panel.
    const flaggedBy = new Map<string, Record<string, number>>();
    const byCode = new Map(cols.map((c) => [c.code, c.key]));
    // One statement: each interval from its later milestone's index, by period and days.
    const intervals = withBasis(db);
    const all = intervalHistograms(db, o, intervals, range);
    for (const i of intervals) {
      const hist = all.filter((h) => h.k === i.key && h.n > 0);
      const counts: Record<string, number> = Object.fromEntries(cols.map((c) => [c.key, 0]));
      for (const h of hist) {
        const key = byCode.get(h.c);
        if (h.f && key) counts[key] = (counts[key] ?? 0) + h.n;
      }
      flaggedBy.set(i.key, counts);
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
      if (i.key === 'decision')
        rows.push({
          key: 'decision_from_panel',
          label: 'Of which counted from the panel date (no minutes received by the decision)',
          kind: 'count',
          values: counts,
        });
    }
    rows.push(
      {
        key: 'over_8_months',
        label: 'Households over 8 months from application to panel',
        kind: 'count',
        values: flaggedBy.get('application_panel')!,
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
    // A flagged count's households are those of its interval that are flagged.
    const flaggedRow: Record<string, string> = {
      over_8_months: 'application_panel',
      decision_from_panel: 'decision',
    };
    const only = row in flaggedRow;
    const i = withBasis(db).find((x) => (only ? x.key === flaggedRow[row] : row === `${x.key}_n`));
    if (!i) return null;
    return intervalHouseholds(o, i, col, only);
  },
};
