import { useId, useState } from 'react';
import type { Report } from '../../../src-main/contract/reports.ts';
import { columnHeading } from '../../../src-main/contract/report-shapes.ts';
import { stepsOf, stepText } from './funnel-steps.ts';

/**
 * The recruitment funnel for one period: a bar per stage, longest for enquiries, with the step
 * conversion from the stage before written between them. Unlike grouped bars, each later stage
 * keeps its own line and number, so tens of approvals are not flattened by hundreds of enquiries.
 * It is a list of text and bars, so it reads the same with a screen reader.
 */
export function FunnelChart({ report }: { report: Report }) {
  const id = useId();
  const columns = report.columns;
  const [picked, setPicked] = useState<string | null>(null);
  const column = columns.find((c) => c.key === picked) ?? columns[columns.length - 1];
  if (!column) return null;
  const steps = stepsOf(report, column.key);
  const top = Math.max(1, ...steps.map((s) => s.count ?? 0));
  return (
    <figure className="funnel-chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>
        Funnel: {report.pathwayLabel},{' '}
        <label htmlFor={`${id}-period`} className="visually-hidden">
          Funnel period
        </label>
        <select id={`${id}-period`} value={column.key} onChange={(e) => setPicked(e.target.value)}>
          {columns.map((c) => (
            <option key={c.key} value={c.key}>
              {columnHeading(c)}
            </option>
          ))}
        </select>
      </figcaption>
      <ol className="funnel-steps">
        {steps.map((s, i) => (
          <li key={s.key}>
            {i > 0 && <p className="funnel-step">{stepText(s.stepRate)}</p>}
            <div className="funnel-row">
              <span className="funnel-label">{s.label}</span>
              <span className="funnel-bar-track" aria-hidden="true">
                <span
                  className="funnel-bar"
                  style={{ width: `${Math.max(0.5, ((s.count ?? 0) / top) * 100)}%` }}
                />
              </span>
              <span className="funnel-count">{s.text}</span>
            </div>
          </li>
        ))}
      </ol>
      <p className="hint">
        Period counting: each stage counts its own events in the period, so a step compares counts of the same
        period (they mix cohorts); the cohort table follows one year’s enquirers.
      </p>
    </figure>
  );
}
