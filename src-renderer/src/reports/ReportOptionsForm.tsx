import { useId } from 'react';
import type {
  ReportOptionsInput,
  ReportPathway,
  ReportTableKey,
  ResolvedReportOptions,
} from '../../../src-main/contract/reports.ts';
import {
  REPORT_PATHWAYS,
  REPORT_PATHWAY_LABELS,
  REPORT_TABLES,
  REPORT_TABLE_LABELS,
  NO_YEAR_TABLES,
  OWN_COLUMN_TABLES,
  SINGLE_YEAR_TABLES,
  followsPathwayOption,
} from '../../../src-main/contract/report-shapes.ts';
import { DEFAULT_PATHWAY, fyLabel, fyOf } from '../../../src-main/contract/vocab.ts';
import { todayIso } from '../households/format.ts';
import { useSettledChoice } from '../ui/use-settled-choice.ts';

/** Financial years offered: from 2005/06 to the current one. */
function yearChoices(): string[] {
  const now = Number(fyOf(todayIso()).slice(0, 4));
  const out: string[] = [];
  for (let y = now; y >= 2005; y--) out.push(fyLabel(y));
  return out;
}

export function ReportOptionsForm({
  table,
  options,
  resolved,
  onTable,
  onOptions,
  periodError = null,
}: {
  table: ReportTableKey;
  options: ReportOptionsInput;
  resolved: ResolvedReportOptions | null;
  onTable(t: ReportTableKey): void;
  onOptions(o: ReportOptionsInput): void;
  /** The id of the refusal of the years chosen (From after To), which marks both year boxes. */
  periodError?: string | null;
}) {
  const id = useId();
  const years = yearChoices();
  const from = options.from ?? resolved?.from ?? '';
  const to = options.to ?? resolved?.to ?? '';
  // The Ofsted return is one financial year with pathways as its columns.
  const single = SINGLE_YEAR_TABLES.includes(table);
  // Its From is its year (resolved): kept, it would be the next table's From, after its To; nor is
  // a From chosen on another table kept past the year chosen here (helper-239).
  // A year box not yet filled by the first table's answer (a year chosen before it came) is left
  // for the core to resolve: sent empty, it was refused as no financial year (a slower screen's race).
  const set = (patch: Partial<ReportOptionsInput>) => {
    const next = {
      ...options,
      from: single ? options.from : from || undefined,
      to: to || undefined,
      ...patch,
    };
    if (single && next.from && next.to && next.from > next.to) next.from = undefined;
    onOptions(next);
  };
  const ownColumns = OWN_COLUMN_TABLES.includes(table);
  // The drop-out table's columns are the stages reached: over the whole period, or once per quarter.
  const wholePeriod = table === 'dropout';
  // The forecast is the next four quarters from today, whatever years are chosen: none are offered.
  const yearless = NO_YEAR_TABLES.includes(table);
  const tableChoice = useSettledChoice(table, onTable);
  const pathwayChoice = useSettledChoice(options.pathway ?? DEFAULT_PATHWAY, (p: ReportPathway) =>
    set({ pathway: p }),
  );
  return (
    <form className="report-options" onSubmit={(e) => e.preventDefault()} aria-label="Report options">
      <div className="field">
        <label htmlFor={`${id}-table`}>Table</label>
        <select id={`${id}-table`} {...tableChoice}>
          {REPORT_TABLES.map((t) => (
            <option key={t} value={t}>
              {REPORT_TABLE_LABELS[t]}
            </option>
          ))}
        </select>
      </div>
      {!single && !yearless && (
        <YearField
          id={`${id}-from`}
          label="From"
          years={years}
          value={from}
          onChange={(y) => set({ from: y })}
          error={periodError}
        />
      )}
      {!yearless && (
        <YearField
          id={`${id}-to`}
          label={single ? 'Financial year' : 'To'}
          years={years}
          value={to}
          onChange={(y) => set({ to: y })}
          error={periodError}
        />
      )}
      {!single && !ownColumns && (
        <fieldset className="field">
          <legend>Columns</legend>
          <label>
            <input
              type="radio"
              name={`${id}-cols`}
              checked={!options.quarterly}
              onChange={() => set({ quarterly: false })}
            />{' '}
            {wholePeriod ? 'Whole period' : 'Financial years'}
          </label>
          <label>
            <input
              type="radio"
              name={`${id}-cols`}
              checked={!!options.quarterly}
              onChange={() => set({ quarterly: true })}
            />{' '}
            Quarters
          </label>
        </fieldset>
      )}
      {followsPathwayOption(table) && (
        <div className="field">
          <label htmlFor={`${id}-pathway`}>Pathway</label>
          <select id={`${id}-pathway`} {...pathwayChoice}>
            {REPORT_PATHWAYS.map((p) => (
              <option key={p} value={p}>
                {REPORT_PATHWAY_LABELS[p]}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field checkbox">
        <label>
          <input
            type="checkbox"
            checked={!!options.suppress}
            onChange={(e) => set({ suppress: e.target.checked })}
          />{' '}
          Suppress small numbers (show 1–4 as “&lt;5”)
        </label>
      </div>
    </form>
  );
}

/** A choice of financial year ("2024/25"). */
function YearField(p: {
  id: string;
  label: string;
  years: readonly string[];
  value: string;
  onChange(year: string): void;
  /** The id of the message refusing the years chosen. */
  error?: string | null;
}) {
  const choice = useSettledChoice(p.value, p.onChange);
  return (
    <div className="field">
      <label htmlFor={p.id}>{p.label}</label>
      <select
        id={p.id}
        {...choice}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={p.error ?? undefined}
      >
        {p.years.map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
    </div>
  );
}
