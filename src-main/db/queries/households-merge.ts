import { ApiError } from '../../domain/errors.ts';
import {
  checkJourneyDate,
  JOURNEY_DATE_KINDS,
  JOURNEY_DATE_LABELS,
  type JourneyDateKind,
  type JourneyDates,
} from '../../domain/journey-dates.ts';
import { episodeJourneyDates } from '../journey-dates.ts';
import { episodePathwayReader } from '../episodes.ts';
import { formatUkDate } from '../../domain/dates.ts';
import type { Milestone } from '../../domain/stages.ts';
import { currentDates, EDITABLE, getRow } from './households.ts';
import { audit, loadJourney, rule, type Actor } from '../journey-writer.ts';
import { decideMerge } from '../../domain/journey-merge.ts';
import { journeyRows } from '../journey-rows.ts';
import { refreshSummaries } from './summary.ts';
import { nowIso } from '../../clock.ts';
import { copyFieldSource } from '../field-sources.ts';
import { moveCarers } from './carers.ts';
import { keepCreationValues } from '../creation-entry.ts';

/**
 * Merges a duplicate household into the one kept: a near match an import listed, or two
 * records of one family typed twice. Nothing is guessed: the duplicate's milestones join the
 * kept household's current episode only where they do not contradict it (the earlier of two
 * enquiry dates is kept, as the first contact), its journey dates (panel minutes, the kinship
 * steps) likewise, blank details are filled from it, its endings, exit interviews, carers,
 * approval terms and audit trail move across, and then it is deleted. Any contradiction refuses the whole merge with a
 * message naming it (the engine's rules: domain/journey-merge.ts; a duplicate that changed pathway
 * is one, so it has no pathway history to move).
 */
export function mergeHouseholds(a: Actor, keepId: number, mergeId: number, reason: string): void {
  if (keepId === mergeId)
    throw new ApiError('invalid_input', 'Choose two different households.', 'mergeReference');
  a.db
    .transaction(() => {
      const keep = getRow(a.db, keepId);
      const dup = getRow(a.db, mergeId);
      // Erasure is final: a purged household's personal details are never filled again, and it
      // takes nothing by merge: the duplicate's history (values typed then cleared, reasons, notes)
      // would sit in a household no purge lists again. The other way round keeps it reachable.
      if (keep.purged_at) {
        throw rule(
          `${keep.reference}'s personal details were erased (purged): it cannot take ${dup.reference}'s details or history. Merge ${keep.reference} into ${dup.reference} instead.`,
          'mergeReference',
        );
      }
      const decision = decideMerge(loadJourney(a.db, keep), loadJourney(a.db, dup), a.today);
      const v = decision.violations[0];
      if (v) throw new ApiError(v.code, v.message, v.field);
      const journeyKinds = journeyDatesToMove(a, keep, dup, decision.dates);
      const rows = journeyRows(a.db);
      if (decision.earlierEnquiry) {
        // The first contact is the earlier enquiry: the duplicate's moves across with its provenance.
        rows.removeMilestone(keepId, keep.episode, 'enquiry');
        audit(a, keepId, {
          action: 'merge',
          entity: 'milestone',
          field: 'enquiry',
          oldValue: decision.earlierEnquiry.old,
          newValue: decision.earlierEnquiry.date,
          reason,
        });
      }
      // Milestones the kept household lacks move into its current episode (the rest are the same
      // dates), with its endings.
      rows.moveJourney(mergeId, keepId, keep.episode, decision.stageReached);
      // Journey dates the kept household lacks move into its current episode, with their provenance.
      for (const kind of journeyKinds) {
        rows.moveStep(mergeId, keepId, keep.episode, kind);
        copyFieldSource(a.db, keepId, mergeId, `journey.${kind}`);
      }
      // Its carers (or applicants), approval terms and changes of places, unless they clash.
      moveCarers(a.db, dup, keep);
      // What an import created it with is read from it: written into its creation entry before it goes.
      keepCreationValues(a.db, mergeId);
      for (const table of ['exit_interviews', 'audit_log'] as const) {
        a.db.prepare(`UPDATE ${table} SET household_id = ? WHERE household_id = ?`).run(keepId, mergeId);
      }
      // Blank details are filled from the duplicate, with the provenance the duplicate had.
      for (const column of Object.values(EDITABLE)) {
        const value = dup[column as keyof typeof dup];
        if (value === null || value === '' || keep[column as keyof typeof keep]) continue;
        a.db.prepare(`UPDATE households SET ${column} = ? WHERE id = ?`).run(value, keepId);
        copyFieldSource(a.db, keepId, mergeId, column);
        audit(a, keepId, {
          action: 'merge',
          entity: 'household',
          entityId: keepId,
          field: column,
          oldValue: null,
          newValue: value,
          reason,
        });
      }
      a.db.prepare('DELETE FROM households WHERE id = ?').run(mergeId);
      audit(a, keepId, {
        action: 'merge',
        entity: 'household',
        entityId: keepId,
        field: 'merged',
        oldValue: { reference: dup.reference, id: mergeId },
        newValue: { reference: keep.reference },
        reason,
      });
      a.db.prepare('UPDATE households SET updated_at = ? WHERE id = ?').run(nowIso(), keepId);
      refreshSummaries(a.db, [keepId], a.today);
      // IMMEDIATE: it reads both journeys before writing; another program's write in between must wait.
    })
    .immediate();
}

type HouseholdRow = ReturnType<typeof getRow>;

/**
 * The duplicate's journey dates (its one episode) that move into the kept household's current
 * episode: those the kept one lacks. The same step recorded on both with another date (or
 * another viability result) refuses the merge, naming both, as a milestone does; so does a
 * merged journey that breaks the journey's rules (a kinship step on a mainstream household, an
 * outcome before its request, a step before the merged enquiry).
 */
function journeyDatesToMove(
  a: Actor,
  keep: HouseholdRow,
  dup: HouseholdRow,
  milestones: Partial<Record<Milestone, string>>,
): JourneyDateKind[] {
  const kept = episodeJourneyDates(a.db, keep.id, keep.episode);
  const incoming = episodeJourneyDates(a.db, dup.id, 1);
  const move: JourneyDateKind[] = [];
  for (const kind of JOURNEY_DATE_KINDS) {
    const theirs = incoming[kind];
    if (!theirs) continue;
    const mine = kept[kind];
    if (!mine) {
      move.push(kind);
      continue;
    }
    const describe = (j: typeof mine) => `${formatUkDate(j.date)}${j.detail ? ` (${j.detail})` : ''}`;
    if (mine.date !== theirs.date || (mine.detail ?? null) !== (theirs.detail ?? null)) {
      throw rule(
        `${JOURNEY_DATE_LABELS[kind]} is ${describe(mine)} on ${keep.reference} but ${describe(theirs)} on ${dup.reference}: correct one of them first.`,
        'mergeReference',
      );
    }
  }
  if (move.length === 0) return move;
  const journey: JourneyDates = { ...incoming, ...kept };
  // The kept episode's pathway record, as a hand edit reads it: a kinship step dated while it was on
  // kinship stays a kinship step after a switch to mainstream (its own, and one moving across).
  const episode = episodePathwayReader(a.db)(keep.id, keep.episode);
  let ownDates: Partial<Record<Milestone, string>> | undefined;
  const own = () => (ownDates ??= currentDates(a.db, keep.id, keep.episode));
  for (const kind of JOURNEY_DATE_KINDS) {
    const step = journey[kind];
    if (!step) continue;
    // Every step of the merged journey, since a moved step can break a kept one's order (an outcome before its request).
    const ctx = { pathway: keep.pathway, episode, milestones, journey, today: a.today };
    const bad = checkJourneyDate(kind, step, ctx);
    // A kept step's fault the kept household held before the merge (as an earlier version stored
    // it) is not the merge's to refuse; one the merge brings about is.
    const held =
      bad &&
      !move.includes(kind) &&
      checkJourneyDate(kind, step, { ...ctx, milestones: own(), journey: kept }) === bad;
    if (bad && !held) throw rule(`Merged, the journey would break its rules: ${bad}`, 'mergeReference');
  }
  return move;
}
