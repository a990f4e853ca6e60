import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type {
  DrillResult,
  Report,
  ReportOptionsInput,
  ReportTableKey,
} from '../../../src-main/contract/reports.ts';
import { drillTitle } from '../../../src-main/contract/drill-title.ts';
import { firstHeading, WIDE_TABLE_FIGURES } from '../../../src-main/contract/report-shapes.ts';
import { countOf } from '../../../src-main/contract/vocab.ts';
import { call } from '../api.ts';
import { chartSpec } from '../reports/chart-spec.ts';
import { ChartTable } from '../reports/ChartTable.tsx';
import { Announced } from '../ui/Announced.tsx';
import { DrillPanel } from '../ui/DrillPanel.tsx';
import { FunnelChart } from '../reports/FunnelChart.tsx';
import { ReportActions } from '../reports/ReportActions.tsx';
import { useReportChart } from '../reports/chart-loader.ts';
import { firstOptions, firstTable, reportParams } from '../reports/first-report.ts';
import { ReportOptionsForm } from '../reports/ReportOptionsForm.tsx';
import { ReportTable, type CellRef } from '../reports/ReportTable.tsx';
import '../reports/reports.css';
import { Page } from '../ui/Page.tsx';
import { replaceParams, useNavigationCount } from '../routes.ts';
import { useApi } from '../ui/use-api.ts';
import type { PageProps } from './page-props.ts';

const ERROR_ID = 'report-error';

/**
 * The table and its options are kept in the address (as the households list keeps its filters), so
 * a reload, or Back from a household a figure opened, finds the table as it was left; each
 * navigation (a link here, Back) starts the screen again from the address.
 */
export function ReportsPage({ params }: PageProps) {
  const navigation = useNavigationCount();
  return <ReportsScreen key={navigation} params={params} />;
}

function ReportsScreen({ params }: PageProps) {
  const [table, setTable] = useState<ReportTableKey>(() => firstTable(params));
  const [options, setOptions] = useState<ReportOptionsInput>(() => firstOptions(params));
  useEffect(() => replaceParams('reports', reportParams(table, options)), [table, options]);
  const api = useApi('reports.getTable', { table, options });
  const report: Report | null = api.data;
  const busy = api.loading;
  // Each failure a new object (as useApi's), drawn by Announced: an export, or options, failing
  // again with the same words is said again.
  const [actionError, setActionError] = useState<{ text: string } | null>(null);
  const failure = actionError ?? api.failure;
  // The core refuses a From after To (or a range too long) as the From's: both year boxes are
  // marked invalid and described by the refusal's words.
  const periodError = !actionError && api.error && api.errorField === 'from' ? ERROR_ID : null;
  const [message, setMessage] = useState<string | null>(null);
  const [chartAsTable, setChartAsTable] = useState(false);
  const [drill, setDrill] = useState<{
    cell: CellRef;
    result: DrillResult | null;
    error: string | null;
  } | null>(null);
  const chartRef = useRef<HTMLDivElement>(null);
  const { Chart: ReportChart, failed: chartFailed } = useReportChart();

  // A new table or new options make an open list, an export's error and the last thing said, stale.
  useEffect(() => {
    setDrill(null);
    setActionError(null);
    setMessage(null);
  }, [table, options]);

  const spec = useMemo(() => (report && report.table === table ? chartSpec(report) : null), [report, table]);

  // Exports and drill-downs are of the table on screen, with the options it was asked for: while
  // new options load (or after they failed) the form may already say others. (Not the report's
  // resolved options: each table of "Save all" resolves the options given for itself.) While
  // another table loads, none is on screen, and there is nothing to export.
  const shown = api.answered;
  const onScreen = report && shown && report.table === table ? report : null;
  const shownTable = shown?.table ?? table;
  const shownOptions = shown?.options ?? options;
  // 'Working out the table…' is followed by what came, each time a table's answer does: a
  // screen-reader user otherwise heard nothing once it was worked out.
  const ready = onScreen ? `Table ready: ${onScreen.title}, ${countOf(onScreen.rows.length, 'row')}.` : null;
  useEffect(() => {
    if (ready) setMessage(ready);
  }, [ready, shown]);
  const onDrill = useCallback(
    (cell: CellRef) => {
      setDrill({ cell, result: null, error: null });
      call('reports.listHouseholds', {
        table: shownTable,
        options: shownOptions,
        section: cell.section,
        row: cell.row.key,
        column: cell.column.key,
      })
        .then((result) => setDrill((d) => (d?.cell === cell ? { ...d, result } : d)))
        .catch((e: Error) => setDrill((d) => (d?.cell === cell ? { ...d, error: e.message } : d)));
    },
    [shownTable, shownOptions],
  );

  const selected = drill
    ? { section: drill.cell.section, row: drill.cell.row.key, column: drill.cell.column.key }
    : null;

  return (
    <Page title="Reports" className="reports-page">
      <ReportOptionsForm
        table={table}
        options={options}
        resolved={report?.options ?? null}
        onTable={setTable}
        onOptions={setOptions}
        periodError={periodError}
      />
      <ReportActions
        table={shownTable}
        options={shownOptions}
        report={onScreen}
        chartRef={chartRef}
        chartAsTable={chartAsTable}
        onDone={setMessage}
        onError={(text) => setActionError(text === null ? null : { text })}
      />
      <div aria-live="polite" className="report-live">
        {busy && <span>Working out the table…</span>}
        {message && <span>{message}</span>}
      </div>
      {failure && (
        <p className="banner error" role="alert" id={ERROR_ID}>
          <Announced news={failure} />
        </p>
      )}
      {/* Options the core refused leave the table of the last ones: said, so it is not read as theirs. */}
      {api.error && report && report.table === table && (
        <p className="hint report-stale">
          The table below is still the one made before, for {report.period}.
        </p>
      )}

      {report && report.table === table && spec && (
        <>
          <h2 id="report-title">{report.title}</h2>
          <p className="report-meta">
            {report.period} · {report.pathwayLabel}
            {report.options.suppress ? ' · small numbers suppressed' : ''}
          </p>
          {/* A table of many columns (the drop-out table by quarter has 24) takes the page's width, the chart below it. */}
          <div className={`report-layout${report.columns.length > WIDE_TABLE_FIGURES ? ' report-wide' : ''}`}>
            <div className="report-tables">
              <ReportTable
                id="report-main"
                caption={`${report.title}, ${report.period}, ${report.pathwayLabel}`}
                columns={report.columns}
                rows={report.rows}
                notes={report.notes}
                madeOn={report.madeOn}
                section=""
                firstHeading={firstHeading(table)}
                onDrill={onDrill}
                selected={selected}
              />
              {report.sections.map((s) => (
                <div key={s.key}>
                  <h3>{s.title}</h3>
                  <ReportTable
                    id={`report-${s.key}`}
                    caption={s.title}
                    columns={s.columns}
                    rows={s.rows}
                    notes={s.notes}
                    madeOn={report.madeOn}
                    section={s.key}
                    firstHeading={s.rowHeading}
                    onDrill={onDrill}
                    selected={selected}
                  />
                </div>
              ))}
            </div>
            <figure className="report-figure" aria-labelledby="chart-caption">
              <figcaption id="chart-caption">
                Chart: {report.title}
                <button
                  type="button"
                  className="secondary small"
                  aria-pressed={chartAsTable}
                  onClick={() => setChartAsTable((v) => !v)}
                >
                  Table view
                </button>
              </figcaption>
              {chartAsTable ? (
                <ChartTable spec={spec} title={report.title} />
              ) : ReportChart ? (
                <ReportChart ref={chartRef} spec={spec} title={report.title} />
              ) : chartFailed ? (
                <p className="report-chart-loading">
                  The chart could not be loaded; its figures are in the table (Table view).
                </p>
              ) : (
                <p className="report-chart-loading">Drawing the chart…</p>
              )}
            </figure>
            {report.table === 'funnel' && <FunnelChart report={report} />}
          </div>
          {drill && (
            <DrillPanel
              title={drillTitle(report, drill.cell)}
              result={drill.result}
              error={drill.error}
              onClose={() => setDrill(null)}
            />
          )}
          <details className="definitions">
            <summary>Definitions: how each row is counted</summary>
            <dl>
              {report.definitions.map((d) => (
                <div key={d.key}>
                  <dt>{d.label}</dt>
                  <dd>{d.text}</dd>
                </div>
              ))}
            </dl>
          </details>
        </>
      )}
    </Page>
  );
}
