import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The core's floors (house style, issue 12 item 4): db/ imports nothing from contract/ (the
 * shapes both need live in domain/), SQL lives in db/ alone (the doors, reports, import and sample
 * hold none), every journey row is written by db/journey-rows.ts, and no two modules of src-main
 * import each other round a cycle. Read from the source, like the SQL check beside it.
 */
const ROOT = join(import.meta.dirname, '../../..');
const SRC = join(ROOT, 'src-main');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(join(dir, e.name))
      : /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

const rel = (file: string) => relative(ROOT, file).split('\\').join('/');

/** The relative modules a file imports or re-exports (type-only ones included: they are arrows too). */
export function importsOf(source: string): string[] {
  const out: string[] = [];
  const re =
    /(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;
  for (let m = re.exec(source); m; m = re.exec(source)) out.push((m[1] ?? m[2])!);
  return out;
}

/** Every cycle in a graph, each once, as the list of its nodes (Tarjan's strongly connected components). */
export function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const deps = importsOf(readFileSync(file, 'utf8')).map((spec) => rel(resolve(dirname(file), spec)));
    graph.set(rel(file), deps);
  }
  return graph;
}

/**
 * A statement run (prepare, exec, pragma), or SQL text: a SELECT … FROM, INSERT INTO, UPDATE … SET,
 * DELETE FROM or a WITH … AS ( query, in code or in a string.
 */
export function holdsSql(source: string): boolean {
  return (
    /\.(prepare|pragma)\s*(<[^()]*?>)?\s*\(/.test(source) ||
    // db.exec(`…`), not a regular expression's exec(value).
    /\.exec\s*\(\s*[`'"]/.test(source) ||
    /\bSELECT\s+\S+[\s\S]*?\bFROM\b/.test(source) ||
    /\bINSERT\s+(OR\s+\w+\s+)?INTO\b/.test(source) ||
    /\bUPDATE\s+\w+\s+SET\b/.test(source) ||
    /\bDELETE\s+FROM\b/.test(source) ||
    /\bWITH\s+\w+\s+AS\s+(MATERIALIZED\s+)?\(/.test(source)
  );
}

describe('the core’s floors', () => {
  it('db/ imports nothing from contract/ (shared shapes live in domain/)', () => {
    const offenders = sourceFiles(join(SRC, 'db'))
      .filter((f) => importsOf(readFileSync(f, 'utf8')).some((spec) => /(^|\/)contract\//.test(spec)))
      .map(rel);
    expect(offenders).toEqual([]);
  });

  it('every journey row (milestones, endings, pathway switches, kinship and panel steps) is written by db/journey-rows.ts alone', () => {
    const writes =
      /\b(INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+(milestones|closures|cessations|pathway_changes|journey_dates)\b|UPDATE\s+households\s+SET\s+[^`'"]*\b(episode|responded_date|pathway)\s*=/;
    const offenders = sourceFiles(SRC)
      .map(rel)
      .filter((f) => f !== 'src-main/db/journey-rows.ts' && !f.startsWith('src-main/db/migrations/'))
      .filter((f) => writes.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
    expect(writes.test('UPDATE closures SET reopened_on = ?')).toBe(true);
    expect(writes.test('UPDATE households SET episode = ?, responded_date = NULL')).toBe(true);
  });

  it('SQL lives in db/ alone: reports/, import/, sample/ and the doors hold none (a PostgreSQL port is one folder)', () => {
    const offenders = sourceFiles(SRC)
      .map(rel)
      .filter((f) => !f.startsWith('src-main/db/'))
      .filter((f) => holdsSql(readFileSync(join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
    expect(holdsSql('const m = /x/.exec(value);')).toBe(false);
    expect(holdsSql("db.exec('DROP INDEX x')")).toBe(true);
  });

  it('no module of src-main imports itself back round a cycle', () => {
    expect(cycles(importGraph())).toEqual([]);
  });

  it('finds a cycle and a contract import when there is one (the checks can fail)', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(cycles(g)).toEqual([['a', 'b', 'c']]);
    expect(
      importsOf("import type { X } from '../../contract/errors.ts';\nexport { Y } from './y.ts';"),
    ).toEqual(['../../contract/errors.ts', './y.ts']);
    expect(holdsSql('const q = `SELECT household_id\n  FROM episodes WHERE x = ?`;')).toBe(true);
    expect(holdsSql("db.prepare('PRAGMA user_version')")).toBe(true);
    expect(holdsSql("const s = 'UPDATE households SET x = 1';")).toBe(true);
    expect(holdsSql("const s = 'DELETE FROM closures';")).toBe(true);
    expect(holdsSql('// Select the households from the list')).toBe(false);
  });
});
