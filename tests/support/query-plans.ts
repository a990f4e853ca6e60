import type { Db } from '../../src-main/db/open.ts';

/**
 * The plan of one statement, its parameters bound to NULL: `?` by position, `@name` by name. The
 * plan does not depend on the values, except where a value makes the WHERE imply a partial index's
 * condition (`pathway = ?` with 'kinship', 1460e8d): bound-plans.ts plans with the values run.
 */
export function planOf(db: Db, sql: string): string[] {
  const named = Object.fromEntries([...sql.matchAll(/@(\w+)/g)].map((m) => [m[1]!, null]));
  const positional = Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => null);
  const params = Object.keys(named).length > 0 ? [...positional, named] : positional;
  return db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...params)
    .map((r) => (r as { detail: string }).detail);
}

/** Every SELECT (or WITH) that `run` prepares, with its plan. */
export function plansOf(db: Db, run: () => void): Array<{ sql: string; plan: string[] }> {
  const seen: Array<{ sql: string; plan: string[] }> = [];
  const prepare = db.prepare.bind(db);
  const spy = ((sql: string) => {
    if (/^\s*(WITH|SELECT)/i.test(sql)) seen.push({ sql, plan: planOf({ prepare } as Db, sql) });
    return prepare(sql);
  }) as Db['prepare'];
  db.prepare = spy;
  try {
    run();
  } finally {
    db.prepare = prepare;
  }
  return seen;
}
