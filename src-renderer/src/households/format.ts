import type { AlertKind } from '../../../src-main/contract/alerts.ts';
import { ALERT_LABELS } from '../../../src-main/contract/vocab.ts';
import type { STAGE_FILTERS } from '../../../src-main/contract/households.ts';
import {
  MILESTONE_LABELS,
  PATHWAY_LABELS,
  STAGE_LABELS,
  STATUS_LABELS,
  formatUkDate,
  type Milestone,
  type Pathway,
} from '../../../src-main/contract/vocab.ts';

/** Labels the households screens share. */
/** The open stages' labels from the domain, and the two places a household is after them. */
const STAGE_FILTER_LABELS: Record<(typeof STAGE_FILTERS)[number], string> = {
  ...STAGE_LABELS,
  approval: 'Approved',
  ceased: 'Ceased',
};

export const stageLabel = (stage: string): string =>
  (STAGE_FILTER_LABELS as Record<string, string>)[stage] ?? stage;

export { STATUS_LABELS, PATHWAY_LABELS };

export const milestoneLabel = (kind: string): string => MILESTONE_LABELS[kind as Milestone] ?? kind;

export const alertLabel = (kind: string | null): string =>
  kind ? (ALERT_LABELS[kind as AlertKind] ?? kind) : '';

export const pathwayLabel = (p: string): string => PATHWAY_LABELS[p as Pathway] ?? p;

export const uk = formatUkDate;

let coreToday: string | null = null;

/** Takes today from the core's clock (the status call carries it), so the UI and core agree on the day. */
export function setToday(iso: string): void {
  coreToday = iso;
}

/** Today where the user is, ISO: the core's day once known, else the browser's. */
export function todayIso(): string {
  if (coreToday) return coreToday;
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
