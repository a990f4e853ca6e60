import type { ReportExportFormat, reportsContract } from '../contract/reports.ts';
import { reportsToCsv, reportsToHtml, reportsToText, reportsToXlsx } from '../reports/export/files.ts';
import { reportsToDocx } from '../reports/export/word.ts';
import { buildReport, buildReports, drillReport } from '../reports/report.ts';
import type { Handlers } from './handler.ts';
import { reportFileBase } from '../reports/file-name.ts';

const MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html; charset=utf-8',
} as const satisfies Record<ReportExportFormat, string>;

export const reportsHandlers = {
  'reports.getTable': (ctx, { table, options }) => buildReport(ctx.store.db, table, options, ctx.today()),

  'reports.listHouseholds': (ctx, input) => drillReport(ctx.store.db, input, ctx.today()),

  'reports.exportTable': (ctx, { tables, options, format }) => {
    const reports = buildReports(ctx.store.db, tables, options, ctx.today());
    const bytes =
      format === 'xlsx'
        ? reportsToXlsx(reports)
        : format === 'docx'
          ? reportsToDocx(reports)
          : Buffer.from(format === 'csv' ? reportsToCsv(reports) : reportsToHtml(reports), 'utf8');
    return {
      fileName: `${reportFileBase(tables, reports[0]!)}.${format}`,
      mime: MIME[format],
      base64: bytes.toString('base64'),
      ...(format === 'html' ? { text: reportsToText(reports) } : {}),
    };
  },
} satisfies Handlers<typeof reportsContract>;
