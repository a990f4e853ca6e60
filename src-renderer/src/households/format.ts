import type { AlertKind } from '../../../src-main/contract/alerts.ts';
import { ALERT_LABELS } from '../../../src-main/contract/vocab.ts';
import {
  MILESTONE_LABELS,
  PATHWAY_LABELS,
  currentStageLabel,
  STATUS_LABELS,
  formatUkDate,
  type Milestone,
  type Pathway,
} from '../../../src-main/contract/vocab.ts';

/** Labels the households screens share. */
export const stageLabel = currentStageLabel;

export { STATUS_LABELS, PATHWAY_LABELS };

export const milestoneLabel = (kind: string): string => MILESTONE_LABELS[kind as Milestone] ?? kind;

export const alertLabel = (kind: string | null): string =>
  kind ? (ALERT_LABELS[kind as AlertKind] ?? kind) : '';

export const pathwayLabel = (p: string): string => PATHWAY_LABELS[p as Pathway] ?? p;

export const uk = formatUkDate;

/**
 * The reasons an ending's form offers: those in use, and a retired one only where the ending being
 * corrected holds it, marked so (helper-254: it was offered as if still in use).
 */
export const reasonChoices = <R extends { key: string; label: string; retired?: boolean }>(
  reasons: readonly R[],
  held: string | null | undefined,
): R[] =>
  reasons
    .filter((r) => !r.retired || r.key === held)
    .map((r) => (r.retired ? { ...r, label: `${r.label} (retired)` } : r));

/** The browser's calendar day, ISO. */
function browserToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const dayNumber = (iso: string): number =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

/** Days from the browser's calendar to the core's, as the core last said (0 where they agree). */
let daysToCore = 0;
/** The browser's day when the core last said its day, and the later day the core was asked about. */
let browserDayAtSet: string | null = null;
let askedOn: string | null = null;
let askCore: (() => void) | null = null;

/**
 * Who asks the core for its day again (the status provider) when the browser's calendar has moved
 * on since the core last said it: until it answers, the day is the browser's, moved as before.
 */
export function onNewDay(ask: (() => void) | null): void {
  askCore = ask;
}

/**
 * Takes today from the core's clock (the status call carries it), so the UI and core agree on the
 * day. What is kept is how far the core's day is from the browser's, not the day itself: the app
 * is left open overnight, and the next morning's forms must offer the next morning's date.
 */
export function setToday(iso: string): void {
  browserDayAtSet = browserToday();
  daysToCore = dayNumber(iso) - dayNumber(browserDayAtSet);
}

/** Today where the user is, ISO: the core's day (the browser's, moved as the core's was when last asked). */
export function todayIso(): string {
  const browser = browserToday();
  if (browserDayAtSet !== null && browser !== browserDayAtSet && askedOn !== browser && askCore) {
    // Once a day, after a render (never a state change inside one).
    askedOn = browser;
    setTimeout(askCore, 0);
  }
  if (daysToCore === 0) return browser;
  const d = new Date(dayNumber(browser) * 86_400_000 + daysToCore * 86_400_000);
  return d.toISOString().slice(0, 10);
}
