import { formatUkDate } from './dates.ts';
import {
  JOURNEY_DATE_LABELS,
  journeyDateWords,
  type JourneyDate,
  type JourneyDateKind,
} from './journey-dates.ts';
import { checkJourneyDate, JOURNEY_DATE_DEPENDANTS, journeyDateFaultPart } from './journey-date-order.ts';
import { episodeEnding, episodePathwayOf, statusOf } from './journey-state.ts';
import type { WorkingCopy } from './journey-working-copy.ts';

/**
 * How the journey engine (journey-decider.ts) records and removes the current episode's dated
 * steps (kinship viability, panel dates, extensions: domain/journey-dates.ts).
 */

/** The step form's boxes, by the part of a step a fault is about (journeyDateFaultPart). */
const STEP_FIELDS = {
  result: 'result',
  reason: 'extensionReason',
  weeks: 'extensionWeeks',
  date: 'date',
} as const;

/**
 * Records a dated step of the current episode, or corrects it (with a reason): only while the
 * household's journey goes on (HAND_ACTION_STATUSES.journeyDate), and as checkJourneyDate allows
 * it against the episode's pathway, milestones and other steps. A result is kept only for the
 * viability outcome, a reason and a length only for the extension.
 */
export function recordStep(
  d: WorkingCopy,
  kind: JourneyDateKind,
  value: JourneyDate,
  reason: string | null,
): void {
  const s = d.state;
  if (!d.requireStatus('journeyDate', `record ${journeyDateWords(kind)}`, 'step')) return;
  const journey = s.journeyDates ?? {};
  const old = journey[kind] ?? null;
  const step = {
    date: value.date,
    detail: kind === 'viability_outcome' ? (value.detail ?? null) : null,
    reason: kind === 'extension' ? (value.reason ?? null) : null,
    // Only an extension has a length (and only its audit entries say one). Not given (undefined)
    // is the length held, so a correction of the date or reason alone keeps it; null clears it.
    ...(kind === 'extension'
      ? { weeks: value.weeks === undefined ? (old?.weeks ?? null) : value.weeks }
      : {}),
  };
  const same =
    old &&
    old.date === step.date &&
    old.detail === step.detail &&
    old.reason === step.reason &&
    (old.weeks ?? null) === (step.weeks ?? null);
  if (same) return;
  if (old && !reason)
    return d.fail(
      'step',
      'kind',
      `${JOURNEY_DATE_LABELS[kind]} is already recorded (${formatUkDate(old.date)}); give a reason to correct it.`,
      'conflict',
    );
  const next = { ...journey, [kind]: step };
  const bad = checkJourneyDate(kind, step, {
    pathway: s.pathway,
    episode: episodePathwayOf(s),
    milestones: s.dates,
    journey: next,
    today: d.today,
    ending: episodeEnding(s),
  });
  if (bad) d.fail('step', STEP_FIELDS[journeyDateFaultPart(bad)], bad);
  d.writes.push({ to: 'step', op: 'set', episode: s.episode, kind, step, old, reason });
  s.journeyDates = next;
}

/**
 * Removes a dated step recorded by mistake: where it could be recorded (a closed household keeps
 * the stage it had reached, which its kinship application counts in), and after the steps that
 * follow from it (the placement an extension extends).
 */
export function removeStep(d: WorkingCopy, kind: JourneyDateKind, reason: string): void {
  const s = d.state;
  const words = journeyDateWords(kind);
  if (statusOf(s) === 'closed')
    return d.fail(
      'step',
      'kind',
      `${s.reference} is closed with the stage it had reached: re-open it before removing the ${words}.`,
    );
  if (!d.requireStatus('journeyDate', `remove the ${words}`, 'step')) return;
  const old = s.journeyDates?.[kind];
  if (!old)
    return d.fail(
      'step',
      'kind',
      `${JOURNEY_DATE_LABELS[kind]} is not recorded for ${s.reference}.`,
      'not_found',
    );
  const blocking = (JOURNEY_DATE_DEPENDANTS[kind] ?? []).find((k) => s.journeyDates?.[k]);
  if (blocking) return d.fail('step', 'kind', `Remove the ${journeyDateWords(blocking)} first.`);
  d.writes.push({ to: 'step', op: 'delete', episode: s.episode, kind, old, reason });
  const rest = { ...s.journeyDates };
  delete rest[kind];
  s.journeyDates = rest;
}
