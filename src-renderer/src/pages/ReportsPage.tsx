import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  REPORT_TABLES,
  columnHeading,
  type DrillResult,
  type Report,
  type ReportOptionsInput,
  type ReportTableKey,
} from '../../../src-main/contract/reports.ts';
import { call, saveBytes } from '../api.ts';
import { chartSpec } from '../reports/chart-spec.ts';
import { ChartTable } from '../reports/ChartTable.tsx';
import { DrillPanel } from '../reports/DrillPanel.tsx';
import { chartPng, chartSvgText, copyHtml, downloadBlob, fromBase64Utf8 } from '../reports/exports.ts';
import { ReportChart } from '../reports/ReportChart.tsx';
import { ReportOptionsForm } from '../reports/ReportOptionsForm.tsx';
import { ReportTable, type CellRef } from '../reports/ReportTable.tsx';
import '../reports/reports.css';
import type { PageProps } from './page-props.ts';

const isTable = (v: string | null): v is ReportTableKey =>
  !!v && (REPORT_TABLES as readonly string[]).includes(v);

export function ReportsPage({ params }: PageProps) {
  const initial = params.get('table');
  const [table, setTable] = useState<ReportTableKey>(isTable(initial) ? initial : 'funnel');
  const [options, setOptions] = useState<ReportOptionsInput>({});
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [chartAsTable, setChartAsTable] = useState(false);
  const [drill, setDrill] = useState<{
    cell: CellRef;
    result: DrillResult | null;
    error: string | null;
  } | null>(null);
  const chartRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    setBusy(true);
    call('reports.getTable', { table, options })
      .then((r) => live && (setReport(r), setError(null)))
      .catch((e: Error) => live && setError(e.message))
      .finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
  }, [table, options]);

  // A new table or new options make an open list stale.
  useEffect(() => setDrill(null), [table, options]);

  const spec = useMemo(() => (report && report.table === table ? chartSpec(report) : null), [report, table]);

  const onDrill = useCallback(
    (cell: CellRef) => {
      setDrill({ cell, result: null, error: null });
      call('reports.listHouseholds', {
        table,
        options,
        section: cell.section,
        row: cell.row.key,
        column: cell.column.key,
      })
        .then((result) => setDrill((d) => (d?.cell === cell ? { ...d, result } : d)))
        .catch((e: Error) => setDrill((d) => (d?.cell === cell ? { ...d, error: e.message } : d)));
    },
    [table, options],
  );

  const run = async (what: string, action: () => Promise<void>) => {
    setMessage(null);
    try {
      await action();
      setMessage(what);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const exportFile = (format: 'xlsx' | 'csv', tables: ReportTableKey[]) =>
    run(`Saved ${format === 'xlsx' ? 'the Excel workbook' : 'the CSV file'}.`, async () => {
      const file = await call('reports.exportTable', { tables, options, format });
      saveBytes(file.fileName, file.base64, file.mime);
    });

  const copyForWord = () =>
    run('Copied the table: paste it into Word.', async () => {
      const file = await call('reports.exportTable', { tables: [table], options, format: 'html' });
      const html = fromBase64Utf8(file.base64);
      const plain = report
        ? [
            ['', ...report.columns.map(columnHeading)].join('\t'),
            ...report.rows.map((r) =>
              [r.label, ...report.columns.map((c) => String(r.values[c.key] ?? '–'))].join('\t'),
            ),
          ].join('\n')
        : '';
      await copyHtml(html, plain);
    });

  const baseName = report
    ? `${table}-${report.options.from}-${report.options.to}`.replace(/\//g, '-')
    : table;
  const saveSvg = () =>
    run('Saved the chart as SVG.', async () => {
      if (!chartRef.current) throw new Error('Show the chart first.');
      downloadBlob(`${baseName}.svg`, new Blob([chartSvgText(chartRef.current)], { type: 'image/svg+xml' }));
    });
  const savePng = () =>
    run('Saved the chart as PNG.', async () => {
      if (!chartRef.current) throw new Error('Show the chart first.');
      downloadBlob(`${baseName}.png`, await chartPng(chartRef.current));
    });

  const firstHeading = table === 'dropout' ? 'Reason' : table === 'leaving' ? 'Reason for leaving' : '';
  const selected = drill
    ? { section: drill.cell.section, row: drill.cell.row.key, column: drill.cell.column.key }
    : null;

  return (
    <section aria-labelledby="page-title" className="reports-page">
      <h1 id="page-title">Reports</h1>
      <ReportOptionsForm
        table={table}
        options={options}
        resolved={report?.options ?? null}
        onTable={setTable}
        onOptions={setOptions}
      />
      <div className="report-actions" role="group" aria-label="Export">
        <button type="button" onClick={() => void exportFile('xlsx', [table])} disabled={!report}>
          Save as Excel
        </button>
        <button type="button" onClick={() => void exportFile('csv', [table])} disabled={!report}>
          Save as CSV
        </button>
        <button type="button" onClick={() => void copyForWord()} disabled={!report}>
          Copy for Word
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => void savePng()}
          disabled={!report || chartAsTable}
        >
          Save chart as PNG
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => void saveSvg()}
          disabled={!report || chartAsTable}
        >
          Save chart as SVG
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => void exportFile('xlsx', [...REPORT_TABLES])}
          disabled={!report}
        >
          Save all tables to Excel
        </button>
      </div>
      <div aria-live="polite" className="report-live">
        {busy && <span>Working out the table…</span>}
        {message && <span>{message}</span>}
      </div>
      {error && (
        <p className="banner error" role="alert">
          {error}
        </p>
      )}

      {report && report.table === table && spec && (
        <>
          <h2 id="report-title">{report.title}</h2>
          <p className="report-meta">
            {report.period} · {report.pathwayLabel}
            {report.options.suppress ? ' · small numbers suppressed' : ''}
          </p>
          <div className="report-layout">
            <div className="report-tables">
              <ReportTable
                id="report-main"
                caption={`${report.title}, ${report.period}, ${report.pathwayLabel}`}
                columns={report.columns}
                rows={report.rows}
                section=""
                firstHeading={firstHeading}
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
                    section={s.key}
                    firstHeading=""
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
              ) : (
                <ReportChart ref={chartRef} spec={spec} title={report.title} />
              )}
            </figure>
          </div>
          {drill && (
            <DrillPanel
              title={`${drill.cell.row.label}, ${columnHeading(drill.cell.column)}`}
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
    </section>
  );
}
