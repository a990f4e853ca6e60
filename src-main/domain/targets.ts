import { isFinancialYear } from './financial-year.ts';
import { PATHWAY_SCOPE_LABELS, PATHWAY_SCOPES } from './stages.ts';
import { MINUS } from './words.ts';

/**
 * Targets and comparators: figures a service types in (or imports) per financial year, shown
 * beside its own counts. A basis says whose figure it is, a measure what it measures. Counts
 * are whole numbers (a net change may be negative); a rate is a percentage to one decimal place.
 */
export const BASES = ['target', 'statistical_neighbours', 'england', 'regional', 'ifa'] as const;
export type Basis = (typeof BASES)[number];

export const BASIS_LABELS: Record<Basis, string> = {
  target: 'Target',
  statistical_neighbours: 'Statistical neighbours',
  england: 'England',
  regional: 'Regional',
  ifa: 'IFA',
};

export const MEASURES = ['enquiries', 'approved', 'net_change', 'enquiry_to_approved'] as const;
export type Measure = (typeof MEASURES)[number];

export const MEASURE_LABELS: Record<Measure, string> = {
  enquiries: 'Number of initial enquiries',
  approved: 'Number of households approved',
  net_change: 'Net change in approved households',
  enquiry_to_approved: 'Conversion rate – enquiry to approval (contact)',
};

export const MEASURE_KIND: Record<Measure, 'count' | 'rate'> = {
  enquiries: 'count',
  approved: 'count',
  net_change: 'count',
  enquiry_to_approved: 'rate',
};

export const FIGURE_PATHWAYS = PATHWAY_SCOPES;
export type FigurePathway = (typeof FIGURE_PATHWAYS)[number];

export interface PlanningFigure {
  fy: string;
  pathway: FigurePathway;
  basis: Basis;
  measure: Measure;
  value: number;
}

/** Why a value cannot be stored for a measure, or null when it can. */
export function checkValue(measure: Measure, value: number): string | null {
  if (!Number.isFinite(value)) return 'Give a number.';
  if (MEASURE_KIND[measure] === 'rate') {
    if (value < 0 || value > 100) return 'A rate is a percentage from 0 to 100.';
    if (Math.round(value * 10) !== value * 10) return 'Give a rate to at most one decimal place.';
    return null;
  }
  if (!Number.isInteger(value)) return 'Give a whole number.';
  if (measure !== 'net_change' && value < 0) return 'Give a number of 0 or more.';
  if (Math.abs(value) > 1_000_000) return 'That number is too large.';
  return null;
}

/**
 * The text of a figure as typed in Settings or written in a csv, ready for Number(): grouping
 * commas and a per cent sign dropped, and the minus sign the screen shows a negative figure with
 * (MINUS: a net change target of −2 on Home and the reports) read as a minus, so a figure copied
 * from the screen is taken as shown. Only a comma that groups thousands ("1,200") is dropped: a
 * decimal comma ("5,5" for a rate of 5.5 %) was read as 55 (helper-241); it is left for Number()
 * to refuse, as "5 5" is.
 */
const GROUPED = /^[-+]?\d{1,3}(,\d{3})+(\.\d*)?$/;
export function figureNumberText(text: string): string {
  const t = text.replace(/%/g, '').trim().replaceAll(MINUS, '-');
  return GROUPED.test(t) ? t.replace(/,/g, '') : t;
}

/** Lower-case letters and digits only: "Statistical Neighbours" and "statistical_neighbours" match. */
const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** A basis from a key or label as people type it ("England", "Stat neighbours", "IFA average"). */
export function parseBasis(text: string): Basis | null {
  const t = squash(text);
  if (!t) return null;
  for (const b of BASES) if (t === squash(b) || t === squash(BASIS_LABELS[b])) return b;
  if (t.startsWith('stat') && t.includes('neighbour')) return 'statistical_neighbours';
  if (t.startsWith('ifa') || t.includes('independentfostering')) return 'ifa';
  if (t.startsWith('region')) return 'regional';
  if (t.startsWith('england') || t === 'national') return 'england';
  if (t.startsWith('target')) return 'target';
  return null;
}

const MEASURE_WORDS: Record<Measure, string[]> = {
  enquiries: ['enquiries', 'initialenquiries', 'numberofinitialenquiries'],
  approved: ['approved', 'approvals', 'householdsapproved', 'numberofhouseholdsapproved'],
  net_change: ['netchange', 'netchangeinapprovedhouseholds', 'netgain'],
  enquiry_to_approved: ['enquirytoapproved', 'enquirytoapproval', 'conversionrate', 'conversion'],
};

export function parseMeasure(text: string): Measure | null {
  const t = squash(text);
  for (const m of MEASURES) {
    if (t === squash(m) || t === squash(MEASURE_LABELS[m]) || MEASURE_WORDS[m].includes(t)) return m;
  }
  return null;
}

/** A pathway from its key, the name Settings gives it, or the words people use (blank: mainstream). */
export function parsePathway(text: string): FigurePathway | null {
  const t = squash(text);
  if (!t) return 'mainstream';
  const named = PATHWAY_SCOPES.find((p) => t === p || t === squash(PATHWAY_SCOPE_LABELS[p]));
  if (named) return named;
  if (t.startsWith('kinship') || t.startsWith('connected') || t.startsWith('familyandfriends'))
    return 'kinship';
  return null;
}

export const isYear = isFinancialYear;
