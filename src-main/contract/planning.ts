import { z } from 'zod';
import { method } from './define.ts';
import type { DrillResult } from './reports.ts';
import type { FUNNEL_ROWS } from './report-shapes.ts';
import { isFinancialYear } from '../domain/financial-year.ts';
import { BASES, FIGURE_PATHWAYS, MEASURES, type PlanningFigure } from '../domain/targets.ts';
import { DEFAULT_PATHWAY } from '../domain/stages.ts';

export type { PlanningFigure, Basis, Measure, FigurePathway } from '../domain/targets.ts';
export {
  BASES,
  BASIS_LABELS,
  MEASURES,
  MEASURE_LABELS,
  MEASURE_KIND,
  FIGURE_PATHWAYS,
} from '../domain/targets.ts';

/** How a figure stands against its target: ahead of the pro-rata target, or (approvals) its forecast range. */
export type TrackStatus = 'on_track' | 'at_risk' | 'off_track' | 'no_target';

export type { DrillEvent } from './report-shapes.ts';

/**
 * The households behind one of Home's figures: where it counts endings, each with what it was
 * counted for; behind the net change, a note of what it adds up ("3 approved and 2 ceased to
 * foster: net change +1.").
 */
export type HomeDrillResult = DrillResult;

/** A number on the dashboard and the key that lists its households (`planning.listHouseholds`). */
export interface DashboardNumber {
  value: number;
  drill: string;
}

export interface HomeDashboard {
  today: string;
  fy: string;
  lastFy: string;
  /** The same point last year (today a year ago). */
  sameDayLastYear: string;
  pathwayLabel: string;
  yearToDate: Array<{
    /** A count row of the recruitment table (FUNNEL_ROWS), or the net change. */
    key: (typeof FUNNEL_ROWS)[number]['key'] | 'net_change';
    label: string;
    thisYear: DashboardNumber;
    lastYear: DashboardNumber;
    /** The annual target, and its share for the days of the year gone. */
    target: number | null;
    targetToDate: number | null;
    status: TrackStatus;
  }>;
  pipeline: Array<{ stage: string; label: string; count: DashboardNumber }>;
  forecast: {
    /** `heading`: as the Reports screen's forecast heads its column, "2026/27 Q3 (from 29/11/2026)" where begun. */
    quarters: Array<{ key: string; heading: string; expected: number; low: number; high: number }>;
    /** The quarters in words, as the Reports screen's period says them ("the rest of this quarter and the next three"). */
    span: string;
    /**
     * Where the first quarter has begun, the day its row counts from (tomorrow): approvals earlier
     * in it are in `approvedSoFar`, not in its row. Null on a quarter's last day (four whole quarters).
     */
    restFrom: string | null;
    approvedSoFar: DashboardNumber;
    /** Approvals this year: so far plus the forecast for the rest of it, with its likely range. */
    year: { expected: number; low: number; high: number };
    /**
     * The approvals so far plus this year's quarters, each rounded on its own: a little (at most
     * two) off `year.expected` where the rounding differs, which Home then says.
     */
    quartersAddUpTo: number;
    target: number | null;
    /** Null where there is no forecast (`none`). */
    status: TrackStatus | null;
    /**
     * The open households with a date for their stage, those the forecast leaves out for want of
     * history too: the pipeline's households less `undated`.
     */
    open: DashboardNumber;
    /**
     * Open households with no enquiry date (so no date for their stage: db/queries/dashboard.ts
     * undatedOpenQuery), in the pipeline but in no forecast until the date is entered.
     */
    undated: DashboardNumber;
    /** The open households the forecast is made from. */
    forecastFrom: number;
    /** Which open households the forecast leaves out for want of history, and why (reports/forecast.ts). */
    notForecast: string | null;
    /** No open household can be forecast: the expected figures are none, not 0. */
    none: boolean;
  };
  alerts: {
    overdue: DashboardNumber;
    byKind: Array<{ kind: string; label: string; count: DashboardNumber }>;
  };
  dropouts: {
    total: DashboardNumber;
    /**
     * Most first: the five, and every reason with as many as the fifth (domain/top-with-ties.ts);
     * `rank` is shared by tied reasons (1, 2, 2, 4), `joint` says one is tied.
     */
    top: Array<{ reason: string; label: string; rank: number; joint: boolean; count: DashboardNumber }>;
    /** The reasons tied with the fifth when too many to list: how many, each one's count, all their drop-outs. */
    more: { reasons: number; each: number; count: DashboardNumber } | null;
  };
  /**
   * Alerts due from today to `to` (today and the next `days` − 1 days), every pathway: each household's
   * next alert, soonest first, the first few of `count` (which opens them all); a reg 24 limit the
   * kinship panel lists is left to it.
   */
  dueSoon: {
    days: number;
    to: string;
    count: DashboardNumber;
    alerts: Array<{ id: number; reference: string; name: string; kind: string; label: string; due: string }>;
  };
  kinship: {
    days: number;
    count: DashboardNumber;
    /** Every deadline, of which `deadlines` lists the first (DUE_SHOWN). */
    total: number;
    deadlines: Array<{ id: number; reference: string; name: string; label: string; due: string }>;
  };
  comparators: {
    fy: string;
    rows: Array<{
      measure: string;
      label: string;
      kind: 'count' | 'rate';
      actual: number | null;
      figures: Array<{ basis: string; label: string; value: number }>;
    }>;
  };
}

export interface FigureIssue {
  row: number | null;
  column: string | null;
  message: string;
}

const fy = z.string().trim().max(20).refine(isFinancialYear, 'Give a financial year like 2024/25.');

export const planningContract = {
  'planning.getFigures': method<{ figures: PlanningFigure[] }>()(() => z.object({}).strict()),
  /** Replaces the figures of one year and pathway; a null value removes that figure. */
  'planning.setFigures': method<{ figures: PlanningFigure[] }>()(() =>
    z
      .object({
        fy,
        pathway: z.enum(FIGURE_PATHWAYS).default(DEFAULT_PATHWAY),
        figures: z
          .array(
            z
              .object({ basis: z.enum(BASES), measure: z.enum(MEASURES), value: z.number().nullable() })
              .strict(),
          )
          .max(BASES.length * MEASURES.length),
      })
      .strict(),
  ),
  /** A csv of figures (Year, Comparator, Measure, Value, optional Pathway): all stored, or none with every problem. */
  'planning.importFigures': method<{ imported: number; issues: FigureIssue[] }>()(() =>
    z.object({ path: z.string().min(1).max(4096) }).strict(),
  ),
  'planning.getDashboard': method<HomeDashboard>()(() => z.object({}).strict()),
  'planning.listHouseholds': method<HomeDrillResult>()(() =>
    z
      .object({
        drill: z.string().min(1).max(200),
        limit: z.number().int().min(1).max(5000).default(500),
      })
      .strict(),
  ),
} as const;
