import type { Statement } from 'better-sqlite3';
import type { Db } from './open.ts';

const byConnection = new WeakMap<Db, Map<string, Statement<unknown[], unknown>>>();

/**
 * The connection's one prepared statement for `sql`, for queries run once per household inside
 * a loop (an undo, a purge, sample generation). Preparing each time costs time (a DELETE from
 * households compiles every cascade) and native memory that better-sqlite3 gives back only after
 * a garbage collection and a turn of the event loop, neither of which comes inside one
 * transaction: an undo of 5,000 households prepared 10,000 statements, 14.6 s and 376 MB,
 * against 3.2 s and 15 MB prepared once. Only for `.get`, `.all` and `.run` (a statement being
 * iterated is busy), and `pluck` is part of the key, since it changes the statement for everyone.
 */
export function prepared<P extends unknown[] = unknown[], R = unknown>(
  db: Db,
  sql: string,
  options: { pluck?: boolean } = {},
): Statement<P, R> {
  let statements = byConnection.get(db);
  if (!statements) byConnection.set(db, (statements = new Map()));
  const key = options.pluck ? `pluck:${sql}` : sql;
  let st = statements.get(key);
  if (!st) {
    st = db.prepare(sql);
    if (options.pluck) st.pluck();
    statements.set(key, st);
  }
  return st as unknown as Statement<P, R>;
}
