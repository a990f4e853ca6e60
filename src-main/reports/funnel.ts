import type { IsoDate } from '../domain/dates.ts';
import type { ResolvedReportOptions } from '../contract/reports.ts';
import { FUNNEL_ROWS } from '../contract/report-shapes.ts';
import type { Db } from '../db/open.ts';
import { readFiguresFor } from '../db/queries/planning-figures.ts';
import { milestoneHouseholds, milestonesPerPeriod } from '../db/queries/reports/funnel.ts';
import { MILESTONE_WORDS } from '../domain/stages.ts';
import { BASES, BASIS_LABELS, MEASURE_KIND, MEASURE_LABELS, MEASURES } from '../domain/targets.ts';
import { periods } from './period.ts';
import { countCeasedToToday } from './leaving.ts';
import type { RawRow } from './shape.ts';
import type { TableModule } from './types.ts';

/** The annual report's recruitment table: the ten rows of the domain brief, in order (counts first). */
const COUNT_ROWS = FUNNEL_ROWS;

const RATE_ROWS = [
  {
    key: 'enquiry_to_stage2',
    label: 'Conversion rate – enquiry to full assessment (any contact)',
    numerator: 'stage2',
    denominator: 'enquiries',
  },
  {
    key: 'eoi_to_stage2',
    label: 'Conversion rate – enquiry to full assessment (expression of interest)',
    numerator: 'stage2',
    denominator: 'eoi',
  },
  {
    key: 'stage2_to_approved',
    label: 'Conversion rate – stage 2 assessment to approval',
    numerator: 'approved',
    denominator: 'stage2',
  },
  {
    key: 'enquiry_to_approved',
    label: 'Conversion rate – enquiry to approval (contact)',
    numerator: 'approved',
    denominator: 'enquiries',
  },
  {
    key: 'eoi_to_approved',
    label: 'Conversion rate – enquiry to approval (EOI)',
    numerator: 'approved',
    denominator: 'eoi',
  },
] as const;

/**
 * Targets and comparators typed in Settings for the table's years and pathway, one row per basis
 * and measure that has a figure (annual tables only: the figures are annual). A net change
 * figure brings the actual net change (approved − ceased) with it; suppressed tables leave that
 * difference out, since it could give back a hidden count.
 */
function planningRows(
  db: Db,
  o: ResolvedReportOptions,
  cols: ReturnType<typeof periods>,
  raw: RawRow[],
  today: IsoDate,
): RawRow[] {
  const figures = readFiguresFor(db, o.pathway, o.from, o.to);
  if (figures.length === 0) return [];
  const out: RawRow[] = [];
  if (figures.some((f) => f.measure === 'net_change')) {
    const approved = raw.find((r) => r.key === 'approved');
    out.push({
      key: 'net_change',
      label: 'Net change in approved households (approved − ceased)',
      kind: 'figure',
      as: 'count',
      drillable: false,
      values: Object.fromEntries(
        cols.map((c) => [
          c.key,
          o.suppress || approved?.kind !== 'count'
            ? null
            : approved.values[c.key]! - countCeasedToToday(db, o, c, today),
        ]),
      ),
    });
  }
  for (const basis of BASES) {
    for (const measure of MEASURES) {
      const mine = figures.filter((f) => f.basis === basis && f.measure === measure);
      if (mine.length === 0) continue;
      out.push({
        key: `${basis}_${measure}`,
        label: `${BASIS_LABELS[basis]}: ${MEASURE_LABELS[measure]
          .replace(/^Number of/, 'number of')
          .replace(/^Conversion/, 'conversion')
          .replace(/^Net/, 'net')}`,
        kind: 'figure',
        as: MEASURE_KIND[measure],
        drillable: false,
        typed: true,
        values: Object.fromEntries(cols.map((c) => [c.key, mine.find((f) => f.fy === c.key)?.value ?? null])),
      });
    }
  }
  return out;
}

/** Said only under a table that has such rows: none typed in for its years, or a quarterly table, has none. */
const TARGETS_DEFINITION = {
  key: 'targets',
  label: 'Targets and comparators',
  text: 'Rows starting Target, Statistical neighbours, England, Regional or IFA are figures typed in (or imported) in Settings for the year and pathway, not counted from the records: they open no households and are never suppressed. They are annual, so the quarterly table leaves them out.',
};

export const funnelTable: TableModule = {
  key: 'funnel',
  title: 'Recruitment of foster carers',
  definitions: () => [
    {
      key: 'counting',
      label: 'Period counting',
      text: 'Each count is the number of milestones dated within the column’s period (1 April to 31 March, or the quarter). A household that enquires again after its enquiry was closed counts again in the year of its new enquiry.',
    },
    ...COUNT_ROWS.map((r) => ({
      key: r.key,
      label: r.label,
      text: `Milestones “${MILESTONE_WORDS[r.kind]}” dated in the period, of episodes on the chosen pathway at that milestone’s date.${r.kind === 'stage1' ? ' Stage 1 begins when the formal application is received: for a kinship household that is its viability assessment request (when it was on the kinship pathway that day, and no Stage 1 start came before it), as the Ofsted return counts its applications.' : ''}`,
    })),
    ...RATE_ROWS.map((r) => ({
      key: r.key,
      label: r.label,
      text: `${r.numerator} ÷ ${r.denominator} of the same column, as a percentage to one decimal place; no rate (–) when the denominator is 0. Period ratios mix cohorts, so a rate can pass 100% (more households reached the later step in the period than the earlier, having taken the earlier in a period before): use the cohort table to follow one year’s enquirers.`,
    })),
  ],

  build(db: Db, o, today) {
    const cols = periods(o);
    const rows = milestonesPerPeriod(
      db,
      o,
      COUNT_ROWS.map((r) => r.kind),
      cols,
    );
    const raw: RawRow[] = COUNT_ROWS.map((r) => {
      const values: Record<string, number> = Object.fromEntries(cols.map((c) => [c.key, 0]));
      for (const x of rows) if (x.kind === r.kind) values[cols[x.period]!.key] = x.n;
      return { key: r.key, label: r.label, kind: 'count', values };
    });
    for (const r of RATE_ROWS) raw.push({ ...r, kind: 'rate' });
    const typed = o.quarterly ? [] : planningRows(db, o, cols, raw, today);
    raw.push(...typed);
    return {
      main: { columns: cols, rows: raw, relations: [] },
      sections: [],
      ...(typed.length > 0 ? { definitions: [TARGETS_DEFINITION] } : {}),
    };
  },

  drill(_db, o, section, row, column) {
    const r = COUNT_ROWS.find((x) => x.key === row);
    const col = periods(o).find((c) => c.key === column);
    if (section || !r || !col) return null;
    return milestoneHouseholds(o, r.kind, col);
  },
};
