import Database from 'better-sqlite3';
import type { Db } from '../../src-main/db/open.ts';

/**
 * One statement the app ran, as SQLite planned it with the values it was actually given: a partial
 * index is taken whenever the WHERE implies its condition, and SQLite re-prepares a statement with a
 * bound value once that value decides it (`e.pathway = ?` with 'kinship' implies
 * `pathway = 'kinship' OR …`), so a plan with every parameter NULL (query-plans.ts planOf) cannot
 * show it.
 */
export interface BoundPlan {
  sql: string;
  /** The first values seen for this statement's key (see `valueKey`). */
  params: unknown[];
  /** Where in src-main the statement was prepared: `db/queries/forecast-source.ts readChunk`. */
  site: string;
  /** What the test was doing when it ran (`during` given to recordBoundPlans). */
  during: string;
  plan: string[];
  /**
   * Where `plan` takes a partial index: the plan with every value NULL. A partial index in `plan`
   * and not here was taken because of a value bound (as the forecast's read took
   * episodes_by_kinship once 'kinship' was bound).
   */
  nullPlan?: string[];
}

export interface PartialIndex {
  name: string;
  table: string;
  where: string;
}

/** Every partial index of the connection's schema, with its condition. */
export function partialIndexes(db: Db): PartialIndex[] {
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  return tables.flatMap((table) =>
    (db.pragma(`index_list("${table}")`) as Array<{ name: string; partial: number }>)
      .filter((i) => i.partial === 1)
      .map((i) => {
        const sql = db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').pluck().get(i.name) as string;
        return { name: i.name, table, where: sql.replace(/\s+/g, ' ').replace(/^.*?\)\s*WHERE\s+/i, '') };
      }),
  );
}

const srcMain = /[\\/]src-main[\\/](.+?\.ts):\d+:\d+\)?$/;
/** Frames that only pass SQL on: the statement belongs to their caller. */
const PASSERS = /^db\/(prepared|bulk-insert)\.ts$/;

/**
 * The innermost frame in src-main that is not a helper passing SQL on, as `file function`; an
 * anonymous function (a callback) is named by the nearest named function of the same file it runs in.
 */
function siteOf(stack: string): string {
  let file: string | null = null;
  for (const line of stack.split('\n').slice(1)) {
    const frame = line.trim();
    const m = srcMain.exec(frame);
    if (!m) continue;
    const at = m[1]!.replace(/\\/g, '/');
    if (file === null) {
      if (PASSERS.test(at)) continue;
      file = at;
    } else if (at !== file) break;
    const fn = /^at (?:async )?(?:new )?(?:Object\.)?([\w$.<>]+) \(/.exec(frame)?.[1];
    if (fn) return `${file} ${fn}`;
  }
  return file === null ? '(not prepared in src-main)' : `${file} (anonymous)`;
}

/**
 * Records, from now until `stop`, every statement any connection in this process runs (run, get,
 * all, iterate; values given to `bind` count as given; each statement of a db.exec, without values), and plans each (EXPLAIN QUERY PLAN on the
 * same connection, with the same values, just before it runs). It wraps better-sqlite3's
 * Database.prototype.prepare and exec and its Statement methods, for the test that calls it only.
 *
 * A statement is planned once per key: what the test was doing (`during`), its SQL and its values, where a value counts as itself only
 * if it is NULL or equals a literal of `literals` (the partial indexes' conditions: only such a
 * value can make a WHERE imply one), and otherwise as its type; so an import's ten thousand
 * inserts are planned a few times, not ten thousand.
 */
export function recordBoundPlans(
  indexes: PartialIndex[],
  during: () => string,
): { plans: () => BoundPlan[]; stop: () => void } {
  const literals = literalsOf(indexes);
  const partial = new RegExp(`\\bINDEX (${indexes.map((i) => i.name).join('|')})\\b`);
  const probe = new Database(':memory:');
  const statementProto = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, unknown>;
  probe.close();
  const databaseProto = Database.prototype as unknown as Record<string, unknown>;
  const originals = {
    prepare: databaseProto.prepare as (this: Db, sql: string) => unknown,
    run: statementProto.run as (...a: unknown[]) => unknown,
    get: statementProto.get as (...a: unknown[]) => unknown,
    all: statementProto.all as (...a: unknown[]) => unknown,
    iterate: statementProto.iterate as (...a: unknown[]) => unknown,
    bind: statementProto.bind as (...a: unknown[]) => unknown,
    exec: databaseProto.exec as (this: Db, sql: string) => unknown,
  };
  const sites = new WeakMap<object, string>();
  const bound = new WeakMap<object, unknown[]>();
  const seen = new Map<string, BoundPlan>();
  let inside = false;

  const valueKey = (v: unknown): unknown => {
    if (v === null || v === undefined) return null;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint') {
      return literals.has(String(v)) ? v.toString() : `<${typeof v}>`;
    }
    if (Buffer.isBuffer(v) || v instanceof Uint8Array) return '<blob>';
    if (typeof v === 'object') {
      return Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, valueKey(x)]));
    }
    return `<${typeof v}>`;
  };

  const note = (st: { source: string; database: Db }, params: unknown[]) => {
    if (inside) return;
    const key = `${during()}\u0000${st.source}\u0000${JSON.stringify(params.map(valueKey))}`;
    if (seen.has(key)) return;
    inside = true;
    try {
      const plan = originals.prepare.call(st.database, `EXPLAIN QUERY PLAN ${st.source}`) as object as {
        all: (...a: unknown[]) => unknown[];
      };
      const explain = (values: unknown[]) =>
        (originals.all.apply(plan, values) as Array<{ detail: string }>).map((r) => r.detail);
      const lines = explain(params);
      seen.set(key, {
        sql: st.source,
        params,
        site: sites.get(st) ?? '(not prepared in src-main)',
        during: during(),
        plan: lines,
        ...(lines.some((l) => partial.test(l)) && { nullPlan: explain(params.map(nullOf)) }),
      });
    } finally {
      inside = false;
    }
  };

  databaseProto.prepare = function (this: Db, sql: string) {
    const st = originals.prepare.call(this, sql) as object;
    if (!inside) {
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 40;
      sites.set(st, siteOf(new Error().stack ?? ''));
      Error.stackTraceLimit = limit;
    }
    return st;
  };
  for (const method of ['run', 'get', 'all', 'iterate'] as const) {
    const original = originals[method];
    statementProto[method] = function (this: { source: string; database: Db }, ...params: unknown[]) {
      note(this, params.length > 0 ? params : (bound.get(this) ?? []));
      return original.apply(this, params);
    };
  }
  // db.exec runs its statements without a Statement: each is cut off at a `;` where SQLite finds
  // it complete (it says "incomplete input" inside a trigger's BEGIN … END), planned, and run alone,
  // in order, as exec would run it (so a statement is planned after the ones before it ran).
  databaseProto.exec = function (this: Db, sql: string) {
    if (inside) return originals.exec.call(this, sql);
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 40;
    const site = siteOf(new Error().stack ?? '');
    Error.stackTraceLimit = limit;
    let from = 0;
    for (let at = sql.indexOf(';'); from < sql.length; at = sql.indexOf(';', at + 1)) {
      const end = at < 0 ? sql.length : at + 1;
      const one = sql.slice(from, end);
      if (one.trim() === '' || /^\s*(--[^\n]*\n\s*)*;?\s*$/.test(one)) {
        from = end;
        if (at < 0) break;
        continue;
      }
      let complete = true;
      try {
        const st = originals.prepare.call(this, one) as object;
        sites.set(st, site);
        note(st as { source: string; database: Db }, []);
      } catch (e) {
        if (at >= 0 && /incomplete input|unrecognized token/.test((e as Error).message)) complete = false;
        // Anything else (a table an earlier statement makes, a fault) is for exec to meet as it would.
      }
      if (!complete) continue;
      originals.exec.call(this, one);
      from = end;
      if (at < 0) break;
    }
    return this;
  };
  statementProto.bind = function (this: object, ...params: unknown[]) {
    bound.set(this, params);
    return originals.bind.apply(this, params);
  };

  return {
    plans: () => [...seen.values()],
    stop: () => {
      databaseProto.prepare = originals.prepare;
      databaseProto.exec = originals.exec;
      for (const method of ['run', 'get', 'all', 'iterate', 'bind'] as const)
        statementProto[method] = originals[method];
    },
  };
}

/** A value as NULL: positional values, or each of a named set. */
function nullOf(v: unknown): unknown {
  if (v && typeof v === 'object' && !(v instanceof Uint8Array)) {
    return Object.fromEntries(Object.keys(v).map((k) => [k, null]));
  }
  return null;
}

/** The literals (quoted strings and numbers) of the partial indexes' conditions. */
function literalsOf(indexes: PartialIndex[]): Set<string> {
  const out = new Set<string>();
  for (const { where } of indexes) {
    for (const m of where.matchAll(/'((?:[^']|'')*)'|\b(\d+(?:\.\d+)?)\b/g))
      out.add(m[1]?.replace(/''/g, "'") ?? m[2]!);
  }
  return out;
}

/**
 * Each statement of each trigger of the connection's schema, planned as SQLite plans it when the
 * trigger fires. EXPLAIN QUERY PLAN of the statement that fires a trigger leaves the trigger's own
 * statements out, so they are read from sqlite_schema, cut at each `;` outside quotes and comments,
 * and planned alone with each NEW.x and OLD.x as a NULL parameter (a column's value, not a scan).
 * `site` is `trigger <name> (on <table>)`, `during` is 'trigger'.
 */
export function triggerPlans(db: Db): BoundPlan[] {
  const triggers = db
    .prepare("SELECT name, tbl_name AS tbl, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name")
    .all() as Array<{ name: string; tbl: string; sql: string }>;
  return triggers.flatMap(({ name, tbl, sql }) => {
    const body = /\bBEGIN\b([\s\S]*)\bEND\s*;?\s*$/i.exec(sql)?.[1];
    if (body === undefined) throw new Error(`trigger ${name}: no BEGIN … END in ${sql}`);
    return statementsOf(body).map((statement) => {
      let count = 0;
      const planned = statement.replace(/\b(?:NEW|OLD)\.(?:"[^"]+"|\w+)/gi, () => {
        count++;
        return '?';
      });
      const plan = (
        db.prepare(`EXPLAIN QUERY PLAN ${planned}`).all(...Array<null>(count).fill(null)) as Array<{
          detail: string;
        }>
      ).map((r) => r.detail);
      return { sql: statement, params: [], site: `trigger ${name} (on ${tbl})`, during: 'trigger', plan };
    });
  });
}

/** The statements of `body`, cut at each `;` outside quotes and comments. */
function statementsOf(body: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === "'" || c === '"' || c === '`' || c === '[') {
      const close = c === '[' ? ']' : c;
      i = body.indexOf(close, i + 1);
      if (i < 0) break;
    } else if (c === '-' && body[i + 1] === '-') {
      i = body.indexOf('\n', i);
      if (i < 0) break;
    } else if (c === '/' && body[i + 1] === '*') {
      i = body.indexOf('*/', i + 2) + 1;
      if (i <= 0) break;
    } else if (c === ';') {
      out.push(body.slice(from, i));
      from = i + 1;
    }
  }
  out.push(body.slice(from));
  return out.map((s) => s.trim()).filter((s) => s !== '');
}
