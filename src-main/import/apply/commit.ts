import { ApiError } from '../../contract/errors.ts';
import { nothingToImport } from '../../contract/import-issues.ts';
import type { Db } from '../../db/open.ts';
import { refreshSummaries, summarySettings } from '../../db/queries/summary.ts';
import { episodeBuffer, episodeInserter } from '../../db/episodes-new-household.ts';
import {
  checkForeignKeys,
  withoutForeignKeys,
  withoutSecondaryIndexes,
  worthDroppingIndexes,
} from '../../db/bulk-load.ts';
import { alertsComputedAfter } from '../../db/queries/alerts.ts';
import { MILESTONES } from '../../domain/stages.ts';
import { fromBatch, journeyRows } from '../../db/journey-rows.ts';
import { importCommitRows } from '../../db/queries/import-commit.ts';
import { withoutMarkInsertTriggers, writeRowMarks } from '../../db/queries/import-marks.ts';
import type { ImportKind } from '../records/mapping.ts';
import type { DatabaseWatch } from '../../db/import-connection.ts';
import type { ImportCounts, PlannedChange, RowMarks } from './planned-change.ts';
import { writeExtras } from './extras-write.ts';
import { writeJourneyChanges, type CommitAudit } from './commit-journey.ts';
import { episodeRow, householdRow, newSummary } from './commit-new-household.ts';
import { provenanceNote } from './provenance.ts';
import { nowIso } from '../../clock.ts';

export interface CommitInput {
  fileName: string;
  fileHash: string;
  sheet: string | null;
  kind: ImportKind;
  profile: string | null;
  counts: ImportCounts;
  changes: readonly PlannedChange[];
  /** Households unchanged rows matched, with the rows' hashes (apply/plan.ts). */
  marks?: RowMarks;
  /** Made before the plan read anything: the commit is refused if anything was written since. */
  watch: DatabaseWatch;
  user: string;
  today: string;
  /** Save the confirmed mapping under this profile name. */
  saveProfile?: { name: string; headerSignature: string; mapping: Record<string, string | null> } | null;
}

/**
 * Writes a planned import in ONE transaction: the batch row, households, milestones,
 * closures, cessations, field provenance, an audit entry for every change (undo reads
 * them), then the summaries of every touched household. All of it lands or none does.
 */
export function commitImport(db: Db, input: CommitInput): number {
  const now = nowIso();
  const adding = input.changes.reduce((n, ch) => (ch.householdId === null || ch.created ? n + 1 : n), 0);
  // A large first load runs with foreign keys off and proves them before it commits (db/bulk-load.ts).
  // Read before the transaction, where the setting can change; a write since is refused inside it.
  const firstLoad = worthDroppingIndexes(adding, 0) && importCommitRows(db).householdCount() === 0;
  const run = db.transaction((): number => {
    if (input.watch.changed()) {
      throw new ApiError(
        'conflict',
        'The database changed since this preview was made (a record, a setting, another import or program): preview the file again, then commit.',
      );
    }
    const nothing = nothingToImport(input.fileName, input.counts); // a batch would record nothing
    if (nothing) throw new ApiError('refused', nothing);
    const s = importCommitRows(db);
    const rows = journeyRows(db);
    const maxIdBefore = s.lastHouseholdId();
    const c = input.counts;
    const batchId = s.addBatch({
      file_name: input.fileName,
      file_hash: input.fileHash,
      sheet: input.sheet,
      kind: input.kind,
      profile: input.profile,
      rows: c.rows,
      new_count: c.new,
      updated_count: c.updated,
      unchanged_count: c.unchanged,
      duplicate_count: c.duplicates,
      rejected_count: c.rejected,
      user: input.user,
      created_at: now,
    });
    const by = fromBatch(batchId);
    const audit: CommitAudit = (action, householdId, entity, entityId, field, oldValue, newValue, reason) =>
      s.audit({
        at: now,
        user: input.user,
        action,
        household_id: householdId,
        batch_id: batchId,
        entity,
        entity_id: entityId,
        field,
        old_value: json(oldValue),
        new_value: json(newValue),
        reason,
      });

    const touched: number[] = [];
    // Households this import leaves as their rows say, with the rows' hashes: marked last.
    // Two flat lists, not a pair a household: a first import marks every household it makes.
    const marked: RowMarks = { ids: [...(input.marks?.ids ?? [])], hashes: [...(input.marks?.hashes ?? [])] };
    const mark = (id: number, hash: string) => {
      marked.ids.push(id);
      marked.hashes.push(hash);
    };
    const settings = summarySettings(db, input.today);
    const insertEpisode = episodeInserter(db);
    // New households are numbered here and written several to a statement with their episode,
    // milestones and creation entry (db/bulk-insert.ts); `flush` writes what waits, households
    // first, before anything that may refer to them or read them.
    let nextId = s.nextHouseholdId();
    const households = s.householdBuffer(now, batchId);
    const episodes = episodeBuffer(db);
    const newMilestones = rows.milestoneBuffer(by);
    // What every creation entry says alike, written once: bound once a statement by the buffer.
    // It holds no values: they are the household's, read back with its later changes (db/creation-entry.ts).
    const creationEntry = {
      at: now,
      user: input.user,
      action: 'import',
      batch_id: batchId,
      entity: 'household',
      field: null,
      old_value: null,
      new_value: null,
      reason: `import batch ${batchId}; created`,
    };
    const audits = s.auditBuffer(creationEntry);
    // One entry object, its household set for each: the buffer copies its values as it is added.
    const created = { ...creationEntry, household_id: 0, entity_id: 0 };
    let endings: Array<() => void> = [];
    const flush = () => {
      if (households.size === 0) return;
      households.flush();
      episodes.flush();
      newMilestones.flush();
      audits.flush();
      for (const write of endings) write();
      endings = [];
    };
    /** A new household with nothing beyond its details, dates and ending: buffered. */
    const addNew = (ch: PlannedChange) => {
      const v = ch.created?.values ?? {};
      const dates = ch.created?.milestones ?? {};
      const sum = newSummary(ch, dates, settings);
      const id = nextId++;
      if (ch.rowHash) mark(id, ch.rowHash);
      households.add(householdRow(ch, v, sum, now, batchId, id));
      episodes.add(episodeRow(id, ch, v, dates));
      for (const kind of MILESTONES) {
        const date = dates[kind];
        if (date) newMilestones.add([id, ch.episode, kind, date]);
      }
      created.household_id = id;
      created.entity_id = id;
      audits.add(created);
      const closure = ch.closure?.next;
      if (closure) endings.push(() => rows.addClosure(id, closure.episode, closure, by));
      const cessation = ch.cessation?.next;
      if (cessation) endings.push(() => rows.addCessation(id, cessation, by));
      if (households.size >= FLUSH_HOUSEHOLDS) flush();
    };
    const write = (ch: PlannedChange) => {
      let id = ch.householdId;
      const isNew = id === null || Boolean(ch.created);
      // Everything a new household's summary and episode come from is in the plan: they are
      // computed here and inserted with it, not rebuilt afterwards from the rows just written.
      // (Journey dates it brings feed both: such a household is refreshed from its rows instead.)
      const direct =
        isNew && (!ch.closure || ch.closure.next.episode === ch.episode) && !ch.extras?.journey.length;
      if (
        direct &&
        id === null &&
        !ch.extras &&
        !ch.closure?.old &&
        !ch.cessation?.old &&
        !ch.milestones.length &&
        !ch.pathwaySwitch
      )
        return addNew(ch);
      flush();
      if (id === null || ch.created) {
        const v = ch.created?.values ?? {};
        const dates = ch.created?.milestones ?? {};
        const sum = direct ? newSummary(ch, dates, settings) : null;
        id = s.addHousehold(householdRow(ch, v, sum, now, batchId));
        nextId = Math.max(nextId, id + 1);
        if (direct) {
          insertEpisode(episodeRow(id, ch, v, dates));
        } else touched.push(id);
        audit('import', id, 'household', id, null, null, null, `import batch ${batchId}; created`);
        // Its milestones in one statement (its provenance is written for every new household at the end).
        const newId = id;
        rows.addMilestones(
          MILESTONES.filter((kind) => dates[kind]).map(
            (kind) => [newId, ch.episode, kind, dates[kind]!] as const,
          ),
          by,
        );
      } else {
        for (const f of ch.fields) {
          s.setField(id, f.field, f.next);
          audit('import', id, 'household', id, f.field, f.old, f.next, provenanceNote(batchId, f.prev));
          rows.markSource(id, f.field, by);
        }
        s.touch(id, now);
        audit('import', id, 'household', id, 'updated_at', ch.oldUpdatedAt, now, `import batch ${batchId}`);
        if (ch.reopen) {
          const note = `import batch ${batchId}; re-opened`;
          rows.setReopened(ch.reopen.closureId, ch.reopen.on);
          audit('import', id, 'closure', ch.reopen.closureId, 'reopened_on', null, ch.reopen.on, note);
          rows.startEpisode(id, ch.episode);
          audit('import', id, 'household', id, 'episode', ch.reopen.fromEpisode, ch.episode, note);
          audit('import', id, 'household', id, 'responded_date', ch.reopen.respondedDate, null, note);
        }
        if (ch.responded) {
          const r = ch.responded;
          rows.setResponded(id, r.next);
          audit(
            'import',
            id,
            'household',
            id,
            'responded_date',
            r.old,
            r.next,
            provenanceNote(batchId, r.prev),
          );
          rows.markSource(id, 'responded_date', by);
        }
        if (ch.reopenedOn) {
          const r = ch.reopenedOn;
          rows.setReopened(r.closureId, r.on);
          audit('import', id, 'closure', r.closureId, 'reopened_on', r.old, r.on, `import batch ${batchId}`);
        }
      }
      writeJourneyChanges(rows, by, batchId, audit, id, ch);
      if (ch.extras) {
        const at = { householdId: id, episode: ch.episode, batchId, user: input.user, now };
        writeExtras(db, ch.extras, { ...at, isNew: ch.householdId === null, refreshed: !direct });
      }
      // A new household's summary and episode were written with it (unless it went the long way).
      if (!isNew) touched.push(id);
      if (ch.rowHash) mark(id, ch.rowHash);
    };
    const existing = s.householdCount();
    const writeAll = () => {
      input.changes.forEach(write);
      flush();
    };
    // A large load into a smaller database skips per-row index and trigger work (db/bulk-load.ts);
    // the households it wrote that existed before (`touched`) lose their marks after it instead.
    if (worthDroppingIndexes(adding, existing))
      withoutSecondaryIndexes(db, adding, () => withoutMarkInsertTriggers(db, writeAll, () => touched));
    else writeAll();
    if (input.saveProfile) {
      const p = input.saveProfile;
      s.saveProfile(p.name, input.kind, p.headerSignature, JSON.stringify(p.mapping), now);
    }
    refreshSummaries(db, touched, input.today);
    alertsComputedAfter(db, maxIdBefore);
    // Last: every write above that touches a household deletes its mark (migration 12's triggers).
    writeRowMarks(db, marked, input.today);
    if (firstLoad) checkForeignKeys(db);
    return batchId;
  });
  return firstLoad ? withoutForeignKeys(db, () => run.immediate()) : run.immediate();
}

/** New households written a few hundred at a time: enough to fill the statements, little memory. */
const FLUSH_HOUSEHOLDS = 256;

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));
