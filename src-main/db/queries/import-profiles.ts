import type { Db } from '../open.ts';

/**
 * Saved column mappings ("profiles"): header → field key (null: not imported), the header as the
 * file wrote it (folded, "fostercarerno", in profiles saved by earlier versions).
 * They are written by the import's commit, in its transaction (import/apply/commit.ts).
 */
export interface ImportProfileRow {
  name: string;
  kind: 'enquiries' | 'carers';
  headerSignature: string;
  mapping: Record<string, string | null>;
  updatedAt: string;
}

interface Raw {
  name: string;
  kind: 'enquiries' | 'carers';
  header_signature: string;
  mapping: string;
  updated_at: string;
}

const rowToProfile = (r: Raw): ImportProfileRow => ({
  name: r.name,
  kind: r.kind,
  headerSignature: r.header_signature,
  mapping: JSON.parse(r.mapping) as Record<string, string | null>,
  updatedAt: r.updated_at,
});

const COLUMNS = 'name, kind, header_signature, mapping, updated_at';

export function listProfiles(db: Db): ImportProfileRow[] {
  return db.prepare<[], Raw>(`SELECT ${COLUMNS} FROM import_profiles ORDER BY name`).all().map(rowToProfile);
}

export function profileByName(db: Db, name: string): ImportProfileRow | null {
  const r = db.prepare<[string], Raw>(`SELECT ${COLUMNS} FROM import_profiles WHERE name = ?`).get(name);
  return r ? rowToProfile(r) : null;
}

/** The most recently saved profile for files with exactly these headers. */
export function profileForSignature(db: Db, signature: string): ImportProfileRow | null {
  const r = db
    .prepare<[string], Raw>(
      `SELECT ${COLUMNS} FROM import_profiles WHERE header_signature = ? ORDER BY updated_at DESC LIMIT 1`,
    )
    .get(signature);
  return r ? rowToProfile(r) : null;
}
