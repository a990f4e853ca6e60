import type { Report } from '../../../src-main/contract/reports.ts';
import { formatCell } from '../../../src-main/contract/report-shapes.ts';
import { FUNNEL_ROWS } from '../../../src-main/contract/report-shapes.ts';
import { rate as rateOf } from '../../../src-main/contract/vocab.ts';

/** The funnel's steps: the recruitment table's count rows, in the journey's order, by their short names. */
const STAGES = FUNNEL_ROWS.map((r) => ({ key: r.key, label: r.short }));

export interface FunnelStep {
  key: string;
  label: string;
  /** The count, or null when it is suppressed ("<5"). */
  count: number | null;
  text: string;
  /** This stage as a share of the stage before, or null (first stage, zero or suppressed counts). */
  stepRate: number | null;
}

/** The funnel's stages for one column of the recruitment table, with step conversions. */
export function stepsOf(report: Report, column: string): FunnelStep[] {
  let before: number | null = null;
  return STAGES.map((s, i) => {
    const row = report.rows.find((r) => r.key === s.key);
    const v = row?.values[column] ?? null;
    const count = typeof v === 'number' ? v : null;
    const step = {
      key: s.key,
      label: s.label,
      count,
      text: formatCell(v, 'count'),
      stepRate: i === 0 || count === null || before === null ? null : rateOf(count, before),
    };
    before = count;
    return step;
  });
}

export const rateText = (r: number | null): string => (r === null ? '–' : `${r.toFixed(1)}%`);

/**
 * A step's words: "↓ 33.3% of the stage before", "↑" where the stage is larger than the one before
 * (period counting mixes cohorts: 2 Stage 1 starts after 1 EOI read "↓ 200.0%"), "→" where it is
 * the same (no fall: "↓ 100.0%" read as one), and no arrow where there is no rate to point.
 */
export const stepText = (r: number | null): string =>
  `${r === null ? '' : r > 100 ? '↑ ' : r === 100 ? '→ ' : '↓ '}${rateText(r)} of the stage before`;
