import { ApiError } from '../../contract/errors.ts';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../../db/open.ts';
import {
  refreshSummaries,
  summaryColumns,
  summarySettings,
  type SummaryColumns,
  type SummarySettings,
} from '../../db/queries/summary.ts';
import { episodeInserter, newHouseholdEpisode } from '../../db/episodes.ts';
import { withoutSecondaryIndexes, worthDroppingIndexes } from '../../db/bulk-load.ts';
import { alertsComputedAfter } from '../../db/queries/alerts.ts';
import { MILESTONES, type Milestone, type OpenStage, type Pathway } from '../../domain/stages.ts';
import { HOUSEHOLD_COLUMNS, type HouseholdColumn } from '../../domain/household-details.ts';
import type { ImportKind } from '../records/mapping.ts';
import { databaseFingerprint } from './existing.ts';
import type { ImportCounts, PlannedChange } from './planned-change.ts';
import { writeExtras } from './extras.ts';
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
  fingerprint: string;
  user: string;
  today: string;
  /** Save the confirmed mapping under this profile name. */
  saveProfile?: { name: string; headerSignature: string; mapping: Record<string, string | null> } | null;
}

/** Household columns a new household takes from the file (pathway is a column of its own). */
const CREATED_FIELDS = HOUSEHOLD_COLUMNS.filter((c) => c !== 'pathway');

/** Column names an import may write; SQL is built only from this fixed list. */
const FIELD_SQL = Object.fromEntries(HOUSEHOLD_COLUMNS.map((c) => [c, c])) as Record<
  HouseholdColumn,
  HouseholdColumn
>;

/**
 * Writes a planned import in ONE transaction: the batch row, households, milestones,
 * closures, cessations, field provenance, an audit entry for every change (undo reads
 * them), then the summaries of every touched household. All of it lands or none does.
 */
export function commitImport(db: Db, input: CommitInput): number {
  const now = nowIso();
  const run = db.transaction((): number => {
    if (databaseFingerprint(db) !== input.fingerprint) {
      throw new ApiError(
        'conflict',
        'The records changed since this preview was made: preview the file again, then commit.',
      );
    }
    const maxIdBefore = (db.prepare('SELECT MAX(id) FROM households').pluck().get() as number | null) ?? 0;
    const c = input.counts;
    const batchId = Number(
      db
        .prepare(
          `INSERT INTO import_batches (file_name, file_hash, sheet, kind, profile, rows, new_count, updated_count,
             unchanged_count, duplicate_count, rejected_count, user, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          input.fileName,
          input.fileHash,
          input.sheet,
          input.kind,
          input.profile,
          c.rows,
          c.new,
          c.updated,
          c.unchanged,
          c.duplicates,
          c.rejected,
          input.user,
          now,
        ).lastInsertRowid,
    );
    const s = statements(db);
    const audit = (
      action: string,
      householdId: number,
      entity: string,
      entityId: number | null,
      field: string | null,
      oldValue: unknown,
      newValue: unknown,
      reason: string | null,
    ) =>
      s.audit.run(
        now,
        input.user,
        action,
        householdId,
        batchId,
        entity,
        entityId,
        field,
        json(oldValue),
        json(newValue),
        reason,
      );

    const touched: number[] = [];
    const settings = summarySettings(db, input.today);
    const insertEpisode = episodeInserter(db);
    const write = (ch: PlannedChange) => {
      let id = ch.householdId;
      const isNew = id === null || Boolean(ch.created);
      if (id === null || ch.created) {
        const v = ch.created?.values ?? {};
        const dates = ch.created?.milestones ?? {};
        // Everything a new household's summary and episode come from is in the plan: they are
        // computed here and inserted with it, not rebuilt afterwards from the rows just written.
        // (Journey dates it brings feed both: such a household is refreshed from its rows instead.)
        const direct = (!ch.closure || ch.closure.next.episode === ch.episode) && !ch.extras?.journey.length;
        const sum = direct ? newSummary(ch, v, dates, settings) : null;
        id = Number(
          s.insertHousehold.run(
            ch.reference,
            ch.derived ? 1 : 0,
            ch.pathway,
            v.first_name ?? null,
            v.surname ?? null,
            v.email ?? null,
            v.telephone ?? null,
            v.postcode ?? null,
            v.source ?? null,
            v.household_type ?? null,
            v.notes ?? null,
            ch.purgedAt ?? null,
            now,
            now,
            sum?.status ?? 'open',
            sum?.stage ?? 'enquiry',
            sum?.stage_date ?? null,
            sum?.enquiry_date ?? null,
            sum?.search_text ?? '',
            sum?.next_alert ?? null,
            sum?.next_alert_date ?? null,
            sum?.overdue ?? 0,
          ).lastInsertRowid,
        );
        if (direct) {
          insertEpisode({
            household_id: id,
            episode: ch.episode,
            ...newHouseholdEpisode({
              pathway: ch.pathway as Pathway,
              source: v.source ?? null,
              household_type: v.household_type ?? null,
              milestones: dates,
              closure: ch.closure?.next ?? null,
              cessation: ch.cessation?.next ?? null,
            }),
          });
        } else touched.push(id);
        audit(
          'import',
          id,
          'household',
          id,
          null,
          null,
          { reference: ch.reference, ...v, pathway: ch.pathway },
          `import batch ${batchId}; created`,
        );
        // Its milestones in one statement (its provenance is written for every new household at the end).
        const ms: unknown[] = [];
        for (const kind of MILESTONES) if (dates[kind]) ms.push(id, ch.episode, kind, dates[kind], batchId);
        if (ms.length > 0) s.newMilestones(ms.length / 5).run(ms);
      } else {
        for (const f of ch.fields) {
          s.updateField[f.field].run(f.next, id);
          audit('import', id, 'household', id, f.field, f.old, f.next, provenanceNote(batchId, f.prev));
          s.fieldSource.run(id, f.field, batchId);
        }
        s.touch.run(now, id);
        audit('import', id, 'household', id, 'updated_at', ch.oldUpdatedAt, now, `import batch ${batchId}`);
        if (ch.reopen) {
          const note = `import batch ${batchId}; re-opened`;
          s.reopenClosure.run(ch.reopen.on, ch.reopen.closureId);
          audit('import', id, 'closure', ch.reopen.closureId, 'reopened_on', null, ch.reopen.on, note);
          s.newEpisode.run(ch.episode, id);
          audit('import', id, 'household', id, 'episode', ch.reopen.fromEpisode, ch.episode, note);
          audit('import', id, 'household', id, 'responded_date', ch.reopen.respondedDate, null, note);
        }
      }
      for (const m of ch.milestones) {
        if (m.id === null) {
          const mid = Number(s.insertMilestone.run(id, ch.episode, m.kind, m.date, batchId).lastInsertRowid);
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
          s.updateMilestone.run(m.date, batchId, m.id);
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
      if (ch.closure) {
        const n = ch.closure.next;
        if (ch.closure.old) {
          s.updateClosure.run(
            n.date,
            n.stage_reached,
            n.reason_key,
            n.reason_text,
            n.ended_by,
            batchId,
            ch.closure.old.id,
          );
          audit(
            'import',
            id,
            'closure',
            ch.closure.old.id,
            null,
            ch.closure.old,
            n,
            `import batch ${batchId}`,
          );
        } else {
          const cid = Number(
            s.insertClosure.run(
              id,
              n.episode,
              n.date,
              n.stage_reached,
              n.reason_key,
              n.reason_text,
              n.ended_by,
              batchId,
            ).lastInsertRowid,
          );
          if (ch.householdId !== null)
            audit('import', id, 'closure', cid, null, null, n, `import batch ${batchId}`);
        }
      }
      if (ch.cessation) {
        const n = ch.cessation.next;
        if (ch.cessation.old) {
          s.updateCessation.run(
            n.date,
            n.reason_key,
            n.reason_text,
            n.initiated_by,
            batchId,
            ch.cessation.old.id,
          );
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
          const cid = Number(
            s.insertCessation.run(id, n.date, n.reason_key, n.reason_text, n.initiated_by, batchId)
              .lastInsertRowid,
          );
          if (ch.householdId !== null)
            audit('import', id, 'cessation', cid, null, null, n, `import batch ${batchId}`);
        }
      }
      if (ch.extras) {
        const at = { householdId: id, episode: ch.episode, batchId, user: input.user, now };
        writeExtras(db, ch.extras, { ...at, isNew: ch.householdId === null });
      }
      // A new household's summary and episode were written with it (unless it went the long way).
      if (!isNew) touched.push(id);
    };
    const adding = input.changes.reduce((n, ch) => (ch.householdId === null || ch.created ? n + 1 : n), 0);
    const existing = db.prepare('SELECT COUNT(*) FROM households').pluck().get() as number;
    if (worthDroppingIndexes(adding, existing))
      withoutSecondaryIndexes(db, () => input.changes.forEach(write));
    else input.changes.forEach(write);
    // Every new household's provenance in one statement, in key order: each value it was
    // created with came from this batch.
    if (adding > 0) s.newSources.run({ batch: batchId, after: maxIdBefore });
    if (input.saveProfile) {
      db.prepare(
        `INSERT INTO import_profiles (name, kind, header_signature, mapping, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, header_signature = excluded.header_signature,
           mapping = excluded.mapping, updated_at = excluded.updated_at`,
      ).run(
        input.saveProfile.name,
        input.kind,
        input.saveProfile.headerSignature,
        JSON.stringify(input.saveProfile.mapping),
        now,
      );
    }
    refreshSummaries(db, touched, input.today);
    alertsComputedAfter(db, maxIdBefore);
    return batchId;
  });
  // A large import dirties far more pages than SQLite's default 2 MB cache holds; each spilled
  // to the WAL mid-transaction is written again when touched again. 32 MB for the commit only.
  const cache = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = -32768');
  try {
    return run.immediate();
  } finally {
    db.pragma(`cache_size = ${Number(cache)}`);
  }
}

/** A new household's summary columns, from what the plan says it will hold. */
function newSummary(
  ch: PlannedChange,
  v: Partial<Record<HouseholdColumn, string>>,
  dates: Partial<Record<Milestone, string>>,
  settings: SummarySettings,
): SummaryColumns {
  const c = ch.closure?.next;
  return summaryColumns(
    {
      episode: ch.episode,
      reference: ch.reference,
      pathway: ch.pathway as Pathway,
      first_name: v.first_name ?? null,
      surname: v.surname ?? null,
      email: v.email ?? null,
      postcode: v.postcode ?? null,
      responded_date: null,
    },
    {
      episode: ch.episode,
      milestones: MILESTONES.filter((k) => dates[k]).map((kind) => ({
        kind,
        date: dates[kind]!,
        episode: ch.episode,
      })),
      closure: c ? { episode: c.episode, date: c.date, stageReached: c.stage_reached as OpenStage } : null,
      cessation: ch.cessation ? { date: ch.cessation.next.date } : null,
    },
    // A new household has no journey dates (an import does not write them).
    () => ({}),
    settings,
  );
}

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

function statements(db: Db) {
  const updateField = Object.fromEntries(
    Object.entries(FIELD_SQL).map(([k, col]) => [
      k,
      db.prepare<[string, number]>(`UPDATE households SET ${col} = ? WHERE id = ?`),
    ]),
  ) as Record<keyof typeof FIELD_SQL, Statement<[string, number]>>;
  const many = (sql: (n: number) => string) => {
    const cache = new Map<number, Statement<unknown[]>>();
    return (n: number) => {
      let st = cache.get(n);
      if (!st) cache.set(n, (st = db.prepare(sql(n))));
      return st;
    };
  };
  return {
    newSources: db.prepare<{ batch: number; after: number }>(
      `INSERT INTO field_sources (household_id, field, source, batch_id)
       SELECT h.id, f.field, 'import', @batch
       FROM households h JOIN (${CREATED_FIELDS.map((f) => `SELECT '${f}' AS field`).join(' UNION ALL ')}) f
       WHERE h.id > @after AND COALESCE(CASE f.field ${CREATED_FIELDS.map((f) => `WHEN '${f}' THEN h.${f}`).join(' ')} END, '') <> ''
       ORDER BY h.id, f.field`,
    ),
    newMilestones: many(
      (n) =>
        `INSERT INTO milestones (household_id, episode, kind, date, source, batch_id) VALUES ${Array(n).fill("(?, ?, ?, ?, 'import', ?)").join(', ')}`,
    ),
    updateField,
    audit: db.prepare(
      `INSERT INTO audit_log (at, user, action, household_id, batch_id, entity, entity_id, field, old_value, new_value, reason)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertHousehold: db.prepare(
      `INSERT INTO households (reference, reference_derived, pathway, first_name, surname, email, telephone, postcode,
         source, household_type, notes, purged_at, created_at, updated_at,
         status, stage, stage_date, enquiry_date, search_text, next_alert, next_alert_date, overdue)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    touch: db.prepare('UPDATE households SET updated_at = ? WHERE id = ?'),
    reopenClosure: db.prepare('UPDATE closures SET reopened_on = ? WHERE id = ?'),
    newEpisode: db.prepare('UPDATE households SET episode = ?, responded_date = NULL WHERE id = ?'),
    fieldSource: db.prepare(
      `INSERT INTO field_sources (household_id, field, source, batch_id) VALUES (?, ?, 'import', ?)
       ON CONFLICT (household_id, field) DO UPDATE SET source = 'import', batch_id = excluded.batch_id`,
    ),
    insertMilestone: db.prepare(
      `INSERT INTO milestones (household_id, episode, kind, date, source, batch_id) VALUES (?, ?, ?, ?, 'import', ?)`,
    ),
    updateMilestone: db.prepare(
      `UPDATE milestones SET date = ?, source = 'import', batch_id = ? WHERE id = ?`,
    ),
    insertClosure: db.prepare(
      `INSERT INTO closures (household_id, episode, date, stage_reached, reason_key, reason_text, ended_by, source, batch_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'import', ?)`,
    ),
    updateClosure: db.prepare(
      `UPDATE closures SET date = ?, stage_reached = ?, reason_key = ?, reason_text = ?, ended_by = ?, source = 'import', batch_id = ?
       WHERE id = ?`,
    ),
    insertCessation: db.prepare(
      `INSERT INTO cessations (household_id, date, reason_key, reason_text, initiated_by, source, batch_id)
       VALUES (?, ?, ?, ?, ?, 'import', ?)`,
    ),
    updateCessation: db.prepare(
      `UPDATE cessations SET date = ?, reason_key = ?, reason_text = ?, initiated_by = ?, source = 'import', batch_id = ? WHERE id = ?`,
    ),
  };
}
