/**
 * Where a bench task's database time goes, statement by statement: wraps better-sqlite3's
 * prepared statements, runs one bench task in this process, and prints the statements with
 * the most total time. An import runs inline (no worker: "inline" is set for it) so every
 * statement is seen:
 *   node --import tsx tests/bench/sql-profile.ts TASK 'JSON ARGS'
 */
import Database from 'better-sqlite3';

const stats = new Map<string, { n: number; ms: number }>();
const proto = Database.prototype as unknown as {
  prepare(sql: string): Record<string, unknown>;
  exec(sql: string): unknown;
};
const prepare = proto.prepare;
const exec = proto.exec;
const keyOf = (sql: string) => sql.replace(/\s+/g, ' ').trim().slice(0, 140);
const count = (key: string, ms: number) => {
  const s = stats.get(key) ?? { n: 0, ms: 0 };
  s.n++;
  s.ms += ms;
  stats.set(key, s);
};
// Schema work (an index rebuilt after a large load, a table emptied) runs through exec.
proto.exec = function (this: unknown, sql: string) {
  const t = performance.now();
  try {
    return exec.call(this, sql);
  } finally {
    count(`exec: ${keyOf(sql)}`, performance.now() - t);
  }
};
proto.prepare = function (this: unknown, sql: string) {
  const stmt = prepare.call(this, sql);
  const key = keyOf(sql);
  for (const m of ['run', 'get', 'all']) {
    const fn = stmt[m] as (...a: unknown[]) => unknown;
    stmt[m] = (...args: unknown[]) => {
      const t = performance.now();
      try {
        return fn.apply(stmt, args);
      } finally {
        count(key, performance.now() - t);
      }
    };
  }
  return stmt;
};

const { importTasks } = await import('./cases/import.ts');
const { reportTasks } = await import('./cases/reports.ts');
const tasks: Record<string, (a: never) => Promise<Record<string, unknown>>> = {
  ...importTasks,
  ...reportTasks,
};
const [task, json] = process.argv.slice(2);
const t0 = performance.now();
const args = JSON.parse(json!) as Record<string, unknown>;
if (task!.startsWith('import.')) args.inline = true;
const result = await tasks[task!]!(args as never);
const wall = performance.now() - t0;
const total = [...stats.values()].reduce((a, s) => a + s.ms, 0);
console.log(`task ${task}: ${Math.round(wall)} ms wall, ${Math.round(total)} ms in SQL statements`);
console.log(JSON.stringify(result).slice(0, 300));
for (const [sql, s] of [...stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 30)) {
  console.log(`${Math.round(s.ms).toString().padStart(7)} ms ${String(s.n).padStart(8)}×  ${sql}`);
}
