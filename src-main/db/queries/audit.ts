import type { Db } from '../open.ts';
import { nowIso } from '../../clock.ts';

/** One change to one field (or one whole entity), by hand, import or undo. */
export interface AuditEntry {
  user: string;
  /** e.g. 'create', 'update', 'delete', 'import', 'undo', 'purge' */
  action: string;
  entity:
    | 'household'
    | 'milestone'
    | 'closure'
    | 'cessation'
    | 'exit_interview'
    | 'reason'
    | 'pathway'
    | 'batch'
    | 'settings'
    | 'journey_date'
    | 'carer'
    | 'approval_terms'
    | 'place_change';
  householdId?: number | null;
  batchId?: number | null;
  entityId?: number | null;
  field?: string | null;
  /** Any JSON-serialisable value; undefined and null are stored as NULL. */
  oldValue?: unknown;
  newValue?: unknown;
  reason?: string | null;
}

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

/** Appends to the audit log; call inside the transaction that made the change. */
export function writeAudit(db: Db, e: AuditEntry, at: string = nowIso()): void {
  db.prepare(
    `INSERT INTO audit_log (at, user, action, household_id, batch_id, entity, entity_id, field, old_value, new_value, reason)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    at,
    e.user,
    e.action,
    e.householdId ?? null,
    e.batchId ?? null,
    e.entity,
    e.entityId ?? null,
    e.field ?? null,
    json(e.oldValue),
    json(e.newValue),
    e.reason ?? null,
  );
}
