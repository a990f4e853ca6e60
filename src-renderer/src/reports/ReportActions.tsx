import type { RefObject } from 'react';
import type { Report, ReportOptionsInput, ReportTableKey } from '../../../src-main/contract/reports.ts';
import { REPORT_FILE_FORMAT_LABELS, REPORT_TABLES } from '../../../src-main/contract/report-shapes.ts';
import { reportFileBase } from '../../../src-main/contract/vocab.ts';
import { call, saveBytes } from '../api.ts';
import { chartPng, chartSvgText, copyHtml, downloadBlob, fromBase64Utf8 } from './exports.ts';

const SAVED = { xlsx: 'the Excel workbook', csv: 'the CSV file', docx: 'the Word document' } as const;
const SAVING = { xlsx: 'Excel workbook', csv: 'CSV file', docx: 'Word document' } as const;

/**
 * The Reports screen's export buttons: Excel, CSV and Word files from the core, the table copied
 * for Word (HTML with a plain-text twin), and the chart as PNG or SVG. Each says what it did, or why not.
 */
export function ReportActions({
  table,
  options,
  report,
  chartRef,
  chartAsTable,
  onDone,
  onError,
}: {
  table: ReportTableKey;
  options: ReportOptionsInput;
  report: Report | null;
  chartRef: RefObject<HTMLDivElement | null>;
  chartAsTable: boolean;
  onDone(message: string | null): void;
  /** The last action's refusal; null clears it when another starts. */
  onError(message: string | null): void;
}) {
  // What is being done is said at once, and what was done once it is: every table to Word takes
  // seconds, and a button that answered nothing meanwhile was pressed again.
  const run = async (what: string, action: () => Promise<void>, doing: string | null = null) => {
    onDone(doing);
    onError(null);
    try {
      await action();
      onDone(what);
    } catch (e) {
      onDone(null);
      onError((e as Error).message);
    }
  };

  const exportFile = (format: 'xlsx' | 'csv' | 'docx', tables: ReportTableKey[]) =>
    run(
      `Saved ${SAVED[format]}.`,
      async () => {
        const file = await call('reports.exportTable', { tables, options, format });
        saveBytes(file.fileName, file.base64, file.mime);
      },
      `Making the ${SAVING[format]}${tables.length > 1 ? ' of every table' : ''}…`,
    );

  const copyForWord = () =>
    run(
      'Copied the table: paste it into Word.',
      async () => {
        // The plain-text twin comes from the core too: formula-neutralised like the csv.
        const file = await call('reports.exportTable', { tables: [table], options, format: 'html' });
        await copyHtml(fromBase64Utf8(file.base64), file.text ?? '');
      },
      'Copying the table…',
    );

  const baseName = report ? reportFileBase(table, report) : table;
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

  return (
    <div className="report-actions" role="group" aria-label="Export">
      <button type="button" onClick={() => void exportFile('xlsx', [table])} disabled={!report}>
        Save as {REPORT_FILE_FORMAT_LABELS.xlsx}
      </button>
      <button type="button" onClick={() => void exportFile('csv', [table])} disabled={!report}>
        Save as {REPORT_FILE_FORMAT_LABELS.csv}
      </button>
      <button type="button" onClick={() => void exportFile('docx', [table])} disabled={!report}>
        Save as {REPORT_FILE_FORMAT_LABELS.docx}
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
      <button
        type="button"
        className="secondary"
        onClick={() => void exportFile('docx', [...REPORT_TABLES])}
        disabled={!report}
      >
        Save all tables to Word
      </button>
    </div>
  );
}
