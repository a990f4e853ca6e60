import type { JourneyRows, Provenance } from '../../db/journey-rows.ts';
import type { Pathway } from '../../domain/stages.ts';
import type { PlannedChange } from './planned-change.ts';
import { provenanceNote } from './provenance.ts';

/**
 * The commit's audit entry (commit.ts): the action, the household, the entity changed and its id,
 * the field, the old and new values and the reason; written with the batch, user and time.
 */
export type CommitAudit = (
  action: string,
  householdId: number,
  entity: string,
  entityId: number | null,
  field: string | null,
  oldValue: unknown,
  newValue: unknown,
  reason: string | null,
) => void;

/**
 * Writes one planned change's journey facts for household `id` inside the commit's transaction
 * (commit.ts): its milestones, pathway switch, closure and cessation, each through the one journey
 * writer's rows (db/journey-rows.ts) with the audit entry undo replays. A new household's own
 * milestones and endings are not audited one by one: undo removes the household with them.
 */
export function writeJourneyChanges(
  rows: JourneyRows,
  by: Provenance,
  batchId: number,
  audit: CommitAudit,
  id: number,
  ch: PlannedChange,
): void {
  for (const m of ch.milestones) {
    if (m.id === null) {
      const mid = rows.addMilestone(id, ch.episode, m.kind, m.date, by);
      if (ch.householdId !== null)
        audit(
          'import',
          id,
          'milestone',
          mid,
          m.kind,
          null,
          { date: m.date, source: 'import', batch_id: batchId },
          `import batch ${batchId}`,
        );
    } else {
      rows.setMilestoneById(m.id, m.date, by);
      audit(
        'import',
        id,
        'milestone',
        m.id,
        m.kind,
        m.old,
        { date: m.date, source: 'import', batch_id: batchId },
        `import batch ${batchId}`,
      );
    }
  }
  if (ch.pathwaySwitch) {
    const sw = ch.pathwaySwitch;
    const from = sw.from as Pathway;
    const changeId = rows.switchPathway(id, sw.date, from, sw.to as Pathway);
    audit('import', id, 'pathway', changeId, 'pathway', from, sw.to, provenanceNote(batchId, sw.prev));
    rows.markSource(id, 'pathway', by);
  }
  if (ch.closure) {
    const n = ch.closure.next;
    const old = ch.closure.old;
    if (old) {
      rows.setClosure(old.id, n, ch.closure.stageOnly ? { source: old.source, batchId: old.batch_id } : by);
      audit('import', id, 'closure', old.id, null, old, n, `import batch ${batchId}`);
    } else {
      const cid = rows.addClosure(id, n.episode, n, by);
      if (ch.householdId !== null)
        audit('import', id, 'closure', cid, null, null, n, `import batch ${batchId}`);
    }
  }
  if (ch.cessation) {
    const n = ch.cessation.next;
    if (ch.cessation.old) {
      rows.setCessation(ch.cessation.old.id, n, by);
      audit(
        'import',
        id,
        'cessation',
        ch.cessation.old.id,
        null,
        ch.cessation.old,
        n,
        `import batch ${batchId}`,
      );
    } else {
      const cid = rows.addCessation(id, n, by);
      if (ch.householdId !== null)
        audit('import', id, 'cessation', cid, null, null, n, `import batch ${batchId}`);
    }
  }
}
