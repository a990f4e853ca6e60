import { formatCell, type Report } from '../../../src-main/contract/reports.ts';
import { rate as rateOf } from '../../../src-main/contract/vocab.ts';

const STAGES = [
  { key: 'enquiries', label: 'Enquiries' },
  { key: 'eoi', label: 'EOI' },
  { key: 'stage1', label: 'Stage 1' },
  { key: 'stage2', label: 'Stage 2' },
  { key: 'approved', label: 'Approved' },
] as const;

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
