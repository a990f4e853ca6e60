import { ApiError } from '../../domain/errors.ts';
import { formatUkDate } from '../../domain/dates.ts';
import {
  checkJourneyDate,
  JOURNEY_DATE_DEPENDANTS,
  JOURNEY_DATE_LABELS,
  JOURNEY_DATE_STATUSES,
  journeyDateFaultPart,
  journeyDateWords,
  type JourneyDate,
  type JourneyDateKind,
} from '../../domain/journey-dates.ts';
import { episodeJourneyDates } from '../journey-dates.ts';
import { episodePathwayReader } from '../episodes.ts';
import { currentDates, getRow } from './households.ts';
import { requireStatus } from './households-journey.ts';
import { audit, markHand, rule, touch, type Actor } from '../journey-writer.ts';
import { BY_HAND, journeyRows } from '../journey-rows.ts';

/**
 * Hand edits of the journey's dated steps (panel minutes, the kinship journey), in the current
 * episode. Each checks domain/journey-dates.checkJourneyDate, writes the row, its audit entry and
 * 'hand' provenance, and refreshes the household's summary and episode row, in one transaction.
 */
const fieldOf = (kind: JourneyDateKind) => `journey.${kind}`;

export function recordJourneyDate(
  a: Actor,
  id: number,
  kind: JourneyDateKind,
  value: JourneyDate,
  correctionReason: string | null,
): void {
  a.db.transaction(() => {
    const h = getRow(a.db, id);
    requireStatus(h, JOURNEY_DATE_STATUSES, `record ${journeyDateWords(kind)}`);
    const journey = episodeJourneyDates(a.db, id, h.episode);
    const old = journey[kind];
    const next: JourneyDate = {
      date: value.date,
      detail: kind === 'viability_outcome' ? (value.detail ?? null) : null,
      reason: kind === 'extension' ? (value.reason ?? null) : null,
    };
    if (old && old.date === next.date && old.detail === next.detail && old.reason === next.reason) return;
    if (old && !correctionReason) {
      throw new ApiError(
        'conflict',
        `${JOURNEY_DATE_LABELS[kind]} is already recorded (${formatUkDate(old.date)}); give a reason to correct it.`,
        'kind',
      );
    }
    const bad = checkJourneyDate(kind, next, {
      pathway: h.pathway,
      episode: episodePathwayReader(a.db)(id, h.episode),
      milestones: currentDates(a.db, id, h.episode),
      journey: { ...journey, [kind]: next },
      today: a.today,
    });
    // Named as the form names its boxes: the outcome's result, the extension's reason, else the date.
    if (bad)
      throw rule(
        bad,
        { result: 'result', reason: 'extensionReason', date: 'date' }[journeyDateFaultPart(bad)],
      );
    const step = { date: next.date, detail: next.detail ?? null, reason: next.reason ?? null };
    journeyRows(a.db).setStep(id, h.episode, kind, step, BY_HAND);
    audit(a, id, {
      action: old ? 'update' : 'create',
      entity: 'journey_date',
      field: kind,
      oldValue: old ?? null,
      newValue: next,
      reason: correctionReason,
    });
    markHand(a.db, id, fieldOf(kind));
    touch(a, id);
  })();
}

export function removeJourneyDate(a: Actor, id: number, kind: JourneyDateKind, reason: string): void {
  a.db.transaction(() => {
    const h = getRow(a.db, id);
    // As for a milestone (and as a step cannot be recorded on a closed household): a closed
    // household keeps the stage it had reached, which its kinship application counts in.
    if (h.status === 'closed') {
      throw rule(
        `${h.reference} is closed with the stage it had reached: re-open it before removing the ${journeyDateWords(kind)}.`,
        'kind',
      );
    }
    const journey = episodeJourneyDates(a.db, id, h.episode);
    const old = journey[kind];
    if (!old) {
      throw new ApiError(
        'not_found',
        `${JOURNEY_DATE_LABELS[kind]} is not recorded for ${h.reference}.`,
        'kind',
      );
    }
    // A step others depend on (the placement an extension extends) goes last.
    const blocking = (JOURNEY_DATE_DEPENDANTS[kind] ?? []).find((d) => journey[d]);
    if (blocking) {
      throw rule(`Remove the ${journeyDateWords(blocking)} first.`, 'kind');
    }
    journeyRows(a.db).removeStep(id, h.episode, kind);
    audit(a, id, { action: 'delete', entity: 'journey_date', field: kind, oldValue: old, reason });
    markHand(a.db, id, fieldOf(kind));
    touch(a, id);
  })();
}
