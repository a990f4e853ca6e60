import type { Statement } from 'better-sqlite3';
import type { Db } from './handle.ts';

/** Rows a statement: past a few dozen, a wider statement saves nothing more (measured at 20 and 64). */
const CHUNK = 64;

export interface RowBuffer<T> {
  add(row: T): void;
  /** Writes every row added and not yet written, in the order added. */
  flush(): void;
  /** Rows waiting. */
  readonly size: number;
}

type Value = string | number | null;

/**
 * Inserts rows into one table several to a statement, positionally: a large import's new
 * households, episodes, milestones and audit entries cost a third less than one statement a
 * row bound by name (the binding and the call, not SQLite's own work, were most of it). Rows
 * wait until `flush`, which the caller calls often enough to bound the memory, and in the
 * order foreign keys need (a household before the rows that refer to it). `table` and
 * `columns` are the caller's fixed names, never a file's.
 *
 * `fixed` columns hold one value in every row of this buffer (an import's time stamp, its batch,
 * a column its new rows never fill): bound once a statement by name, each row's own `?`s are
 * fewer. Binding is most of the cost (each value crosses from JavaScript to SQLite one at a time,
 * about 0.2 µs, ten times SQLite's own insert of it), so a value not bound per row is time saved.
 * A row that gives a fixed column a different value is refused, rather than silently written
 * with the fixed one.
 */
export function rowBuffer<T>(
  db: Db,
  table: string,
  columns: ReadonlyArray<keyof T & string>,
  opts: { replace?: boolean; fixed?: NoInfer<Partial<{ [K in keyof T & string]: T[K] & Value }>> } = {},
): RowBuffer<T> & {
  /**
   * A row as its values, in `columns`' order with the fixed columns left out: for many rows of a
   * few columns (a large import's milestones and marks), which then need no object made and read.
   */
  addValues(...row: unknown[]): void;
  /** The columns addValues takes, in its order. */
  readonly own: ReadonlyArray<string>;
} {
  const fixed = (opts.fixed ?? {}) as Record<string, Value>;
  const fixedColumns = Object.keys(fixed);
  for (const c of fixedColumns)
    if (!columns.includes(c as keyof T & string)) throw new Error(`${c} is not a column of this buffer.`);
  const own = columns.filter((c) => !(c in fixed));
  const width = own.length;
  if (width === 0) throw new Error('A row buffer needs a column that is not fixed.');
  const verb = opts.replace ? 'INSERT OR REPLACE' : 'INSERT';
  // Named parameters for the fixed values (`@name`, a column's own name), `?` for a row's own.
  const one = `(${columns.map((c) => (c in fixed ? `@${c}` : '?')).join(', ')})`;
  const sql = (n: number) =>
    `${verb} INTO ${table} (${columns.join(', ')}) VALUES ${Array(n).fill(one).join(', ')}`;
  const named = fixedColumns.length > 0;
  const run = (st: Statement<unknown[]>, values: unknown[]) =>
    named ? st.run(values, fixed) : st.run(values);
  const full = db.prepare<unknown[]>(sql(CHUNK));
  const partial = new Map<number, Statement<unknown[]>>();
  const chunk: unknown[] = new Array(CHUNK * width);
  let values: unknown[] = [];
  const fixedValues = fixedColumns.map((c) => fixed[c]);
  return {
    add(row) {
      const r = row as Record<string, unknown>;
      for (let i = 0; i < fixedColumns.length; i++) {
        const v = r[fixedColumns[i]!];
        if (v !== undefined && v !== fixedValues[i])
          throw new Error(
            `${table}.${fixedColumns[i]} is fixed at ${String(fixedValues[i])} in this buffer, not ${String(v)}.`,
          );
      }
      for (let i = 0; i < width; i++) values.push(r[own[i]!]);
    },
    addValues(...row) {
      if (row.length !== width)
        throw new Error(`A row of ${table} takes ${width} values here, not ${row.length}.`);
      for (let i = 0; i < width; i++) values.push(row[i]);
    },
    flush() {
      const rows = values.length / width;
      let r = 0;
      for (; r + CHUNK <= rows; r += CHUNK) {
        for (let i = 0, at = r * width; i < CHUNK * width; i++, at++) chunk[i] = values[at];
        run(full, chunk);
      }
      const left = rows - r;
      if (left > 0) {
        let st = partial.get(left);
        if (!st) partial.set(left, (st = db.prepare<unknown[]>(sql(left))));
        run(st, values.slice(r * width));
      }
      values = [];
    },
    get size() {
      return values.length / width;
    },
    own,
  };
}
