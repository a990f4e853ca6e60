import type { Db } from '../../db/open.ts';
import { normaliseLabel } from '../../domain/reasons.ts';
import type { Milestone } from '../../domain/stages.ts';
import type { HouseholdColumn } from '../records/import-record.ts';

export interface ExistingHousehold {
  id: number;
  reference: string;
  episode: number;
  updated_at: string;
  first_name: string | null;
  surname: string | null;
  email: string | null;
  telephone: string | null;
  postcode: string | null;
  source: string | null;
  pathway: string;
  household_type: string | null;
  notes: string | null;
  enquiry_date: string | null;
  responded_date: string | null;
  /** Set once its personal details were erased: an import never fills them again. */
  purged_at: string | null;
}

export interface Provenance {
  source: 'hand' | 'import';
  batch: number | null;
}

export interface ExistingMilestone {
  id: number;
  kind: Milestone;
  date: string;
  source: 'hand' | 'import';
  batch_id: number | null;
}

export interface ClosureRow {
  id: number;
  episode: number;
  date: string;
  stage_reached: string;
  reason_key: string;
  reason_text: string | null;
  ended_by: string;
  source: 'hand' | 'import';
  batch_id: number | null;
}

export interface CessationRow {
  id: number;
  date: string;
  reason_key: string;
  reason_text: string | null;
  initiated_by: string;
  source: 'hand' | 'import';
  batch_id: number | null;
}

const nameKey = (first: string | null | undefined, surname: string | null | undefined) =>
  `${normaliseLabel(first ?? '')}|${normaliseLabel(surname ?? '')}`;
export const phoneKey = (t: string | null | undefined): string => {
  const digits = (t ?? '').replace(/\D/g, '').replace(/^44/, '0');
  return digits.length >= 7 ? digits : '';
};

/**
 * Every household the import might meet, indexed once (batch lookups instead of one query
 * per row); milestones, provenance and closures are fetched per matched household through
 * prepared statements.
 */
export class ExistingIndex {
  readonly byRef = new Map<string, ExistingHousehold>();
  readonly #rows: ExistingHousehold[];
  #secondary: Record<
    'byEmail' | 'byNamePostcode' | 'byName' | 'byPhone',
    Map<string, ExistingHousehold[]>
  > | null = null;
  /** Purged references (the purge ledger) with when: a new row with one of them stays erased. */
  readonly purged = new Map<string, string>();
  readonly #milestones;
  readonly #sources;
  readonly #closure;
  readonly #cessation;
  /** The database read, for readers of what else a household holds (apply/extras.ts). */
  readonly db: Db;

  constructor(db: Db) {
    this.db = db;
    const rows = db
      .prepare<[], ExistingHousehold>(
        `SELECT id, reference, episode, updated_at, first_name, surname, email, telephone, postcode, source,
                pathway, household_type, notes, enquiry_date, responded_date, purged_at FROM households`,
      )
      .all();
    for (const h of rows) this.byRef.set(h.reference, h);
    this.#rows = rows;
    const ledger = db
      .prepare<[], number>(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'purge_ledger'",
      )
      .pluck()
      .get();
    if (ledger) {
      for (const e of db
        .prepare<[], { reference: string; purged_at: string }>(
          'SELECT reference, purged_at FROM purge_ledger',
        )
        .all())
        this.purged.set(e.reference, e.purged_at);
    }
    this.#milestones = db.prepare<[number, number], ExistingMilestone>(
      'SELECT id, kind, date, source, batch_id FROM milestones WHERE household_id = ? AND episode = ?',
    );
    this.#sources = db.prepare<
      [number],
      { field: string; source: 'hand' | 'import'; batch_id: number | null }
    >('SELECT field, source, batch_id FROM field_sources WHERE household_id = ?');
    this.#closure = db.prepare<[number, number], ClosureRow>(
      `SELECT id, episode, date, stage_reached, reason_key, reason_text, ended_by, source, batch_id
       FROM closures WHERE household_id = ? AND episode = ?`,
    );
    this.#cessation = db.prepare<[number], CessationRow>(
      `SELECT id, date, reason_key, reason_text, initiated_by, source, batch_id FROM cessations WHERE household_id = ?`,
    );
  }

  /**
   * Households by email, name (and postcode) and telephone: only rows without a reference and
   * new households' near matches need them, so they are built on first use (an unchanged
   * re-import never does).
   */
  #index() {
    if (this.#secondary) return this.#secondary;
    const m = {
      byEmail: new Map<string, ExistingHousehold[]>(),
      byNamePostcode: new Map<string, ExistingHousehold[]>(),
      byName: new Map<string, ExistingHousehold[]>(),
      byPhone: new Map<string, ExistingHousehold[]>(),
    };
    const push = (map: Map<string, ExistingHousehold[]>, key: string, h: ExistingHousehold) => {
      if (!key) return;
      const list = map.get(key);
      if (list) list.push(h);
      else map.set(key, [h]);
    };
    for (const h of this.#rows) {
      if (h.email) push(m.byEmail, h.email.toLowerCase(), h);
      if (h.surname) {
        push(m.byName, nameKey(h.first_name, h.surname), h);
        if (h.postcode)
          push(m.byNamePostcode, `${nameKey(h.first_name, h.surname)}|${normaliseLabel(h.postcode)}`, h);
      }
      push(m.byPhone, phoneKey(h.telephone), h);
    }
    return (this.#secondary = m);
  }
  get byEmail() {
    return this.#index().byEmail;
  }
  get byNamePostcode() {
    return this.#index().byNamePostcode;
  }
  get byName() {
    return this.#index().byName;
  }
  get byPhone() {
    return this.#index().byPhone;
  }

  milestones(h: ExistingHousehold): ExistingMilestone[] {
    return this.#milestones.all(h.id, h.episode);
  }
  provenance(h: ExistingHousehold): Map<string, Provenance> {
    return new Map(this.#sources.all(h.id).map((r) => [r.field, { source: r.source, batch: r.batch_id }]));
  }
  closure(h: ExistingHousehold): ClosureRow | null {
    return this.#closure.get(h.id, h.episode) ?? null;
  }
  cessation(h: ExistingHousehold): CessationRow | null {
    return this.#cessation.get(h.id) ?? null;
  }

  /** Rows without a reference: one household with the same email, or the same name and postcode. */
  matchWithoutReference(v: Partial<Record<HouseholdColumn, string>>): ExistingHousehold[] {
    if (v.email) {
      const hits = this.byEmail.get(v.email) ?? [];
      if (hits.length > 0) return hits;
    }
    if (v.surname && v.postcode) {
      return (
        this.byNamePostcode.get(`${nameKey(v.first_name, v.surname)}|${normaliseLabel(v.postcode)}`) ?? []
      );
    }
    return [];
  }

  sameName(first: string | undefined, surname: string | undefined): ExistingHousehold[] {
    return surname ? (this.byName.get(nameKey(first, surname)) ?? []) : [];
  }
}

/** Detects writes between the preview and the commit: the plan is only valid for this state. */
export function databaseFingerprint(db: Db): string {
  const row = db
    .prepare<[], { a: number; h: number; m: number; u: string }>(
      `SELECT (SELECT COALESCE(MAX(id), 0) FROM audit_log) AS a, (SELECT COUNT(*) FROM households) AS h,
              (SELECT COALESCE(MAX(id), 0) + COUNT(*) FROM milestones) AS m,
              (SELECT COALESCE(MAX(updated_at), '') FROM households) AS u`,
    )
    .get()!;
  return `${row.a}:${row.h}:${row.m}:${row.u}`;
}
