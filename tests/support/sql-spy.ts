import type { Db } from '../../src-main/db/open.ts';

/**
 * Records the SQL text a connection is given from now on (every prepare, and every exec when
 * asked), until `stop` puts the connection's own methods back. For tests that check what SQL
 * the app writes: its plans, or that no user value reaches it.
 */
export function recordSql(db: Db, opts: { exec?: boolean } = {}): { seen: string[]; stop: () => void } {
  const seen: string[] = [];
  const prepare = db.prepare.bind(db);
  const exec = db.exec.bind(db);
  db.prepare = ((sql: string) => {
    seen.push(sql);
    return prepare(sql);
  }) as typeof db.prepare;
  if (opts.exec) {
    db.exec = ((sql: string) => {
      seen.push(sql);
      return exec(sql);
    }) as typeof db.exec;
  }
  return {
    seen,
    stop: () => {
      db.prepare = prepare;
      db.exec = exec;
    },
  };
}
