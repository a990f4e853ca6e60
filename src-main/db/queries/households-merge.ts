import { ApiError } from '../../domain/errors.ts';
import { episodePathwayReader } from '../episodes.ts';
import { EDITABLE, getRow } from './households.ts';
import { audit, loadJourney, rule, stepField, type Actor } from '../journey-writer.ts';
import { decideMerge } from '../../domain/journey-merge.ts';
import { mergeNotKept } from '../../domain/merge-not-kept.ts';
import { mergeIntoAllowed } from '../../domain/hand-actions.ts';
import { BY_HAND, journeyRows } from '../journey-rows.ts';
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
 * is one, so it has no pathway history to move). `dryRun`: refused or not, nothing written.
 * Returns the duplicate's reference as stored (the one typed may differ in case).
 */
export function mergeHouseholds(
  a: Actor,
  keepId: number,
  mergeId: number,
  reason: string,
  dryRun = false,
): string {
  if (keepId === mergeId)
    throw new ApiError('invalid_input', 'Choose two different households.', 'mergeReference');
  return a.db
    .transaction(() => {
      const keep = getRow(a.db, keepId);
      const dup = getRow(a.db, mergeId);
      // Erasure is final: a purged household's personal details are never filled again, and it
      // takes nothing by merge: the duplicate's history (values typed then cleared, reasons, notes)
      // would sit in a household no purge lists again. The other way round keeps it reachable.
      if (!mergeIntoAllowed(keep.purged_at !== null)) {
        throw rule(
          `${keep.reference}'s personal details were erased (purged): it cannot take ${dup.reference}'s details or history. Merge ${keep.reference} into ${dup.reference} instead.`,
          'mergeReference',
        );
      }
      // Both journeys (each episode's dated steps with them) and the kept episode's pathway record,
      // for the engine to decide; only its answer is written here.
      const [keptJourney, dupJourney] = [loadJourney(a.db, keep), loadJourney(a.db, dup)];
      const decision = decideMerge(
        keptJourney,
        dupJourney,
        a.today,
        episodePathwayReader(a.db)(keep.id, keep.episode),
      );
      const v = decision.violations[0];
      if (v) throw new ApiError(v.code, v.message, v.field);
      if (dryRun) return dup.reference;
      const notKept = mergeNotKept(
        { details: keep, journey: keptJourney },
        { details: dup, journey: dupJourney },
        decision,
      );
      const rows = journeyRows(a.db);
      if (decision.earlierEnquiry) {
        // The first contact is the earlier enquiry: the duplicate's moves across, as set by hand (the
        // merge chose it), so the kept household's own row in a later export does not put its later
        // enquiry back, moving the enquiry into another year (a hand date is kept, with a warning).
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
      if (decision.earlierEnquiry) {
        rows.setMilestone(keepId, keep.episode, 'enquiry', decision.earlierEnquiry.date, BY_HAND);
        rows.markSource(keepId, 'enquiry', BY_HAND);
      }
      if (decision.respondedFromDuplicate) {
        rows.setResponded(keepId, decision.respondedFromDuplicate);
        copyFieldSource(a.db, keepId, mergeId, 'responded_date');
        audit(a, keepId, {
          action: 'merge',
          entity: 'household',
          entityId: keepId,
          field: 'responded_date',
          oldValue: keep.responded_date,
          newValue: decision.respondedFromDuplicate,
          reason,
        });
      }
      // Journey dates the kept household lacks move into its current episode, with their provenance.
      for (const kind of decision.stepsToMove) {
        rows.moveStep(mergeId, keepId, keep.episode, kind);
        copyFieldSource(a.db, keepId, mergeId, stepField(kind));
      }
      // Its carers (or applicants), approval terms and changes of places, unless they clash.
      moveCarers(a.db, dup, keep);
      // What an import created each with is read from its own history: written into both creation
      // entries before the duplicate's history joins the kept one's (whose later changes, pathway
      // entries included, would otherwise be read as the kept household's).
      keepCreationValues(a.db, mergeId);
      keepCreationValues(a.db, keepId);
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
      // What of the duplicate is lost, said beside the merge: the kept household's timeline showed
      // no trace of another email. Its values are the entry's old and new values, so an erasure
      // blanks them and a subject access request lists them with the kept household's history.
      if (notKept) {
        audit(a, keepId, {
          action: 'merge',
          entity: 'household',
          entityId: keepId,
          field: 'not_kept',
          oldValue: { reference: dup.reference, ...notKept.theirs },
          newValue: notKept.kept,
          reason,
        });
      }
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
      return dup.reference;
      // IMMEDIATE: it reads both journeys before writing; another program's write in between must wait.
    })
    .immediate();
}
