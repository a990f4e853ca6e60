import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations/index.ts';

type Db = Database.Database;

/** One schema object: `type name` → its CREATE statement, whitespace normalised. */
export type SchemaMap = Map<string, string>;

/** Whitespace runs become one space, and none is kept beside brackets and commas. */
const normalise = (sql: string): string =>
  sql
    .replace(/\s+/g, ' ')
    .replace(/\s*([(),])\s*/g, '$1')
    .trim();

/** Every table, index, trigger and view the file defines (SQLite's own objects aside). */
export function schemaOf(db: Db): SchemaMap {
  const rows = db
    .prepare<[], { type: string; name: string; sql: string | null }>(
      "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )
    .all();
  return new Map(rows.map((r) => [`${r.type} ${r.name}`, normalise(r.sql ?? '')]));
}

const expected = new Map<number, SchemaMap>();

/**
 * The app's own schema at `version`, built by running its migrations 1 to `version` on an
 * empty in-memory database (so it is exactly what the app makes, never a hand-kept copy).
 */
export function expectedSchema(version: number): SchemaMap {
  let schema = expected.get(version);
  if (!schema) {
    const db = new Database(':memory:');
    try {
      for (const m of MIGRATIONS) if (m.version <= version) m.up(db);
      schema = schemaOf(db);
    } finally {
      db.close();
    }
    expected.set(version, schema);
  }
  return schema;
}

/**
 * How a database's schema differs from the app's at its version, as short phrases (at most
 * `limit`), or [] when it is exactly the app's. An extra trigger or view could silently
 * change what the app's own statements do (a BEFORE UPDATE … RAISE(IGNORE) trigger turns an
 * erasure into a no-op), so any difference at all refuses the file.
 */
export function schemaDifferences(db: Db, version: number, limit = 3): string[] {
  const want = expectedSchema(version);
  const have = schemaOf(db);
  const out: string[] = [];
  for (const [key, sql] of have) {
    if (!want.has(key)) out.push(`an extra ${key}`);
    else if (want.get(key) !== sql) out.push(`a changed ${key}`);
  }
  for (const key of want.keys()) if (!have.has(key)) out.push(`no ${key}`);
  return out.slice(0, limit);
}

/** Tables every Fostering Funnel database has had since schema 1. */
const OWN_TABLES = ['households', 'milestones', 'closures', 'import_batches', 'audit_log'];

/**
 * The app opens only its own files. Schema 0 is a database nothing has been created in yet
 * (a file the app created, interrupted before its first migration): it must be empty of
 * every table, view and trigger. Schema 1 and later must hold the app's own tables. Any
 * other SQLite file (another program's, its user_version 0 or not) is someone else's.
 */
export function isOwnSchema(probe: Db, version: number): boolean {
  const names = new Set(
    probe.prepare<[], string>("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").pluck().all(),
  );
  if (version === 0) return names.size === 0;
  return OWN_TABLES.every((t) => names.has(t));
}
