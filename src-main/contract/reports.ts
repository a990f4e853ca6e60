import { z } from 'zod';
import { method } from './define.ts';
import { isFinancialYear } from '../domain/financial-year.ts';
import {
  REPORT_EXPORT_FORMATS,
  REPORT_PATHWAYS,
  REPORT_TABLES,
  type DrillResult,
  type ExportFile,
  type Report,
} from './report-shapes.ts';
import { DEFAULT_PATHWAY } from '../domain/stages.ts';

export * from './report-shapes.ts';

const financialYear = z
  .string()
  .trim()
  .max(20)
  .refine(isFinancialYear, 'Give a financial year like 2024/25.');

export const reportOptionsSchema = z
  .object({
    from: financialYear.optional(),
    to: financialYear.optional(),
    quarterly: z.boolean().default(false),
    pathway: z.enum(REPORT_PATHWAYS).default(DEFAULT_PATHWAY),
    suppress: z.boolean().default(false),
  })
  .strict();
export type ReportOptionsInput = z.input<typeof reportOptionsSchema>;
export type ReportOptions = z.output<typeof reportOptionsSchema>;

const tableKey = z.enum(REPORT_TABLES);

export const reportsContract = {
  'reports.getTable': method<Report>()(() =>
    z.object({ table: tableKey, options: reportOptionsSchema }).strict(),
  ),
  'reports.listHouseholds': method<DrillResult>()(() =>
    z
      .object({
        table: tableKey,
        options: reportOptionsSchema,
        /** Empty for the main table, else a section key (e.g. `ended_by`). */
        // Keys the report made (a reason's, a source's, a period's): bounded well above the longest.
        section: z.string().max(1000).default(''),
        row: z.string().min(1).max(1000),
        column: z.string().min(1).max(1000),
        limit: z.number().int().min(1).max(5000).default(500),
      })
      .strict(),
  ),
  'reports.exportTable': method<ExportFile>()(() =>
    z
      .object({
        /** One table, or several (xlsx: one sheet each; docx: one section each, from a new page). */
        tables: z.array(tableKey).min(1).max(REPORT_TABLES.length),
        options: reportOptionsSchema,
        format: z.enum(REPORT_EXPORT_FORMATS),
      })
      .strict(),
  ),
} as const;
